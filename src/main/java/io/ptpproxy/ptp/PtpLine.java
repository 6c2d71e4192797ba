package io.ptpproxy.ptp;

/**
 * A log line of the linuxptp stack that the proxy understood, as written to the events socket by
 * the linuxptp daemon. Every variant carries the process that wrote it and the config-name tag
 * ({@code ptp4l.0.config}); for ts2phc the tag is kept as written.
 */
public sealed interface PtpLine
        permits PtpLine.Offset, PtpLine.PortState, PtpLine.ProcessStatus, PtpLine.ClockClass {

    /** @return the process name, e.g. {@code ptp4l}, {@code phc2sys} */
    String process();

    /** @return the config-name tag, e.g. {@code ptp4l.0.config} */
    String configName();

    /**
     * A servo offset line: ptp4l {@code master offset}, or phc2sys {@code CLOCK_REALTIME phc offset}.
     *
     * @param clock {@code master} (the slave port's servo of this config) or {@code CLOCK_REALTIME}
     * @param offset offset in ns
     * @param servo servo state token
     * @param frequency frequency adjustment in ppb
     * @param delay path delay (ptp4l) or read delay (phc2sys) in ns
     */
    record Offset(String process, String configName, String clock, long offset, ServoState servo,
                  long frequency, long delay) implements PtpLine {
        public static final String MASTER = "master";
        public static final String CLOCK_REALTIME = "CLOCK_REALTIME";
    }

    /**
     * A ptp4l port state transition, e.g. {@code port 1 (ens5f0): SLAVE to FAULTY on FAULT_DETECTED}.
     *
     * @param port port number, 1-based (port 0, the management port, is never reported)
     * @param interfaceName the name printed in parentheses, or null when the line has none
     * @param from the state before, as printed ({@code SLAVE})
     * @param to the state after, as printed ({@code FAULTY})
     * @param role the role the proxy derives from the transition
     * @param lossOfSync true when the transition takes a port out of SLAVE sync (implies HOLDOVER)
     */
    record PortState(String process, String configName, int port, String interfaceName, String from,
                     String to, PortRole role, boolean lossOfSync) implements PtpLine {
    }

    /** The daemon's {@code PTP_PROCESS_STATUS:0|1} line. */
    record ProcessStatus(String process, String configName, boolean up) implements PtpLine {
    }

    /** The daemon's {@code CLOCK_CLASS_CHANGE <class>} line. */
    record ClockClass(String process, String configName, int clockClass) implements PtpLine {
    }
}
