package io.ptpproxy.e2e;

import static io.ptpproxy.fixtures.OranEventAssert.assertEvent;
import static io.ptpproxy.fixtures.OranEventAssert.assertEvents;
import static io.ptpproxy.fixtures.OranEventAssert.clockClass;
import static io.ptpproxy.fixtures.OranEventAssert.gnss;
import static io.ptpproxy.fixtures.OranEventAssert.lockState;
import static io.ptpproxy.fixtures.OranEventAssert.osClock;
import static io.ptpproxy.fixtures.OranEventAssert.synceClockQuality;
import static io.ptpproxy.fixtures.OranEventAssert.synceLockState;
import static io.ptpproxy.fixtures.OranEventAssert.syncState;
import static io.ptpproxy.fixtures.OranEventAssert.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ptpproxy.fixtures.OranEventAssert;
import io.ptpproxy.fixtures.OranEventAssert.Expected;
import io.ptpproxy.fixtures.NothingMore;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SettableClock;
import io.ptpproxy.fixtures.SocketWriter;
import io.ptpproxy.ptp.ClockStateTracker;
import io.ptpproxy.ptp.LineCounters;
import io.ptpproxy.ptp.PtpConfigCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every test scenario of ptp-domain.md §6, replayed from the recorded logs through the real socket:
 * the exact event sequence a real HTTP subscriber (subscribed to all seven resources) receives, and
 * the {@code openshift_ptp_*} values scraped over HTTP from the management server's {@code /metrics}.
 * The proxy runs on a {@link SettableClock}: holdover timeouts pass by moving it, not by waiting.
 * Where this proxy deliberately differs from upstream (docs/decisions.md) the expectation says so.
 */
class PtpScenariosTest {

    private static final String NODE = "/cluster/node/" + RunningProxy.NODE;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long DOWN = -9999999999999999L;
    private static final List<String> RESOURCES = List.of("/sync/ptp-status/lock-state",
            "/sync/sync-status/os-clock-sync-state", "/sync/sync-status/sync-state", "/sync/ptp-status/clock-class",
            "/sync/gnss-status/gnss-sync-status", "/sync/synce-status/lock-state", "/sync/synce-status/clock-quality");

    private static final String OC = "#profile: oc-profile\n[global]\nslaveOnly 1\n[ens5f0]\n";
    private static final String TGM = "#profile: tgm\n[global]\n[ens2f0]\nmasterOnly 1\n";

    @TempDir
    Path work;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-10T02:41:57Z"));
    private RunningProxy proxy;
    private RecordingSubscriber subscriber;

