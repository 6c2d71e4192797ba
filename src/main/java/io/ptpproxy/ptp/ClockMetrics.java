package io.ptpproxy.ptp;

import java.util.Set;

/**
 * Where the state tracker reports the {@code openshift_ptp_*} measurements (ptp-domain.md §4.1).
 * Labels follow upstream: {@code iface} is the interface alias except for interface roles (the raw
 * name), {@code CLOCK_REALTIME} and SyncE ports (the raw port name).
 */
public interface ClockMetrics {

    /** Reports nothing; for code that does not export metrics. */
    ClockMetrics NONE = new ClockMetrics() {
    };

    /** One servo sample: {@code offset_ns}, {@code max_offset_ns}, {@code frequency_adjustment_ns}, {@code delay_ns}. */
    default void servo(String from, String process, String iface, long offsetNs, long maxOffsetNs, long frequency,
                       long delayNs) {
    }

    /** {@code offset_ns} alone, for sources that report nothing else (GNSS, DPLL, T-BC). */
    default void offset(String from, String process, String iface, long offsetNs) {
    }

    /** {@code clock_state}: the state of a clock (the last published one for event-driving clocks). */
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

    /** {@code nmea_status} of a T-GM interface (ts2phc): 1 when the NMEA time source is available. */
    default void nmeaStatus(String iface, boolean available) {
    }

    /** {@code frequency_status}, {@code phase_status} and {@code pps_status} of a DPLL (status codes as printed). */
    default void dpllStatus(String iface, int frequencyStatus, int phaseStatus, int ppsStatus) {
    }

    /** {@code gnss_status}: the GNSS fix mode 0..5 of a T-GM interface. */
    default void gnssStatus(String iface, int fix) {
    }

    /** {@code ha_profile_status} of a phc2sys high-availability profile: 1 ACTIVE, 0 INACTIVE. */
    default void haProfileStatus(String profile, boolean active) {
    }

    /**
     * {@code synce_ssm_ql} (SSM and Extended SSM) and {@code synce_clock_quality} (their sum) of a SyncE
     * port; a previous sample of the same port under another network option is replaced.
     */
    default void synceQuality(String config, String device, String iface, int networkOption, int ql,
                              int extendedQl) {
    }

    /** Removes every series except the profile thresholds, which come from the configuration. */
    default void reset() {
    }

    /**
     * Removes every series of configs that disappeared: those labelled with one of the configs
     * ({@code config}, or {@code profile} for SyncE) and those of the interfaces no other config uses.
     */
    default void forget(Set<String> configs, Set<String> ifaces) {
    }
}
