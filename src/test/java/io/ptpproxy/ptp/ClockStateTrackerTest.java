package io.ptpproxy.ptp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.ptpproxy.event.DataValue;
import io.ptpproxy.event.Notification;
import io.ptpproxy.event.ResourceType;
import org.junit.jupiter.api.Test;

/**
 * The lock-state, OS clock and sync-state rules of ptp-domain.md §2, driven by the recorded
 * scenarios of §6 with time injected (no test sleeps for a timeout).
 *
 * <p>Events are written in the notation of §6: {@code LS LOCKED(-3)@ens5fx} is a lock-state event,
 * {@code OS} os-clock-sync-state, {@code SS} sync-state, {@code CC} clock-class.
 */
class ClockStateTrackerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final PtpProfile OC = new PtpProfile("oc-profile", Thresholds.DEFAULT, List.of("ens5f0"));
    private static final PtpProfile TGM = new PtpProfile("tgm", Thresholds.DEFAULT, List.of("ens2f0"));

    private final PtpLogParser parser = new PtpLogParser();

    @Test
    void should_lock_once_the_port_is_slave_and_stay_quiet_within_thresholds() throws IOException {
        Session session = new Session(Map.of("ptp4l.0.config", OC));
        assertEquals(List.of("LS LOCKED(-3)@ens5fx", "SS LOCKED", "OS LOCKED(5)"),
                session.feed("01-steady-lock.log", T0));
    }

    @Test
    void should_go_freerun_on_an_offset_excursion_and_back_with_exclusive_bounds() throws IOException {
        Session session = new Session(Map.of("ptp4l.0.config", OC));
        assertEquals(List.of("LS LOCKED(-3)@ens5fx", "SS LOCKED", "OS LOCKED(5)",
                        "LS FREERUN(250)@ens5fx", "SS FREERUN", "OS FREERUN(7)", "LS LOCKED(12)@ens5fx",
                        "OS LOCKED(4)", "SS LOCKED", "LS FREERUN(100)@ens5fx", "SS FREERUN",
                        "LS LOCKED(40)@ens5fx", "SS LOCKED", "LS FREERUN(-100)@ens5fx", "SS FREERUN",
                        "LS LOCKED(-20)@ens5fx", "SS LOCKED"),
                session.feed("02-offset-excursion.log", T0));
    }

    @Test
    void should_follow_the_servo_state_s0_s1_freerun_s2_locked() throws IOException {
        Session session = new Session(Map.of("ptp4l.0.config", OC));
        assertEquals(List.of("LS FREERUN(3456)@ens5fx", "SS FREERUN", "LS LOCKED(20)@ens5fx", "SS LOCKED",
                        "LS FREERUN(-50000)@ens5fx", "SS FREERUN", "LS LOCKED(-7)@ens5fx", "SS LOCKED",
                        "LS FREERUN(15)@ens5fx", "SS FREERUN", "LS LOCKED(2)@ens5fx", "SS LOCKED"),
                session.feed("03-servo-freerun.log", T0));
    }

    @Test
    void should_hold_over_on_fault_and_declare_freerun_when_holdover_times_out() throws IOException {
        Session session = new Session(Map.of("ptp4l.0.config", OC));
        assertEquals(List.of("LS LOCKED(-11)@ens5fx", "SS LOCKED", "OS LOCKED(5)",
                        "LS HOLDOVER(-4)@ens5fx", "SS HOLDOVER", "OS HOLDOVER(3)"),
                session.feed("04-faulty-holdover-freerun.log", T0));
        assertEquals(List.of(), session.expire(T0.plus(Duration.ofMillis(4999))));
        assertEquals(List.of("LS FREERUN(-4)@ens5fx", "SS FREERUN"), session.expire(T0.plusSeconds(5)));
        assertEquals(List.of(), session.expire(T0.plusSeconds(60)));
        assertEquals(List.of("OS FREERUN(2)"), session.feed("04b-after-holdover-timeout.log", T0.plusSeconds(6)));
    }

    @Test
    void should_cancel_holdover_when_the_port_locks_again() throws IOException {
        Session session = new Session(Map.of("ptp4l.0.config", OC));
        assertEquals(List.of("LS LOCKED(-11)@ens5fx", "SS LOCKED", "OS LOCKED(5)",
                        "LS HOLDOVER(-11)@ens5fx", "SS HOLDOVER", "OS HOLDOVER(3)",
                        "LS LOCKED(8)@ens5fx", "OS LOCKED(4)", "SS LOCKED"),
                session.feed("05-recovery-locked.log", T0));
        assertEquals(List.of(), session.expire(T0.plusSeconds(60)));
    }

    @Test
    void should_track_the_os_clock_and_its_process_going_down() throws IOException {
        Session session = new Session(Map.of("ptp4l.0.config", OC));
        assertEquals(List.of("LS LOCKED(-3)@ens5fx", "SS LOCKED", "OS LOCKED(5)", "OS FREERUN(350)", "SS FREERUN",
                        "OS LOCKED(12)", "SS LOCKED", "OS FREERUN(-62000)", "SS FREERUN", "OS LOCKED(9)", "SS LOCKED",
                        "OS FREERUN(-9999999999999999)", "SS FREERUN", "OS LOCKED(-14)", "SS LOCKED"),
                session.feed("06-phc2sys-os-clock.log", T0));
    }

    @Test
    void should_report_clock_class_changes_only() throws IOException {
        Session session = new Session(Map.of("ptp4l.0.config", TGM));
        assertEquals(List.of("CC 248@ens2fx", "CC 6@ens2fx", "CC 7@ens2fx", "CC 140@ens2fx", "CC 6@ens2fx"),
                session.feed("07-clock-class.log", T0));
    }

    @Test
    void should_follow_the_grandmaster_through_gnss_loss_holdover_freerun_and_recovery() throws IOException {
        Session session = new Session(Map.of("ptp4l.0.config", TGM));
        assertEquals(List.of("GN SYNCHRONIZED(5, gpsFix 3)@ens2fx", "LS LOCKED(0)@ens2fx", "SS LOCKED", "CC 6@ens2fx",
                        "OS LOCKED(4)",
                        "GN FAILURE-NOFIX(0, gpsFix 0)@ens2fx", "LS HOLDOVER(0)@ens2fx", "SS HOLDOVER", "CC 7@ens2fx",
                        "LS FREERUN(99999999999)@ens2fx", "SS FREERUN", "CC 248@ens2fx", "OS FREERUN(7)",
                        "GN SYNCHRONIZED(2, gpsFix 5)@ens2fx", "LS LOCKED(-5)@ens2fx", "CC 6@ens2fx",
                        "OS LOCKED(3)", "SS LOCKED"),
                session.feed("08-tgm-gnss-loss.log", T0));
        assertEquals(List.of("SYNCHRONIZED", "2", "5"),
                session.tracker.currentValues(ResourceType.GNSS_SYNC_STATUS).stream().map(DataValue::value).toList());
    }

    @Test
    void should_free_run_a_grandmaster_whose_ts2phc_stops() {
        Session session = new Session(Map.of("ptp4l.0.config", TGM));
        assertEquals(List.of("LS LOCKED(-1)@ens2fx", "SS LOCKED", "LS FREERUN(-9999999999999999)@ens2fx", "SS FREERUN"),
                session.feed(List.of(
                        "ts2phc[1.0]: [ts2phc.0.config] ens2f0 offset -1 s2 freq -1",
                        "ts2phc[1700000300]:[ts2phc.0.config] PTP_PROCESS_STATUS:0"), T0));
    }

    @Test
    void should_report_synce_lock_state_and_clock_quality_changes() throws IOException {
        Session session = new Session(Map.of());
        assertEquals(List.of("SYNCE_LOCK_STATE /cluster/node/node1/synce1/ens7f0=LOCKED",
                        "SYNCE_CLOCK_QUALITY /cluster/node/node1/synce1/ens7f0/Ql=2,/cluster/node/node1/synce1/ens7f0/extQl=255",
                        "SYNCE_LOCK_STATE /cluster/node/node1/synce1/ens7f0=HOLDOVER",
                        "SYNCE_CLOCK_QUALITY /cluster/node/node1/synce1/ens7f0/Ql=1,/cluster/node/node1/synce1/ens7f0/extQl=32"),
                session.feed("13-synce.log", T0));
        assertEquals(List.of(), session.feed(List.of(
                "synce4l[1722459200]:[synce4l.0.config] ens7f0 device synce1 eec_state EEC_HOLDOVER network_option 1 s1"), T0),
                "an unchanged state is not published again");
    }

    @Test
    void should_start_master_only_ports_as_master_so_a_faulty_slave_leaves_no_slave_port() {
        PtpProfile twoPorts = new PtpProfile("oc-profile", Thresholds.DEFAULT, List.of("ens5f0", "ens5f1"),
                java.util.Set.of("ens5f1"));
        Session session = new Session(Map.of("ptp4l.0.config", twoPorts));
        assertEquals(List.of("LS LOCKED(5)@ens5fx", "SS LOCKED", "LS HOLDOVER(5)@ens5fx", "SS HOLDOVER"),
                session.feed(List.of(
                        "ptp4l[1.0]: [ptp4l.0.config] master offset 5 s2 freq 0 path delay 1",
                        "ptp4l[2.0]: [ptp4l.0.config] port 1 (ens5f0): SLAVE to FAULTY on FAULT_DETECTED",
                        "ptp4l[2.1]: [ptp4l.0.config] master offset 6 s2 freq 0 path delay 1"), T0),
                "the master-only port 2 is no slave port: the offset line after the fault is ignored");
    }

    /**
     * Recorded from a real ptp4l 3.1.1 slave (software timestamping, linreg servo) in RealPtp4lTest:
     * ptp4l prints no interface in its port lines, so the config file's section order names it.
     */
    @Test
    void should_follow_a_real_ptp4l_slave_through_master_loss_and_return() throws IOException {
        PtpProfile sw = new PtpProfile("sw", Thresholds.of(3, 5000, -5000), List.of("veth1"));
        Session session = new Session(Map.of("ptp4l.0.config", sw));
        List<String> lines = recorded("14-real-ptp4l-sw.log");
        int masterBack = 23; // "selected best master clock" after the master restarts with clockClass 7
        assertEquals(List.of("CC 255@vethx", "CC 6@vethx", "LS LOCKED(-611)@vethx", "SS LOCKED",
                        "LS HOLDOVER(80)@vethx", "SS HOLDOVER"),
                session.feed(lines.subList(0, masterBack), T0));
        assertEquals(List.of("LS FREERUN(80)@vethx", "SS FREERUN"), session.expire(T0.plusSeconds(3)));
        assertEquals(List.of("CC 7@vethx", "LS LOCKED(-31)@vethx", "SS LOCKED"),
                session.feed(lines.subList(masterBack, lines.size()), T0.plusSeconds(8)));
    }

    @Test
    void should_keep_each_config_apart_with_its_own_thresholds_and_timeout() throws IOException {
        PtpProfile oc = new PtpProfile("oc-profile", Thresholds.DEFAULT, List.of("ens5f0", "ens5f1"));
        PtpProfile oc2 = new PtpProfile("oc2", Thresholds.of(3, 50, -50), List.of("ens7f0"));
        Session session = new Session(Map.of("ptp4l.0.config", oc, "ptp4l.1.config", oc2));
        assertEquals(List.of("LS LOCKED(-3)@ens5fx", "SS LOCKED", "LS LOCKED(7)@ens7fx", "OS LOCKED(5)",
                        "LS FREERUN(70)@ens7fx", "SS FREERUN", "LS LOCKED(10)@ens7fx", "SS LOCKED",
                        "LS HOLDOVER(10)@ens7fx", "SS HOLDOVER"),
                session.feed("11-two-configs.log", T0));
        assertEquals(List.of(), session.expire(T0.plusMillis(2999)));
        assertEquals(List.of("LS FREERUN(10)@ens7fx", "SS FREERUN"), session.expire(T0.plusSeconds(3)));
        assertEquals(List.of("LOCKED", "2", "FREERUN", "10"),
                session.tracker.currentValues(ResourceType.LOCK_STATE).stream().map(DataValue::value).toList());
    }

    @Test
    void should_freerun_when_ptp4l_stops_and_lock_again_after_restart() throws IOException {
        Session session = new Session(Map.of("ptp4l.0.config", OC));
        assertEquals(List.of("LS LOCKED(-3)@ens5fx", "SS LOCKED", "OS LOCKED(5)",
                        "LS FREERUN(-9999999999999999)@ens5fx", "SS FREERUN", "OS FREERUN(-9999999999999999)",
                        "LS LOCKED(14)@ens5fx", "OS LOCKED(-5)", "SS LOCKED"),
                session.feed("12-process-restart.log", T0));
    }

    @Test
    void should_announce_freerun_when_the_servo_unlocks_during_holdover() {
        Session session = new Session(Map.of("ptp4l.0.config", OC));
        assertEquals(List.of("LS LOCKED(5)@ens5fx", "SS LOCKED", "LS HOLDOVER(5)@ens5fx", "SS HOLDOVER",
                        "LS FREERUN(900)@ens5fx", "SS FREERUN"),
                session.feed(List.of(
                        "ptp4l[1.0]: [ptp4l.0.config] master offset 5 s2 freq 0 path delay 1",
                        "ptp4l[2.0]: [ptp4l.0.config] port 1 (ens5f0): SLAVE to LISTENING on ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES",
                        "ptp4l[3.0]: [ptp4l.0.config] port 1 (ens5f0): LISTENING to UNCALIBRATED on RS_SLAVE",
                        "ptp4l[3.1]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED",
                        "ptp4l[3.2]: [ptp4l.0.config] master offset 900 s0 freq 0 path delay 1"), T0));
        assertEquals(List.of(), session.expire(T0.plusSeconds(60)), "no second FREERUN from the timer");
    }

    @Test
    void should_take_the_interface_from_the_port_line_when_no_config_file_lists_it() {
        Session session = new Session(Map.of());
        assertEquals(List.of("LS LOCKED(-2)@ethx", "SS LOCKED"), session.feed(List.of(
                "ptp4l[1.0]: [ptp4l.0.config] master offset 7 s2 freq 0 path delay 1",
                "ptp4l[2.0]: [ptp4l.0.config] port 1 (eth1): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED",
                "ptp4l[2.1]: [ptp4l.0.config] master offset -2 s2 freq 0 path delay 1"), T0));
    }

    @Test
    void should_keep_rejected_and_ignored_lines_from_changing_state() throws IOException {
        Session session = new Session(Map.of("ptp4l.0.config", OC));
        List<String> events = session.feed(List.of(
                "ptp4l[1006.500]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED",
                "ptp4l[1006.562]: [ptp4l.0.config] master offset         -3 s2 freq     -85 path delay      1586",
                "garbage",
                "ptp4l[1006.620]: [ptp4l.0.config] master offset          5 s9 freq     -85 path delay      1586",
                "ptp4l[1006.660]: [ptp4l.0.config] port x (ens5f0): SLAVE to FAULTY on FAULT_DETECTED",
                "ptp4l[1006.687]: [ptp4l.0.config] master offset          4 s2 freq     -83 path delay      1586"), T0);
        assertEquals(List.of("LS LOCKED(-3)@ens5fx", "SS LOCKED"), events);
    }

    /**
     * T-BC (ptp-domain.md §2.4, §2.8): once the daemon reports T-BC-STATUS, that aggregate is lock-state;
     * the port servo and a lost SLAVE port are measurements only (no holdover timer), and ptp4l
     * stopping frees the aggregate.
     */
    @Test
    void should_follow_the_boundary_clock_status_of_a_t_bc() {
        PtpProfile tbc = new PtpProfile("tbc", Thresholds.DEFAULT, List.of("ens4f0", "ens4f1"), java.util.Set.of("ens4f1"));
        Metrics metrics = new Metrics();
        Session session = new Session(Map.of("ptp4l.1.config", tbc), metrics);
        assertEquals(List.of("LS LOCKED(-3)@ens4fx", "SS LOCKED"), session.feed(List.of(
                "ptp4l[1757326326]:[ptp4l.1.config] PTP_PROCESS_STATUS:1",
                "ptp4l[100.0]: [ptp4l.1.config] port 1 (ens4f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED",
                "ptp4l[100.1]: [ptp4l.1.config] master offset -3 s2 freq 0 path delay 100",
                "T-BC[1757326383]:[ts2phc.1.config] ens4f0 offset -3 T-BC-STATUS s2",
                "ptp4l[101.0]: [ptp4l.1.config] port 1 (ens4f0): SLAVE to FAULTY on FAULT_DETECTED"), T0));
        assertEquals(List.of(), session.expire(T0.plusSeconds(60)), "no holdover timer on a T-BC");
        assertEquals("0", metrics.values.get("clock_state ptp4l ens4fx"), "the port servo is FREERUN silently");
        assertEquals(List.of("LS HOLDOVER(123)@ens4fx", "SS HOLDOVER", "LS FREERUN(123)@ens4fx", "SS FREERUN"),
                session.feed(List.of(
                        "T-BC[1689014436]:[ts2phc.1.config] ens4f0 offset 123 T-BC-STATUS s1",
                        "T-BC[1689014437]:[ts2phc.1.config] ens4f0 offset 123 T-BC-STATUS s0",
                        "ptp4l[1757326390]:[ptp4l.1.config] PTP_PROCESS_STATUS:0"), T0));
        assertEquals(List.of("LS LOCKED(-3)@ens4fx", "SS LOCKED", "LS FREERUN(-9999999999999999)@ens4fx", "SS FREERUN"),
                session.feed(List.of(
                        "ptp4l[1757326391]:[ptp4l.1.config] PTP_PROCESS_STATUS:1",
                        "T-BC[1757326392]:[ts2phc.1.config] ens4f0 offset -3 T-BC-STATUS s2",
                        "ptp4l[1757326393]:[ptp4l.1.config] PTP_PROCESS_STATUS:0"), T0));
        assertEquals("0", metrics.values.get("clock_state T-BC ens4fx"));
        assertEquals("-3", metrics.values.get("offset T-BC T-BC ens4fx"));
    }

    @Test
    void should_take_the_os_clock_from_chronyd_when_it_disciplines_it() {
        Metrics metrics = new Metrics();
        Session session = new Session(Map.of(), metrics);
        assertEquals(List.of("OS LOCKED(0)", "SS LOCKED", "OS FREERUN(0)", "SS FREERUN"), session.feed(List.of(
                "chronyd[4711][chronyd.0.config]: Selected source 10.0.0.1 (ntp.example.com)",
                "chronyd[4711][chronyd.0.config]: Selected source 10.0.0.2",
                "chronyd[4711][chronyd.0.config]: Can't synchronise: no selectable sources"), T0));
        assertEquals("0", metrics.values.get("clock_state chronyd CLOCK_REALTIME"));
    }

    /** PTP-HA: phc2sys runs under its own config, following whichever ptp4l profile is active. */
    @Test
    void should_take_the_os_clock_of_a_high_availability_phc2sys() {
        Metrics metrics = new Metrics();
        Session session = new Session(Map.of("ptp4l.0.config", OC), metrics);
        assertEquals(List.of("LS LOCKED(-3)@ens5fx", "SS LOCKED", "OS LOCKED(1)", "OS FREERUN(400)", "SS FREERUN"),
                session.feed(List.of(
                        "ptp4l[1006.500]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED",
                        "ptp4l[1006.562]: [ptp4l.0.config] master offset -3 s2 freq -85 path delay 1586",
                        "phc2sys[1710435400]:[phc2sys.2.config] ptp_ha_profile oc-profile state 1",
                        "phc2sys[1.0]: [phc2sys.2.config] CLOCK_REALTIME phc offset 1 s2 freq 0 delay 500",
                        "phc2sys[2.0]: [phc2sys.2.config] CLOCK_REALTIME phc offset 400 s2 freq 0 delay 500"), T0));
        assertEquals("true", metrics.values.get("ha oc-profile"));
        assertEquals("0", metrics.values.get("clock_state phc2sys CLOCK_REALTIME"));
    }

    @Test
    void should_export_the_grandmaster_ha_and_synce_measurements() throws IOException {
        Metrics metrics = new Metrics();
        Session session = new Session(Map.of("ptp4l.0.config", TGM), metrics);
        session.feed("08-tgm-gnss-loss.log", T0);
        session.feed("13-synce.log", T0);
        session.feed(List.of("phc2sys[1710435400]:[phc2sys.2.config] ptp_ha_profile profile1 state 1",
                "phc2sys[1710435401]:[phc2sys.2.config] ptp_ha_profile profile2 state 0"), T0);
        assertEquals(Map.ofEntries(
                Map.entry("clock_state GM ens2fx", "1"), Map.entry("clock_state dpll ens2fx", "1"),
                Map.entry("clock_state gnss ens2fx", "1"), Map.entry("clock_state phc2sys CLOCK_REALTIME", "1"),
                Map.entry("clock_state synce4l ens7f0", "2"), Map.entry("clock_state ts2phc ens2fx", "2"),
                Map.entry("clock_class ptp4l ptp4l.0.config", "6"), Map.entry("dpll ens2fx", "3/3/1"),
                Map.entry("gnss ens2fx", "5"), Map.entry("nmea ens2fx", "true"),
                Map.entry("ha profile1", "true"), Map.entry("ha profile2", "false"),
                Map.entry("offset dpll dpll ens2fx", "-5"), Map.entry("offset gnss gnss ens2fx", "2"),
                Map.entry("servo master ts2phc ens2fx", "3"), Map.entry("servo phc phc2sys CLOCK_REALTIME", "3"),
                Map.entry("synce synce4l.0.config synce1 ens7f0", "2:1/32")), metrics.values);
    }

    @Test
    void should_forget_a_removed_config_and_its_series() throws IOException {
        PtpProfile oc = new PtpProfile("oc-profile", Thresholds.DEFAULT, List.of("ens5f0", "ens5f1"));
        PtpProfile oc2 = new PtpProfile("oc2", Thresholds.of(3, 50, -50), List.of("ens7f0"));
        Metrics metrics = new Metrics();
        Session session = new Session(Map.of("ptp4l.0.config", oc, "ptp4l.1.config", oc2), metrics);
        session.feed("11-two-configs.log", T0);
        session.tracker.forgetConfigs(Map.of("ptp4l.1.config", oc2));
        assertEquals(List.of("forget [ptp4l.1.config, ts2phc.1.config] [ens7f0, ens7fx]"), metrics.forgotten);
        assertEquals(List.of("LOCKED", "2"),
                session.tracker.currentValues(ResourceType.LOCK_STATE).stream().map(DataValue::value).toList());
    }

    /**
     * Issue 17 bug 3: an offset line that arrives while the config file is missing (the config was
     * forgotten, no interface is known) must not leave the config without ports once the file is back.
     */
    @Test
    void should_lock_again_once_a_config_file_missing_for_a_moment_is_back() {
        Map<String, PtpProfile> files = new java.util.HashMap<>(Map.of("ptp4l.0.config", OC));
        Session session = new Session(files);
        String offset = "ptp4l[10.0]: [ptp4l.0.config] master offset -3 s2 freq -85 path delay 1586";
        assertEquals(List.of("LS LOCKED(-3)@ens5fx", "SS LOCKED"), session.feed(List.of(offset), T0));
        files.remove("ptp4l.0.config");
        session.tracker.forgetConfigs(Map.of("ptp4l.0.config", OC));
        assertEquals(List.of(), session.feed(List.of(offset), T0));
        files.put("ptp4l.0.config", OC);
        assertEquals(List.of("LS LOCKED(-5)@ens5fx"), session.feed(List.of(
                "ptp4l[11.0]: [ptp4l.0.config] master offset -5 s2 freq -85 path delay 1586"), T0));
        assertEquals(List.of("LS HOLDOVER(-5)@ens5fx", "SS HOLDOVER"), session.feed(List.of(
                "ptp4l[12.0]: [ptp4l.0.config] port 1 (ens5f0): SLAVE to FAULTY on FAULT_DETECTED (FT_UNSPECIFIED)"),
                T0));
        assertEquals(List.of("LS FREERUN(-5)@ens5fx", "SS FREERUN"), session.expire(T0.plusSeconds(5)));
        assertEquals(List.of("LS LOCKED(-2)@ens5fx", "SS LOCKED"), session.feed(List.of(
                "ptp4l[13.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED",
                "ptp4l[14.0]: [ptp4l.0.config] master offset -2 s2 freq -85 path delay 1586"), T0));
    }

    /** Records the last value of each metric call as {@code "<kind> <labels>" -> value}. */
    private static final class Metrics implements ClockMetrics {
        final Map<String, String> values = new java.util.TreeMap<>();
        final List<String> forgotten = new ArrayList<>();

        @Override
        public void servo(String from, String process, String iface, long offsetNs, long maxOffsetNs, long frequency,
                          long delayNs) {
            values.put("servo " + from + " " + process + " " + iface, Long.toString(offsetNs));
        }

        @Override
        public void offset(String from, String process, String iface, long offsetNs) {
            values.put("offset " + from + " " + process + " " + iface, Long.toString(offsetNs));
        }

        @Override
        public void clockState(String process, String iface, SyncState state) {
            values.put("clock_state " + process + " " + iface, Integer.toString(state.metricValue()));
        }

        @Override
        public void clockClass(String process, String config, int clockClass) {
            values.put("clock_class " + process + " " + config, Integer.toString(clockClass));
        }

        @Override
        public void nmeaStatus(String iface, boolean available) {
            values.put("nmea " + iface, Boolean.toString(available));
        }

        @Override
        public void dpllStatus(String iface, int frequencyStatus, int phaseStatus, int ppsStatus) {
            values.put("dpll " + iface, frequencyStatus + "/" + phaseStatus + "/" + ppsStatus);
        }

        @Override
        public void gnssStatus(String iface, int fix) {
            values.put("gnss " + iface, Integer.toString(fix));
        }

        @Override
        public void haProfileStatus(String profile, boolean active) {
            values.put("ha " + profile, Boolean.toString(active));
        }

        @Override
        public void synceQuality(String config, String device, String iface, int networkOption, int ql, int extendedQl) {
            values.put("synce " + config + " " + device + " " + iface, networkOption + ":" + ql + "/" + extendedQl);
        }

        @Override
        public void forget(java.util.Set<String> configs, java.util.Set<String> ifaces) {
            forgotten.add("forget " + new java.util.TreeSet<>(configs) + " " + new java.util.TreeSet<>(ifaces));
        }
    }

    /** A tracker with fixed profiles, fed parsed lines at a given time. */
    private final class Session {
        final ClockStateTracker tracker;

        Session(Map<String, PtpProfile> profiles) {
            this(profiles, ClockMetrics.NONE);
        }

        Session(Map<String, PtpProfile> profiles, ClockMetrics metrics) {
            this.tracker = new ClockStateTracker("node1",
                    name -> profiles.getOrDefault(name.replace("ts2phc.", "ptp4l."), PtpProfile.defaultProfile(List.of())),
                    java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC), metrics);
        }

        List<String> feed(String recording, Instant at) throws IOException {
            return feed(recorded(recording), at);
        }

        List<String> feed(List<String> lines, Instant at) {
            List<String> events = new ArrayList<>();
            for (String line : lines) {
                if (parser.parse(line) instanceof ParseOutcome.Accepted accepted) {
                    tracker.apply(accepted.line(), at).forEach(n -> events.add(describe(n)));
                }
            }
            return events;
        }

        List<String> expire(Instant at) {
            return tracker.expire(at).stream().map(ClockStateTrackerTest::describe).toList();
        }
    }

    private static List<String> recorded(String name) throws IOException {
        try (InputStream in = ClockStateTrackerTest.class.getResourceAsStream("/ptp-logs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** @return the §6 notation of a notification */
    static String describe(Notification notification) {
        List<DataValue> values = notification.values();
        String prefix = "/cluster/node/node1/";
        return switch ((ResourceType) notification.type()) {
            case LOCK_STATE -> "LS " + values.get(0).value() + "(" + values.get(1).value() + ")@"
                    + values.get(0).resourceAddress().substring(prefix.length()).replace("/master", "");
            case OS_CLOCK_SYNC_STATE -> "OS " + values.get(0).value() + "(" + values.get(1).value() + ")";
            case SYNC_STATE -> "SS " + values.get(0).value();
            case GNSS_SYNC_STATUS -> "GN " + values.get(0).value() + "(" + values.get(1).value() + ", gpsFix "
                    + values.get(2).value() + ")@"
                    + values.get(0).resourceAddress().substring(prefix.length()).replace("/master", "");
            case CLOCK_CLASS -> "CC " + values.get(0).value() + "@"
                    + values.get(0).resourceAddress().substring(prefix.length()).replace("/master", "");
            default -> notification.type() + " " + values.stream()
                    .map(v -> v.resourceAddress() + "=" + v.value()).collect(Collectors.joining(","));
        };
    }
}