    @AfterEach
    void stop() throws Exception {
        if (subscriber != null) {
            subscriber.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void s01_steady_lock() throws Exception {
        start(Map.of("ptp4l.0.config", OC), ocProfile(5));
        feed("01-steady-lock.log");
        expectEvents(lockState("ens5fx", "LOCKED", -3), syncState("LOCKED"), osClock("LOCKED", 5));
        expectNoMoreEvents();
        expectMetrics(Map.ofEntries(
                Map.entry("openshift_ptp_clock_state{iface=ens5fx,node=node1,process=ptp4l}", 1L),
                Map.entry("openshift_ptp_clock_state{iface=CLOCK_REALTIME,node=node1,process=phc2sys}", 1L),
                Map.entry("openshift_ptp_offset_ns{from=master,iface=ens5fx,node=node1,process=ptp4l}", 13L),
                Map.entry("openshift_ptp_frequency_adjustment_ns{from=master,iface=ens5fx,node=node1,process=ptp4l}", 4L),
                Map.entry("openshift_ptp_delay_ns{from=master,iface=ens5fx,node=node1,process=ptp4l}", 1583L),
                Map.entry("openshift_ptp_offset_ns{from=phc,iface=CLOCK_REALTIME,node=node1,process=phc2sys}", 1L),
                Map.entry("openshift_ptp_delay_ns{from=phc,iface=CLOCK_REALTIME,node=node1,process=phc2sys}", 495L),
                Map.entry("openshift_ptp_interface_role{iface=ens5f0,node=node1,process=ptp4l}", 1L),
                Map.entry("openshift_ptp_process_status{config=ptp4l.0.config,node=node1,process=ptp4l}", 1L),
                Map.entry("openshift_ptp_process_status{config=ptp4l.0.config,node=node1,process=phc2sys}", 1L),
                Map.entry("openshift_ptp_process_restart_count{config=ptp4l.0.config,node=node1,process=ptp4l}", 1L),
                Map.entry("openshift_ptp_process_restart_count{config=ptp4l.0.config,node=node1,process=phc2sys}", 1L)));
    }

    @Test
    void s02_offset_excursion() throws Exception {
        start(Map.of("ptp4l.0.config", OC), ocProfile(5));
        feed("02-offset-excursion.log");
        expectEvents(lockState("ens5fx", "LOCKED", -3), syncState("LOCKED"), osClock("LOCKED", 5),
                lockState("ens5fx", "FREERUN", 250), syncState("FREERUN"), osClock("FREERUN", 7),
                lockState("ens5fx", "LOCKED", 12), osClock("LOCKED", 4), syncState("LOCKED"),
                lockState("ens5fx", "FREERUN", 100), syncState("FREERUN"), lockState("ens5fx", "LOCKED", 40),
                syncState("LOCKED"), lockState("ens5fx", "FREERUN", -100), syncState("FREERUN"),
                lockState("ens5fx", "LOCKED", -20), syncState("LOCKED"));
        expectNoMoreEvents();
        expectMetrics(Map.of("openshift_ptp_clock_state{iface=ens5fx,node=node1,process=ptp4l}", 1L,
                "openshift_ptp_offset_ns{from=master,iface=ens5fx,node=node1,process=ptp4l}", -20L,
                "openshift_ptp_clock_state{iface=CLOCK_REALTIME,node=node1,process=phc2sys}", 1L));
    }

    @Test
    void s03_servo_freerun() throws Exception {
        start(Map.of("ptp4l.0.config", OC), ocProfile(5));
        feed("03-servo-freerun.log");
        expectEvents(lockState("ens5fx", "FREERUN", 3456), syncState("FREERUN"),
                lockState("ens5fx", "LOCKED", 20), syncState("LOCKED"),
                lockState("ens5fx", "FREERUN", -50000), syncState("FREERUN"),
                lockState("ens5fx", "LOCKED", -7), syncState("LOCKED"),
                lockState("ens5fx", "FREERUN", 15), syncState("FREERUN"),
                lockState("ens5fx", "LOCKED", 2), syncState("LOCKED"));
        expectNoMoreEvents();
        expectMetrics(Map.of("openshift_ptp_clock_state{iface=ens5fx,node=node1,process=ptp4l}", 1L,
                "openshift_ptp_offset_ns{from=master,iface=ens5fx,node=node1,process=ptp4l}", 2L,
                "openshift_ptp_frequency_adjustment_ns{from=master,iface=ens5fx,node=node1,process=ptp4l}", -1L));
    }

    /** The proxy's clock is moved past holdOverTimeout (5 s): FREERUN follows without another line. */
    @Test
    void s04_faulty_holdover_freerun_then_04b() throws Exception {
        start(Map.of("ptp4l.0.config", OC), ocProfile(5));
        feed("04-faulty-holdover-freerun.log");
        expectEvents(lockState("ens5fx", "LOCKED", -11), syncState("LOCKED"), osClock("LOCKED", 5),
                lockState("ens5fx", "HOLDOVER", -4), syncState("HOLDOVER"), osClock("HOLDOVER", 3));
        expectMetrics(Map.of("openshift_ptp_interface_role{iface=ens5f0,node=node1,process=ptp4l}", 3L,
                "openshift_ptp_clock_state{iface=ens5fx,node=node1,process=ptp4l}", 2L,
                "openshift_ptp_clock_state{iface=CLOCK_REALTIME,node=node1,process=phc2sys}", 2L));
        advanceClock(Duration.ofMillis(4999));
        expectNoMoreEvents();
        advanceClock(Duration.ofMillis(1001));
        expectEvents(lockState("ens5fx", "FREERUN", -4), syncState("FREERUN"));
        expectMetrics(Map.of("openshift_ptp_clock_state{iface=ens5fx,node=node1,process=ptp4l}", 0L));
        feed("04b-after-holdover-timeout.log");
        expectEvents(osClock("FREERUN", 2));
        expectNoMoreEvents();
        expectMetrics(Map.of("openshift_ptp_clock_state{iface=CLOCK_REALTIME,node=node1,process=phc2sys}", 0L,
                "openshift_ptp_offset_ns{from=phc,iface=CLOCK_REALTIME,node=node1,process=phc2sys}", -1L));
    }

    /** The recovery cancels the holdover timer: nothing follows once it would have expired. */
    @Test
    void s05_recovery_locked() throws Exception {
        start(Map.of("ptp4l.0.config", OC), ocProfile(5));
        feed("05-recovery-locked.log");
        expectEvents(lockState("ens5fx", "LOCKED", -11), syncState("LOCKED"), osClock("LOCKED", 5),
                lockState("ens5fx", "HOLDOVER", -11), syncState("HOLDOVER"), osClock("HOLDOVER", 3),
                lockState("ens5fx", "LOCKED", 8), osClock("LOCKED", 4), syncState("LOCKED"));
        advanceClock(Duration.ofSeconds(6));
        expectNoMoreEvents();
        expectMetrics(Map.of("openshift_ptp_interface_role{iface=ens5f0,node=node1,process=ptp4l}", 1L,
                "openshift_ptp_clock_state{iface=ens5fx,node=node1,process=ptp4l}", 1L,
                "openshift_ptp_offset_ns{from=master,iface=ens5fx,node=node1,process=ptp4l}", -6L));
    }

    @Test
    void s06_phc2sys_os_clock() throws Exception {
        start(Map.of("ptp4l.0.config", OC), ocProfile(5));
        feed("06-phc2sys-os-clock.log");
        expectEvents(lockState("ens5fx", "LOCKED", -3), syncState("LOCKED"), osClock("LOCKED", 5),
                osClock("FREERUN", 350), syncState("FREERUN"), osClock("LOCKED", 12), syncState("LOCKED"),
                osClock("FREERUN", -62000), syncState("FREERUN"), osClock("LOCKED", 9), syncState("LOCKED"),
                osClock("FREERUN", DOWN), syncState("FREERUN"), osClock("LOCKED", -14), syncState("LOCKED"));
        expectNoMoreEvents();
        // the last line is phc2sys's summary: metrics only
        String realtime = "{from=phc,iface=CLOCK_REALTIME,node=node1,process=phc2sys}";
        expectMetrics(Map.of("openshift_ptp_offset_ns" + realtime, 31L,
                "openshift_ptp_max_offset_ns" + realtime, 31L,
                "openshift_ptp_frequency_adjustment_ns" + realtime, -77331L,
                "openshift_ptp_delay_ns" + realtime, 1233L,
                "openshift_ptp_process_status{config=ptp4l.0.config,node=node1,process=phc2sys}", 1L,
                "openshift_ptp_process_restart_count{config=ptp4l.0.config,node=node1,process=phc2sys}", 2L,
                "openshift_ptp_clock_state{iface=CLOCK_REALTIME,node=node1,process=phc2sys}", 1L));
    }

    @Test
    void s07_clock_class() throws Exception {
        start(Map.of("ptp4l.0.config", TGM), tgmProfile());
        feed("07-clock-class.log");
        expectEvents(clockClass("ens2fx", 248), clockClass("ens2fx", 6), clockClass("ens2fx", 7),
                clockClass("ens2fx", 140), clockClass("ens2fx", 6));
        expectNoMoreEvents();
        expectMetrics(Map.of("openshift_ptp_clock_class{config=ptp4l.0.config,node=node1,process=ptp4l}", 6L));
        expectCurrentState(clockClass("ens2fx", 6));
    }

    @Test
    void s08_tgm_gnss_loss() throws Exception {
        start(Map.of("ptp4l.0.config", TGM), tgmProfile());
        List<String> lines = PtpLogsToSubscriberTest.recorded("08-tgm-gnss-loss.log");
        feed(lines.subList(0, 10));
        expectEvents(gnss("ens2fx", "SYNCHRONIZED", 5, 3), lockState("ens2fx", "LOCKED", 0), syncState("LOCKED"),
                clockClass("ens2fx", 6), osClock("LOCKED", 4));
        expectMetrics(Map.of("openshift_ptp_process_status{config=ts2phc.0.config,node=node1,process=ts2phc}", 1L,
                "openshift_ptp_clock_state{iface=ens2fx,node=node1,process=ts2phc}", 1L,
                "openshift_ptp_offset_ns{from=master,iface=ens2fx,node=node1,process=ts2phc}", -1L,
                "openshift_ptp_nmea_status{iface=ens2fx,node=node1,process=ts2phc}", 1L));
        feed(lines.subList(10, 17));
        expectEvents(gnss("ens2fx", "FAILURE-NOFIX", 0, 0), lockState("ens2fx", "HOLDOVER", 0),
                syncState("HOLDOVER"), clockClass("ens2fx", 7));
        String dpll = "{from=dpll,iface=ens2fx,node=node1,process=dpll}";
        expectMetrics(Map.of("openshift_ptp_clock_state{iface=ens2fx,node=node1,process=dpll}", 2L,
                "openshift_ptp_frequency_status" + dpll, 4L, "openshift_ptp_phase_status" + dpll, 4L,
                "openshift_ptp_nmea_status{iface=ens2fx,node=node1,process=ts2phc}", 0L,
                "openshift_ptp_clock_state{iface=ens2fx,node=node1,process=ts2phc}", 2L,
                "openshift_ptp_clock_state{iface=CLOCK_REALTIME,node=node1,process=phc2sys}", 1L));
        feed(lines.subList(17, 21));
        expectEvents(lockState("ens2fx", "FREERUN", 99999999999L), syncState("FREERUN"), clockClass("ens2fx", 248),
                osClock("FREERUN", 7));
        feed(lines.subList(21, lines.size()));
        expectEvents(gnss("ens2fx", "SYNCHRONIZED", 2, 5), lockState("ens2fx", "LOCKED", -5), clockClass("ens2fx", 6),
                osClock("LOCKED", 3), syncState("LOCKED"));
        expectNoMoreEvents();
        expectMetrics(Map.of("openshift_ptp_gnss_status{from=gnss,iface=ens2fx,node=node1,process=gnss}", 5L,
                "openshift_ptp_nmea_status{iface=ens2fx,node=node1,process=ts2phc}", 1L,
                "openshift_ptp_pps_status" + dpll, 1L,
                "openshift_ptp_clock_state{iface=ens2fx,node=node1,process=GM}", 1L,
                "openshift_ptp_clock_class{config=ptp4l.0.config,node=node1,process=ptp4l}", 6L,
                "openshift_ptp_offset_ns{from=gnss,iface=ens2fx,node=node1,process=gnss}", 2L,
                "openshift_ptp_clock_state{iface=ens2fx,node=node1,process=gnss}", 1L));
        expectCurrentState(lockState("ens2fx", "LOCKED", -5), osClock("LOCKED", 3), syncState("LOCKED"),
                clockClass("ens2fx", 6), gnss("ens2fx", "SYNCHRONIZED", 2, 5));
    }

    @Test
    void s09_dpll_states() throws Exception {
        start(Map.of("ptp4l.0.config", TGM), tgmProfile());
        List<String> lines = PtpLogsToSubscriberTest.recorded("09-dpll-states.log");
        long[][] after = {{1, 4, 0, 99999999999L, 0}, {3, 3, 1, 0, 1}, {3, 3, 1, -5, 1}, {4, 4, 1, 12, 2},
                {-1, 0, 0, 0, 0}, {-1, 0, 0, 0, 0}};
        String dpll = "{from=dpll,iface=ens2fx,node=node1,process=dpll}";
        for (int i = 0; i < lines.size(); i++) {
            feed(List.of(lines.get(i)));
            expectMetrics(Map.of("openshift_ptp_frequency_status" + dpll, after[i][0],
                    "openshift_ptp_phase_status" + dpll, after[i][1], "openshift_ptp_pps_status" + dpll, after[i][2],
                    "openshift_ptp_offset_ns" + dpll, after[i][3],
                    "openshift_ptp_clock_state{iface=ens2fx,node=node1,process=dpll}", after[i][4]));
        }
        expectNoMoreEvents();
        assertEquals(1, counters().rejected(io.ptpproxy.ptp.RejectReason.TRUNCATED), "the cut last line");
    }

    /**
     * 22 lines: 1 control and 1 chatter line ignored, 5 valid, 15 rejected. The line tagged
     * {@code ptp4l.9.config} (a config the daemon never wrote, while it wrote ptp4l.0.config) is rejected
     * as unknown-config, as upstream skips it.
     */
    @Test
    void s10_malformed_lines() throws Exception {
        start(Map.of("ptp4l.0.config", OC), ocProfile(5));
        feed("10-malformed-lines.log");
        expectEvents(lockState("ens5fx", "LOCKED", -3), syncState("LOCKED"));
        expectNoMoreEvents();
        assertEquals(List.of(5L, 2L, 15L), List.of(counters().accepted(), counters().ignored(), counters().rejectedTotal()));
        Map<String, Double> all = scrape(line -> line.startsWith("ptp_proxy_rejected_lines_total"));
        Map<String, Double> reasons = new TreeMap<>();
        all.forEach((series, value) -> {
            if (value > 0) {
                reasons.put(series, value);
            }
        });
        assertEquals(Map.of("ptp_proxy_rejected_lines_total{reason=empty}", 1.0,
                "ptp_proxy_rejected_lines_total{reason=no-config-tag}", 3.0,
                "ptp_proxy_rejected_lines_total{reason=truncated}", 5.0,
                "ptp_proxy_rejected_lines_total{reason=not-a-number}", 4.0,
                "ptp_proxy_rejected_lines_total{reason=unknown-servo-state}", 1.0,
                "ptp_proxy_rejected_lines_total{reason=unknown-config}", 1.0), reasons);
        expectMetrics(Map.of("openshift_ptp_offset_ns{from=master,iface=ens5fx,node=node1,process=ptp4l}", 4L,
                "openshift_ptp_interface_role{iface=ens5f0,node=node1,process=ptp4l}", 1L,
                "openshift_ptp_process_status{config=ptp4l.0.config,node=node1,process=ptp4l}", 1L));
        assertEquals(List.of(), scrape(line -> line.contains("ptp4l.9.config")).keySet().stream().toList());
    }

    /** oc2's holdOverTimeout is 3 s: FREERUN follows the FAULTY port of ptp4l.1 once the clock passed it. */
    @Test
    void s11_two_configs() throws Exception {
        start(Map.of("ptp4l.0.config", "#profile: oc-profile\n[global]\nslaveOnly 1\n[ens5f0]\n[ens5f1]\nmasterOnly 1\n",
                        "ptp4l.1.config", "#profile: oc2\n[global]\n[ens7f0]\n"),
                "[{\"name\":\"oc-profile\",\"phc2sysOpts\":\"-a -r\"},{\"name\":\"oc2\",\"ptpClockThreshold\":"
                        + "{\"holdOverTimeout\":3,\"maxOffsetThreshold\":50,\"minOffsetThreshold\":-50}}]");
        feed("11-two-configs.log");
        expectEvents(lockState("ens5fx", "LOCKED", -3), syncState("LOCKED"), lockState("ens7fx", "LOCKED", 7),
                osClock("LOCKED", 5), lockState("ens7fx", "FREERUN", 70), syncState("FREERUN"),
                lockState("ens7fx", "LOCKED", 10), syncState("LOCKED"), lockState("ens7fx", "HOLDOVER", 10),
                syncState("HOLDOVER"));
        advanceClock(Duration.ofMillis(2999));
        expectNoMoreEvents();
        advanceClock(Duration.ofSeconds(1));
        expectEvents(lockState("ens7fx", "FREERUN", 10), syncState("FREERUN"));
        expectNoMoreEvents();
        expectMetrics(Map.ofEntries(
                Map.entry("openshift_ptp_threshold{node=node1,profile=oc2,threshold=HoldOverTimeout}", 3L),
                Map.entry("openshift_ptp_threshold{node=node1,profile=oc2,threshold=MaxOffsetThreshold}", 50L),
                Map.entry("openshift_ptp_threshold{node=node1,profile=oc2,threshold=MinOffsetThreshold}", -50L),
                Map.entry("openshift_ptp_threshold{node=node1,profile=oc-profile,threshold=HoldOverTimeout}", 5L),
                Map.entry("openshift_ptp_threshold{node=node1,profile=oc-profile,threshold=MaxOffsetThreshold}", 100L),
                Map.entry("openshift_ptp_threshold{node=node1,profile=oc-profile,threshold=MinOffsetThreshold}", -100L),
                Map.entry("openshift_ptp_interface_role{iface=ens5f0,node=node1,process=ptp4l}", 1L),
                Map.entry("openshift_ptp_interface_role{iface=ens5f1,node=node1,process=ptp4l}", 2L),
                Map.entry("openshift_ptp_interface_role{iface=ens7f0,node=node1,process=ptp4l}", 3L),
                Map.entry("openshift_ptp_clock_state{iface=ens5fx,node=node1,process=ptp4l}", 1L),
                Map.entry("openshift_ptp_clock_state{iface=ens7fx,node=node1,process=ptp4l}", 0L)));
        ArrayNode values = new ObjectMapper().createArrayNode()
                .add(value(NODE + "/ens5fx/master", "notification", "enumeration", "LOCKED"))
                .add(value(NODE + "/ens5fx/master", "metric", "decimal64.3", "2"))
                .add(value(NODE + "/ens7fx/master", "notification", "enumeration", "FREERUN"))
                .add(value(NODE + "/ens7fx/master", "metric", "decimal64.3", "10"));
        assertEvent(new Expected("/sync/ptp-status/lock-state", "event.sync.ptp-status.ptp-state-change", values),
                proxy.send("GET", proxy.v2() + NODE + "/sync/ptp-status/lock-state/CurrentState", null).body());
    }

    @Test
    void s12_process_restart() throws Exception {
        start(Map.of("ptp4l.0.config", OC), ocProfile(5));
        feed("12-process-restart.log");
        expectEvents(lockState("ens5fx", "LOCKED", -3), syncState("LOCKED"), osClock("LOCKED", 5),
                lockState("ens5fx", "FREERUN", DOWN), syncState("FREERUN"), osClock("FREERUN", DOWN),
                lockState("ens5fx", "LOCKED", 14), osClock("LOCKED", -5), syncState("LOCKED"));
        expectNoMoreEvents();
        expectMetrics(Map.of("openshift_ptp_process_status{config=ptp4l.0.config,node=node1,process=ptp4l}", 1L,
                "openshift_ptp_process_restart_count{config=ptp4l.0.config,node=node1,process=ptp4l}", 2L,
                "openshift_ptp_process_restart_count{config=ptp4l.0.config,node=node1,process=phc2sys}", 1L,
                "openshift_ptp_interface_role{iface=ens5f0,node=node1,process=ptp4l}", 1L,
                "openshift_ptp_clock_state{iface=ens5fx,node=node1,process=ptp4l}", 1L,
                "openshift_ptp_clock_state{iface=CLOCK_REALTIME,node=node1,process=phc2sys}", 1L));
    }

    @Test
    void s12_process_down_sets_the_os_clock_metric_to_freerun() throws Exception {
        start(Map.of("ptp4l.0.config", OC), ocProfile(5));
        feed(PtpLogsToSubscriberTest.recorded("12-process-restart.log").subList(0, 6));
        expectEvents(lockState("ens5fx", "LOCKED", -3), syncState("LOCKED"), osClock("LOCKED", 5),
                lockState("ens5fx", "FREERUN", DOWN), syncState("FREERUN"), osClock("FREERUN", DOWN));
        expectMetrics(Map.of("openshift_ptp_process_status{config=ptp4l.0.config,node=node1,process=ptp4l}", 0L,
                "openshift_ptp_clock_state{iface=CLOCK_REALTIME,node=node1,process=phc2sys}", 0L,
                "openshift_ptp_clock_state{iface=ens5fx,node=node1,process=ptp4l}", 0L));
    }

    /** No ptp4l config is needed for SyncE; a new network option replaces the port's old series. */
    @Test
    void s13_synce() throws Exception {
        start(Map.of(), null);
        List<String> lines = PtpLogsToSubscriberTest.recorded("13-synce.log");
        feed(lines.subList(0, 2));
        expectEvents(synceLockState("synce1", "ens7f0", "LOCKED"), synceClockQuality("synce1", "ens7f0", 2, 255));
        String port = "iface=ens7f0,network_option=1,node=node1,process=synce4l,profile=synce4l.0.config";
        expectMetrics(Map.of("openshift_ptp_synce_ssm_ql{device=synce1," + port + ",ql_type=SSM}", 2L,
                "openshift_ptp_synce_ssm_ql{device=synce1," + port + ",ql_type=Extended SSM}", 255L,
                "openshift_ptp_synce_clock_quality{device=synce1," + port + "}", 257L,
                "openshift_ptp_clock_state{iface=ens7f0,node=node1,process=synce4l}", 1L));
        feed(lines.subList(2, 4));
        expectEvents(synceLockState("synce1", "ens7f0", "HOLDOVER"), synceClockQuality("synce1", "ens7f0", 1, 32));
        expectNoMoreEvents();
        Map<String, Double> synce = scrape(line -> line.startsWith("openshift_ptp_synce_"));
        String option2 = "iface=ens7f0,network_option=2,node=node1,process=synce4l,profile=synce4l.0.config";
        assertEquals(Map.of("openshift_ptp_synce_ssm_ql{device=synce1," + option2 + ",ql_type=SSM}", 1.0,
                "openshift_ptp_synce_ssm_ql{device=synce1," + option2 + ",ql_type=Extended SSM}", 32.0,
                "openshift_ptp_synce_clock_quality{device=synce1," + option2 + "}", 33.0), synce);
        expectMetrics(Map.of("openshift_ptp_clock_state{iface=ens7f0,node=node1,process=synce4l}", 2L));
        expectCurrentState(synceLockState("synce1", "ens7f0", "HOLDOVER"), synceClockQuality("synce1", "ens7f0", 1, 32));
    }

    /**
     * The daemon sends {@code CMD RESTART} after a PtpConfig change (ptp-domain.md §1.2); upstream's proxy
     * re-executes itself. Here the config files are re-read, clock state and series are dropped (the
     * thresholds stay), subscriptions stay, and the restarted processes' lines publish afresh.
     */
    @Test
    void restart_command_resets_clock_state_and_series() throws Exception {
        start(Map.of("ptp4l.0.config", OC), ocProfile(5));
        feed("01-steady-lock.log");
        expectEvents(lockState("ens5fx", "LOCKED", -3), syncState("LOCKED"), osClock("LOCKED", 5));
        Files.writeString(work.resolve("run").resolve("ptp4l.0.config"),
                "#profile: oc-profile\n[global]\nslaveOnly 1\n[ens7f0]\n");
        feed(List.of("CMD RESTART"));
        // a line is counted before its effect is applied: wait for the reset, with a deadline
        List<String> thresholdsOnly = List.of("openshift_ptp_threshold{node=node1,profile=oc-profile,threshold=HoldOverTimeout}",
                "openshift_ptp_threshold{node=node1,profile=oc-profile,threshold=MaxOffsetThreshold}",
                "openshift_ptp_threshold{node=node1,profile=oc-profile,threshold=MinOffsetThreshold}");
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> series = seriesNow();
        while (!series.equals(thresholdsOnly) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            series = seriesNow();
        }
        assertEquals(thresholdsOnly, series);
        feed(List.of("ptp4l[1700000000]:[ptp4l.0.config] PTP_PROCESS_STATUS:1",
                "ptp4l[2.0]: [ptp4l.0.config] master offset -7 s2 freq -85 path delay 1586"));
        expectEvents(lockState("ens7fx", "LOCKED", -7), syncState("LOCKED"));
        expectNoMoreEvents();
        expectMetrics(Map.of("openshift_ptp_process_restart_count{config=ptp4l.0.config,node=node1,process=ptp4l}", 1L,
                "openshift_ptp_offset_ns{from=master,iface=ens7fx,node=node1,process=ptp4l}", -7L));
    }

    /**
     * Issue 17 bug 3: an offset line that arrives while the config file is missing (the reload has
     * forgotten the config) is taken, changes nothing, and once the file is back the offset lines lock
     * the clock again and its later transitions are announced, without waiting for a port line.
     */
    @Test
    void an_offset_line_during_a_config_gap_does_not_mute_the_clock() throws Exception {
        start(Map.of("ptp4l.0.config", OC), ocProfile(5), Map.of("ptp.config-reload-ms", "50"));
        feed("01-steady-lock.log");
        expectEvents(lockState("ens5fx", "LOCKED", -3), syncState("LOCKED"), osClock("LOCKED", 5));
        Path config = work.resolve("run").resolve("ptp4l.0.config");
        Files.delete(config);
        ClockStateTracker tracker = proxy.bean("clockStateTracker", ClockStateTracker.class);
        awaitTrue(() -> !tracker.hasState(), "the removed config forgotten");
        long acceptedBefore = counters().accepted();
        feed(List.of("ptp4l[1100.0]: [ptp4l.0.config] master offset -4 s2 freq -85 path delay 1586"));
        assertEquals(acceptedBefore + 1, counters().accepted(), "the line in the gap is taken");
        assertEquals(404, proxy.send("GET", proxy.v2() + NODE + "/sync/ptp-status/lock-state/CurrentState", null)
                .statusCode());
        Files.writeString(config, OC);
        PtpConfigCatalog catalog = proxy.bean("ptpConfigCatalog", PtpConfigCatalog.class);
        awaitTrue(() -> catalog.knows("ptp4l.0.config"), "the restored config read");
        feed(List.of("ptp4l[1101.0]: [ptp4l.0.config] master offset -5 s2 freq -85 path delay 1586"));
        expectEvents(lockState("ens5fx", "LOCKED", -5));
        expectCurrentState(lockState("ens5fx", "LOCKED", -5));
        feed(List.of("ptp4l[1102.0]: [ptp4l.0.config] port 1 (ens5f0): SLAVE to FAULTY on FAULT_DETECTED"));
        expectEvents(lockState("ens5fx", "HOLDOVER", -5), syncState("HOLDOVER"));
        advanceClock(Duration.ofSeconds(5));
        expectEvents(lockState("ens5fx", "FREERUN", -5), syncState("FREERUN"));
    }

    /**
     * Moves the proxy's clock and rings its holdover alarm, as the passing of that much real time
     * would: the alarm is a real-time schedule, and this clock stands still until moved.
     */
    private void advanceClock(Duration duration) throws IOException {
        clock.advance(duration);
        try (var alarm = proxy.context().createProducerTemplate()) {
            alarm.sendBody("direct:holdover-due", null);
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(10);
        }
    }

    /**
     * Several writers at once, as the daemon has one connection per process: an ordinary clock's lines
     * with garbage and cut lines between them on one connection, SyncE lines on another. Each
     * connection's events arrive in its order; garbage changes nothing.
     */
    @Test
    void interleaved_writers_with_garbage_between_valid_lines() throws Exception {
        start(Map.of("ptp4l.0.config", OC), ocProfile(5));
        List<String> clock = new ArrayList<>();
        for (String line : PtpLogsToSubscriberTest.recorded("01-steady-lock.log")) {
            clock.add(line);
            clock.add("\u0000garbage ]][[ ::: " + line.hashCode());
            clock.add(line.substring(0, line.length() / 2));
        }
        List<String> synce = PtpLogsToSubscriberTest.recorded("13-synce.log");
        long before = processed();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = List.of(writers.submit(() -> write(clock)), writers.submit(() -> write(synce)));
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            writers.shutdown();
        }
        awaitProcessed(before + clock.size() + synce.size());
        List<String> bodies = PtpLogsToSubscriberTest.bodies(subscriber.next(7, WAIT));
        expectNoMoreEvents();
        assertEvents(List.of(lockState("ens5fx", "LOCKED", -3), syncState("LOCKED"), osClock("LOCKED", 5)),
                bySource(bodies, "/sync/ptp-status/lock-state", "/sync/sync-status/sync-state",
                        "/sync/sync-status/os-clock-sync-state"));
        assertEvents(List.of(synceLockState("synce1", "ens7f0", "LOCKED"), synceClockQuality("synce1", "ens7f0", 2, 255),
                        synceLockState("synce1", "ens7f0", "HOLDOVER"), synceClockQuality("synce1", "ens7f0", 1, 32)),
                bySource(bodies, "/sync/synce-status/lock-state", "/sync/synce-status/clock-quality"));
        expectMetrics(Map.of("openshift_ptp_offset_ns{from=master,iface=ens5fx,node=node1,process=ptp4l}", 13L,
                "openshift_ptp_clock_state{iface=ens7f0,node=node1,process=synce4l}", 2L));
    }

    private static List<String> bySource(List<String> bodies, String... sources) {
        List<String> wanted = List.of(sources);
        return bodies.stream().filter(body -> wanted.contains(OranEventAssert.parse(body).get("source").asText()))
                .toList();
    }

    private Object write(List<String> lines) throws IOException {
        try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            writer.lines(lines);
        }
        return null;
    }

