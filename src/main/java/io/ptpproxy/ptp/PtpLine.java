package io.ptpproxy.ptp;

/**
 * A log line of the linuxptp stack that the proxy understood, as written to the events socket by
 * the linuxptp daemon. Every variant carries the process that wrote it and the config-name tag
 * ({@code ptp4l.0.config}). As upstream, a {@code ts2phc.N.config} tag is reported as
 * {@code ptp4l.N.config} (ts2phc state belongs to the ptp4l config of the same profile), except in
 * {@link ProcessStatus}, which keeps the tag as written.
 */
public sealed interface PtpLine
        permits PtpLine.Offset, PtpLine.Summary, PtpLine.PortState, PtpLine.ProcessStatus, PtpLine.ClockClass,
                PtpLine.Ts2phcOffset, PtpLine.NmeaStatus, PtpLine.GnssStatus, PtpLine.DpllStatus,
                PtpLine.GmStatus, PtpLine.TbcStatus, PtpLine.SynceEecState, PtpLine.SynceClockQuality,
                PtpLine.ChronydState, PtpLine.HaProfileStatus, PtpLine.Restart {

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
     * A summary line ({@code --summary_interval}): ptp4l {@code rms <n> max <n> freq <f> +/- <n> [delay <d> +/- <n>]},
     * or phc2sys {@code CLOCK_REALTIME rms …}. Feeds metrics only.
     *
     * @param clock {@code master} or {@code CLOCK_REALTIME}, as in {@link Offset}
     * @param rms root mean square of the offsets of the interval, in ns
     * @param max largest absolute offset of the interval, in ns
     * @param frequency mean frequency adjustment in ppb
     * @param delay mean delay in ns, 0 when the line has none
     */
    record Summary(String process, String configName, String clock, long rms, long max, long frequency, long delay)
            implements PtpLine {
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

    /**
     * The sync state a daemon-synthesised state token stands for in GM, T-BC, dpll, gnss and synce4l
     * lines (ptp-domain.md §1.5): {@code s0} → FREERUN, {@code s1} → HOLDOVER, {@code s2} → LOCKED,
     * anything else (including {@code s3} and null) → FREERUN.
     *
     * <p>Not the servo mapping of offset lines ({@link ServoState#syncState()}), where {@code s1} is a
     * clock step (FREERUN) and {@code s3} is LOCKED [upstream quirk, §7 item 6].
     *
     * @param token the token as printed, e.g. {@code s1}
     * @return the state the token stands for; never null
     */
    static SyncState deviceState(String token) {
        if (token == null) {
            return SyncState.FREERUN;
        }
        return switch (token) {
            case "s1" -> SyncState.HOLDOVER;
            case "s2" -> SyncState.LOCKED;
            default -> SyncState.FREERUN;
        };
    }

    /**
     * A line that ends in a daemon state token ({@code s0}/{@code s1}/{@code s2}); the token is kept
     * raw and only mapped by {@link #deviceState(String)} on demand.
     */
    interface DeviceState {

        /** @return the state token as printed, e.g. {@code s2} (any word; unknown ones mean FREERUN) */
        String stateToken();

        /** @return the token mapped by {@link PtpLine#deviceState(String)} */
        default SyncState syncState() {
            return deviceState(stateToken());
        }
    }

    /**
     * A ts2phc servo offset line of a T-GM:
     * {@code ens2f1 [master] offset <offset> <sN> freq <freq> [holdover]} (no delay field).
     *
     * @param iface the interface the daemon put in place of the {@code /dev/ptpN} device
     * @param offset offset in ns
     * @param servo servo state token
     * @param frequency frequency adjustment in ppb
     * @param holdover true when the line ends in {@code holdover}: the servo is in HOLDOVER
     */
    record Ts2phcOffset(String process, String configName, String iface, long offset, ServoState servo,
                        long frequency, boolean holdover) implements PtpLine {
    }

    /**
     * A ts2phc {@code <iface> nmea_status <0|1> offset <n> <sN>} line: whether the NMEA time source
     * (the GNSS receiver's serial sentences) is available. Feeds a metric only.
     *
     * @param iface the interface of the GNSS-fed PHC
     * @param available true for {@code 1}
     */
    record NmeaStatus(String process, String configName, String iface, boolean available) implements PtpLine {
    }

    /**
     * The daemon's {@code <iface> gnss_status <fix> offset <ns> <sN>} line from gpsd/ubxtool.
     *
     * @param iface the interface of the GNSS-fed PHC
     * @param fix the GNSS fix mode, 0 (no fix) .. 5 (time only); the daemon writes {@code s2} only for ≥ 3
     * @param offset GNSS offset in ns
     * @param stateToken the state token, see {@link DeviceState}
     */
    record GnssStatus(String process, String configName, String iface, int fix, long offset, String stateToken)
            implements PtpLine, DeviceState {
    }

    /**
     * The daemon's {@code <iface> frequency_status <n> offset <ns> phase_status <n> pps_status <0|1> <sN>}
     * DPLL line; the pairs are read by key. Status codes: -1 UNKNOWN, 0 INVALID, 1 FREERUN, 2 LOCKED,
     * 3 LOCKED_HO_ACQ, 4 HOLDOVER. Feeds metrics only; its offset is the phase offset a GM line reports.
     *
     * @param iface the interface whose DPLL this is
     * @param frequencyStatus the frequency DPLL status code
     * @param phaseStatus the phase DPLL status code
     * @param ppsStatus the 1PPS input status, 0 or 1 as printed
     * @param offset the phase offset in ns
     * @param stateToken the state token, see {@link DeviceState}
     */
    record DpllStatus(String process, String configName, String iface, int frequencyStatus, int phaseStatus,
                      int ppsStatus, long offset, String stateToken) implements PtpLine, DeviceState {
    }

    /**
     * The daemon's overall T-GM state line {@code <iface> T-GM-STATUS <sN>}.
     *
     * @param iface the interface of the grandmaster clock
     * @param stateToken the state token, see {@link DeviceState} ({@code s1} is HOLDOVER here)
     */
    record GmStatus(String process, String configName, String iface, String stateToken)
            implements PtpLine, DeviceState {
    }

    /**
     * The daemon's T-BC state line {@code <iface> offset <n> T-BC-STATUS <sN>}.
     *
     * @param iface the interface of the boundary clock
     * @param offset offset in ns
     * @param stateToken the state token, see {@link DeviceState}
     */
    record TbcStatus(String process, String configName, String iface, long offset, String stateToken)
            implements PtpLine, DeviceState {
    }

    /**
     * The daemon's synce4l EEC state line
     * {@code <iface> device <dev> eec_state <EEC_…> network_option <n> <sN>}; pairs read by key.
     *
     * @param iface the SyncE port
     * @param device the synce4l device the port belongs to, e.g. {@code synce1}
     * @param eecState the Ethernet Equipment Clock state as printed, e.g. {@code EEC_HOLDOVER}
     * @param networkOption the ITU-T G.8264 network option, 1 or 2
     * @param stateToken the state token, see {@link DeviceState}
     */
    record SynceEecState(String process, String configName, String iface, String device, String eecState,
                         int networkOption, String stateToken) implements PtpLine, DeviceState {
    }

    /**
     * The daemon's synce4l clock-quality line {@code <iface> clock_quality <QL name> device <dev>
     * [ext_ql <hex>] network_option <n> ql <hex> <sN>}; pairs read by key, {@code ql}/{@code ext_ql} in
     * hex ({@code 0x20}) or decimal.
     *
     * @param iface the SyncE port
     * @param device the synce4l device the port belongs to
     * @param clockQuality the quality level name as printed, e.g. {@code PRTC}
     * @param ql the SSM quality level, 0..255
     * @param extendedQl the extended SSM quality level, 0..255, or null when the line has no
     *        {@code ext_ql} (extended QL disabled)
     * @param networkOption the ITU-T G.8264 network option, 1 or 2
     * @param stateToken the state token, see {@link DeviceState}
     */
    record SynceClockQuality(String process, String configName, String iface, String device, String clockQuality,
                             int ql, Integer extendedQl, int networkOption, String stateToken)
            implements PtpLine, DeviceState {
    }

    /**
     * A chronyd source selection line: {@code Selected source …} (the OS clock follows a source, LOCKED)
     * or {@code … no selectable sources} (FREERUN).
     *
     * @param selected true for {@code Selected source}
     */
    record ChronydState(String process, String configName, boolean selected) implements PtpLine {
    }

    /**
     * The daemon's {@code CMD RESTART} control line, sent after a PtpConfig change before it restarts
     * the linuxptp processes: everything known so far is void. It names no process ({@code CMD}) and
     * no config (empty).
     */
    record Restart() implements PtpLine {
        @Override
        public String process() {
            return "CMD";
        }

        @Override
        public String configName() {
            return "";
        }
    }

    /**
     * A phc2sys high-availability line {@code ptp_ha_profile <profile> state <0|1>}: whether phc2sys
     * currently follows that ptp4l profile.
     *
     * @param profile the ptp4l profile name as printed
     * @param active true for {@code state 1}
     */
    record HaProfileStatus(String process, String configName, String profile, boolean active) implements PtpLine {
    }
}
