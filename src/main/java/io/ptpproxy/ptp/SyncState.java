package io.ptpproxy.ptp;

/**
 * Synchronization state of a clock as O-RAN reports it (lock-state, os-clock-sync-state, sync-state).
 *
 * <p>{@link #metricValue()} is the value of the {@code openshift_ptp_clock_state} gauge
 * ({@code 0 = FREERUN, 1 = LOCKED, 2 = HOLDOVER}).
 */
public enum SyncState {
    LOCKED(1, 0),
    HOLDOVER(2, 1),
    FREERUN(0, 2);

    private final int metricValue;
    private final int severity;

    SyncState(int metricValue, int severity) {
        this.metricValue = metricValue;
        this.severity = severity;
    }

    /** @return the {@code openshift_ptp_clock_state} gauge value */
    public int metricValue() {
        return metricValue;
    }

    /** @return the worse of the two states (FREERUN &gt; HOLDOVER &gt; LOCKED) */
    public SyncState worst(SyncState other) {
        return other != null && other.severity > severity ? other : this;
    }
}