    private void start(Map<String, String> configFiles, String profiles) throws Exception {
        start(configFiles, profiles, Map.of());
    }

    private void start(Map<String, String> configFiles, String profiles, Map<String, String> properties)
            throws Exception {
        Path run = Files.createDirectories(work.resolve("run"));
        for (Map.Entry<String, String> file : configFiles.entrySet()) {
            Files.writeString(run.resolve(file.getKey()), file.getValue());
        }
        if (profiles != null) {
            Files.writeString(Files.createDirectories(work.resolve("profiles")).resolve(RunningProxy.NODE), profiles);
        }
        proxy = RunningProxy.start(work, properties, clock);
        subscriber = RecordingSubscriber.start();
        for (String resource : RESOURCES) {
            assertEquals(201, proxy.subscribe(NODE + resource, subscriber.uri()).statusCode(), resource);
        }
        subscriber.next(RESOURCES.size(), WAIT);
    }

    private static String ocProfile(int holdOverTimeoutSeconds) {
        return "[{\"name\":\"oc-profile\",\"phc2sysOpts\":\"-a -r -m -n 24 -N 8 -R 16\",\"ptpClockThreshold\":"
                + "{\"holdOverTimeout\":" + holdOverTimeoutSeconds + ",\"maxOffsetThreshold\":100,\"minOffsetThreshold\":-100}}]";
    }

