package io.ptpproxy.ptp;

/**
 * Where the state tracker reports the {@code openshift_ptp_*} measurements (ptp-domain.md §4.1).
 * Labels follow upstream: {@code iface} is the interface alias except for interface roles (the raw
 * name) and {@code CLOCK_REALTIME}.
 */
public interface ClockMetrics {

    /** Reports nothing; for code that does not export metrics. */
    ClockMetrics NONE = new ClockMetrics() {
    };

    /** One servo sample: {@code offset_ns}, {@code max_offset_ns}, {@code frequency_adjustment_ns}, {@code delay_ns}. */
    default void servo(String from, String process, String iface, long offsetNs, long maxOffsetNs, long frequency,
                       long delayNs) {
    }

    /** {@code clock_state}: the last published state of a clock. */
    default void clockState(String process, String iface, SyncState state) {
    }

    /** {@code interface_role} of a ptp4l port (raw interface name). */
    default void interfaceRole(String process, String iface, PortRole role) {
    }

    /** {@code clock_class} of a config. */
    default void clockClass(String process, String config, int clockClass) {
    }

    /** {@code process_status}, and {@code process_restart_count} + 1 when the process comes up. */
    default void processStatus(String process, String config, boolean up) {
    }
}
