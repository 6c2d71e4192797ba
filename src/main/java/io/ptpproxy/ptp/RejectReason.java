package io.ptpproxy.ptp;

/** Why a socket line was rejected; {@link #label()} is the {@code reason} label of the counter. */
public enum RejectReason {
    /** Blank line. */
    EMPTY("empty"),
    /** Longer than the configured maximum line length; dropped by the framing decoder. */
    TOO_LONG("too-long"),
    /** No {@code (ptp4l|ts2phc|phc2sys|synce4l|chronyd).N.config} tag where one is needed. */
    NO_CONFIG_TAG("no-config-tag"),
    /** A known line kind with fields missing. */
    TRUNCATED("truncated"),
    /** A field that must be a number is not. */
    NOT_A_NUMBER("not-a-number"),
    /** A servo state token other than s0..s3. */
    UNKNOWN_SERVO_STATE("unknown-servo-state"),
    /** A config tag that no PTP configuration knows, when unknown configs are not accepted. */
    UNKNOWN_CONFIG("unknown-config");

    private final String label;

    RejectReason(String label) {
        this.label = label;
    }

    /** @return the metric label value */
    public String label() {
        return label;
    }
}