    private static String tgmProfile() {
        return "[{\"name\":\"tgm\",\"ts2PhcOpts\":\"-s generic\",\"phc2sysOpts\":\"-r -u 0 -m -N 8 -R 16 -s ens2f0 -n 24\"}]";
    }

    private void feed(String recording) throws Exception {
        feed(PtpLogsToSubscriberTest.recorded(recording));
    }

    /** Writes the lines on one connection and waits until the proxy has taken every one of them. */
    private void feed(List<String> lines) throws Exception {
        long before = processed();
        write(lines);
        awaitProcessed(before + lines.size());
    }

    private void expectEvents(Expected... expected) throws InterruptedException {
        assertEvents(List.of(expected), PtpLogsToSubscriberTest.bodies(subscriber.next(expected.length, WAIT)));
    }

    /** Asserts the CurrentState answer of each expected event's resource is exactly that event. */
    private void expectCurrentState(Expected... expected) throws Exception {
        for (Expected event : expected) {
            var response = proxy.send("GET", proxy.v2() + NODE + event.source() + "/CurrentState", null);
            assertEquals(200, response.statusCode(), event.source());
            assertEvent(event, response.body());
        }
    }

    private List<String> seriesNow() throws Exception {
        return new ArrayList<>(new TreeMap<>(scrape(line -> line.startsWith("openshift_ptp_"))).keySet());
    }

