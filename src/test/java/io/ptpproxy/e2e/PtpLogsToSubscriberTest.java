package io.ptpproxy.e2e;

import static io.ptpproxy.fixtures.OranEventAssert.assertEvent;
import static io.ptpproxy.fixtures.OranEventAssert.assertEvents;
import static io.ptpproxy.fixtures.OranEventAssert.clockClass;
import static io.ptpproxy.fixtures.OranEventAssert.gnss;
import static io.ptpproxy.fixtures.OranEventAssert.lockState;
import static io.ptpproxy.fixtures.OranEventAssert.osClock;
import static io.ptpproxy.fixtures.OranEventAssert.syncState;
import static io.ptpproxy.fixtures.OranEventAssert.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ptpproxy.fixtures.OranEventAssert.Expected;
import io.ptpproxy.fixtures.NothingMore;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RecordingSubscriber.Received;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: recorded linuxptp lines written to the real socket arrive as exact O-RAN events at a real subscriber. */
class PtpLogsToSubscriberTest {

    private static final String NODE = "/cluster/node/" + RunningProxy.NODE;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path work;

    @Test
    void should_report_lock_holdover_and_freerun_from_a_recorded_session() throws Exception {
        // a real-time holdover: the lines written with the FAULTY one must all be taken before it
        // ends, which 1 s left to the scheduling of a loaded machine
        writeOcFixture(3);
        try (RunningProxy proxy = RunningProxy.start(work); RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            subscribeAndTakeInitial(proxy, subscriber);

            List<String> lines = new ArrayList<>(recorded("04-faulty-holdover-freerun.log"));
            lines.addAll(recorded("04b-after-holdover-timeout.log"));
            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writer.lines(recorded("04-faulty-holdover-freerun.log"));
                assertEvents(List.of(
                        lockState("ens5fx", "LOCKED", -11), syncState("LOCKED"), osClock("LOCKED", 5),
                        lockState("ens5fx", "HOLDOVER", -4), syncState("HOLDOVER"), osClock("HOLDOVER", 3)),
                        bodies(subscriber.next(6, WAIT)));

                // holdOverTimeout is 3 s in the fixture profile: FREERUN follows without another line
                assertEvents(List.of(lockState("ens5fx", "FREERUN", -4), syncState("FREERUN")),
                        bodies(subscriber.next(2, WAIT)));

                writer.lines(recorded("04b-after-holdover-timeout.log"));
                assertEvents(List.of(osClock("FREERUN", 2)), bodies(subscriber.next(1, WAIT)));
            }
            // every line through, so every event it makes is queued before the marker
            awaitLinesProcessed(proxy, lines.size());
            NothingMore.assertNothingMore(proxy, subscriber, "no further event");
        }
    }

    @Test
    void should_recover_to_locked_after_the_master_returns() throws Exception {
        writeOcFixture(5);
        try (RunningProxy proxy = RunningProxy.start(work); RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            subscribeAndTakeInitial(proxy, subscriber);
            List<String> lines = recorded("05-recovery-locked.log");
            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writer.lines(lines);
                assertEvents(List.of(
                        lockState("ens5fx", "LOCKED", -11), syncState("LOCKED"), osClock("LOCKED", 5),
                        lockState("ens5fx", "HOLDOVER", -11), syncState("HOLDOVER"), osClock("HOLDOVER", 3),
                        lockState("ens5fx", "LOCKED", 8), osClock("LOCKED", 4), syncState("LOCKED")),
                        bodies(subscriber.next(9, WAIT)));
            }
            awaitLinesProcessed(proxy, lines.size());
            NothingMore.assertNothingMore(proxy, subscriber, "no further event");
        }
    }

    @Test
    void should_send_the_placeholder_as_initial_notification_and_the_state_once_known() throws Exception {
        writeOcFixture(5);
        try (RunningProxy proxy = RunningProxy.start(work); RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            assertEquals(201, proxy.subscribe(NODE + "/sync/ptp-status/lock-state", subscriber.uri()).statusCode());
            Received initial = subscriber.next(WAIT);
            assertEquals("POST", initial.method());
            assertEquals("application/json", initial.header("Content-Type"));
            assertNull(initial.header("ce-id"), "structured mode: no ce- headers");
            ArrayNode placeholder = new ObjectMapper().createArrayNode()
                    .add(value(NODE + "/ptp-not-set", "notification", "enumeration", "FREERUN"))
                    .add(value(NODE + "/ptp-not-set", "metric", "decimal64.3", "0"));
            assertEvent(new Expected("/sync/ptp-status/lock-state", "event.sync.ptp-status.ptp-state-change",
                    placeholder), initial.body());

            List<String> lines = recorded("01-steady-lock.log");
            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writer.lines(lines);
            }
            assertEvent(lockState("ens5fx", "LOCKED", -3), subscriber.next(WAIT).body());
            awaitLinesProcessed(proxy, lines.size());
            assertEvent(lockState("ens5fx", "LOCKED", 13), proxy.send("GET",
                    proxy.v2() + NODE + "/sync/ptp-status/lock-state/CurrentState", null).body());
        }
    }

    @Test
    void should_deliver_grandmaster_gnss_and_clock_class_events() throws Exception {
        Path run = Files.createDirectories(work.resolve("run"));
        Files.writeString(run.resolve("ptp4l.0.config"), "#profile: tgm\n[global]\n[ens2f0]\nmasterOnly 1\n");
        try (RunningProxy proxy = RunningProxy.start(work); RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            for (String suffix : List.of("/sync/gnss-status/gnss-sync-status", "/sync/ptp-status/lock-state",
                    "/sync/ptp-status/clock-class")) {
                assertEquals(201, proxy.subscribe(NODE + suffix, subscriber.uri()).statusCode());
            }
            subscriber.next(3, WAIT);
            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writer.lines(recorded("08-tgm-gnss-loss.log").subList(0, 15));
            }
            assertEvents(List.of(gnss("ens2fx", "SYNCHRONIZED", 5, 3), lockState("ens2fx", "LOCKED", 0),
                            clockClass("ens2fx", 6), gnss("ens2fx", "FAILURE-NOFIX", 0, 0),
                            lockState("ens2fx", "HOLDOVER", 0), clockClass("ens2fx", 7)),
                    bodies(subscriber.next(6, WAIT)));
        }
    }

    private static void awaitLinesProcessed(RunningProxy proxy, long lines) throws InterruptedException {
        proxy.awaitLinesProcessed(lines, WAIT);
    }

    private void subscribeAndTakeInitial(RunningProxy proxy, RecordingSubscriber subscriber) throws Exception {
        for (String suffix : List.of("/sync/ptp-status/lock-state", "/sync/sync-status/sync-state",
                "/sync/sync-status/os-clock-sync-state")) {
            assertEquals(201, proxy.subscribe(NODE + suffix, subscriber.uri()).statusCode());
        }
        subscriber.next(3, WAIT);
    }

    /** The OC fixture of ptp-domain.md §5.3 plus a profile file with the given holdOverTimeout. */
    private void writeOcFixture(int holdOverTimeoutSeconds) throws IOException {
        Path run = Files.createDirectories(work.resolve("run"));
        Files.writeString(run.resolve("ptp4l.0.config"), "#profile: oc-profile\n[global]\nslaveOnly 1\n[ens5f0]\n");
        Path profiles = Files.createDirectories(work.resolve("profiles"));
        Files.writeString(profiles.resolve(RunningProxy.NODE), "[{\"name\":\"oc-profile\",\"ptpClockThreshold\":"
                + "{\"holdOverTimeout\":" + holdOverTimeoutSeconds + ",\"maxOffsetThreshold\":100,\"minOffsetThreshold\":-100}}]");
    }

    static List<String> recorded(String name) throws IOException {
        try (var in = PtpLogsToSubscriberTest.class.getResourceAsStream("/ptp-logs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    static List<String> bodies(List<Received> received) {
        return received.stream().map(Received::body).toList();
    }
}
