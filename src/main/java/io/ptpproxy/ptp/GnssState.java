package io.ptpproxy.ptp;

/**
 * The O-RAN GNSS sync status reported for a T-GM's GNSS receiver (ptp-domain.md §2.9).
 * {@link #value()} is the enumeration string on the wire.
 */
public enum GnssState {
    SYNCHRONIZED("SYNCHRONIZED"),
    ACQUIRING_SYNC("ACQUIRING-SYNC"),
    FAILURE_NOFIX("FAILURE-NOFIX");

    private final String value;

    GnssState(String value) {
        this.value = value;
    }

    /** @return the wire value */
    public String value() {
        return value;
    }

    /**
     * @param line a GNSS status line
     * @param thresholds the profile's offset window
     * @return SYNCHRONIZED when locked within the window, else ACQUIRING-SYNC with any fix, else FAILURE-NOFIX
     */
    public static GnssState of(PtpLine.GnssStatus line, Thresholds thresholds) {
        if (line.syncState() == SyncState.LOCKED && thresholds.inRange(line.offset())) {
            return SYNCHRONIZED;
        }
        return line.fix() >= 1 ? ACQUIRING_SYNC : FAILURE_NOFIX;
    }
}