    private void expectNoMoreEvents() throws Exception {
        NothingMore.assertNothingMore(proxy, subscriber, "no further event");
    }

    /** Asserts the scraped value of each given series (labels sorted, quotes dropped). */
    private void expectMetrics(Map<String, Long> expected) throws Exception {
        Map<String, Double> scraped = scrape(line -> line.startsWith("openshift_ptp_"));
        Map<String, Double> wanted = new TreeMap<>();
        Map<String, Double> actual = new TreeMap<>();
        expected.forEach((series, value) -> {
            wanted.put(series, value.doubleValue());
            actual.put(series, scraped.get(series));
        });
        assertEquals(wanted, actual);
    }

    /** @return the samples of upstream's scrape path, {@code :PORT/metrics}, selected by their line */
    private Map<String, Double> scrape(java.util.function.Predicate<String> select) throws Exception {
        String url = proxy.management().replace("/observe", "") + "/metrics";
        var response = proxy.send("GET", url, null);
        assertEquals(200, response.statusCode(), url);
        return response.body().lines()
                .filter(line -> !line.startsWith("#") && select.test(line))
                .collect(Collectors.toMap(line -> normalize(line.substring(0, line.lastIndexOf(' '))),
                        line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))));
    }

    private static String normalize(String series) {
        int brace = series.indexOf('{');
        if (brace < 0) {
            return series;
        }
        String labels = Stream.of(series.substring(brace + 1, series.length() - 1).split(","))
                .map(label -> label.replace("\"", "")).sorted().collect(Collectors.joining(","));
        return series.substring(0, brace) + "{" + labels + "}";
    }

    private LineCounters counters() {
        return proxy.bean("lineCounters", LineCounters.class);
    }

    private long processed() {
        LineCounters counters = counters();
        return counters.accepted() + counters.ignored() + counters.rejectedTotal();
    }

    private void awaitProcessed(long lines) throws InterruptedException {
        proxy.awaitLinesProcessed(lines, WAIT);
    }
}
