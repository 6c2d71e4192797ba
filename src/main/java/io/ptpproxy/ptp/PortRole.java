package io.ptpproxy.ptp;

/**
 * Role of a PTP port as the proxy reports it; {@link #metricValue()} is the value of the
 * {@code openshift_ptp_interface_role} gauge.
 */
public enum PortRole {
    PASSIVE(0),
    SLAVE(1),
    MASTER(2),
    FAULTY(3),
    UNKNOWN(4),
    LISTENING(5);

    private final int metricValue;

    PortRole(int metricValue) {
        this.metricValue = metricValue;
    }

    /** @return the {@code openshift_ptp_interface_role} gauge value */
    public int metricValue() {
        return metricValue;
    }
}
