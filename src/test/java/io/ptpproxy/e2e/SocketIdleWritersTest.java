package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import io.ptpproxy.ingest.SocketAdmission;
import io.ptpproxy.ptp.LineCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idle writers on the event socket cannot lock the linuxptp daemon out (issue 17): with every place
 * taken by writers that never write, the daemon's connection is admitted in place of the longest
 * idle one and its lines become events; silent writers are closed after the first-line timeout; a
 * writer quiet for the idle-at-limit time makes room for a new one. Real UNIX-socket connections.
 */
class SocketIdleWritersTest {

    private static final String LOCK_STATE = "/cluster/node/" + RunningProxy.NODE + "/sync/ptp-status/lock-state";
    private static final String SLAVE = "ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED";
    private static final String OFFSET = "ptp4l[1.0]: [ptp4l.0.config] master offset -3 s2 freq 0 path delay 1";
    private static final int WRITERS = 256;

    @TempDir
    Path work;

    @Test
    void should_admit_the_daemon_when_every_place_is_held_by_writers_that_never_write() throws Exception {
        List<SocketWriter> silent = new ArrayList<>();
        try (RunningProxy proxy = RunningProxy.start(work, Map.of("socket.first-line-timeout-ms", "600000"));
             RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            SocketAdmission admission = proxy.bean("socketAdmission", SocketAdmission.class);
            LineCounters counters = proxy.bean("lineCounters", LineCounters.class);
            assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
            assertNotNull(subscriber.next(Duration.ofSeconds(10)), "initial notification");
            for (int i = 0; i < WRITERS; i++) {
                silent.add(SocketWriter.connect(proxy.socketPath()));
                awaitValue(i + 1, admission::open);
            }

            try (SocketWriter daemon = SocketWriter.connect(proxy.socketPath())) {
                daemon.line("CMD LIVE_START").line(SLAVE).line(OFFSET);
                RecordingSubscriber.Received event = subscriber.next(Duration.ofSeconds(10));
                assertNotNull(event, "the daemon's lines became an event");
                assertTrue(event.body().contains("\"value\":\"LOCKED\""), event.body());
                assertTrue(silent.get(0).closedByProxy(Duration.ofSeconds(5)), "the longest-idle writer made room");
                assertEquals(1, admission.reclaimed(SocketAdmission.Reclaim.IDLE_AT_LIMIT));
                assertEquals(WRITERS, admission.open());

                try (SocketWriter another = SocketWriter.connect(proxy.socketPath())) {
                    assertTrue(silent.get(1).closedByProxy(Duration.ofSeconds(5)),
                            "a newcomer takes a silent writer's place, not the daemon's");
                    awaitValue(2, () -> admission.reclaimed(SocketAdmission.Reclaim.IDLE_AT_LIMIT));
                    long accepted = counters.accepted();
                    daemon.line(OFFSET);
                    awaitValue(accepted + 1, counters::accepted);
                    assertFalse(daemon.closedByProxy(Duration.ofMillis(100)), "the daemon stays connected");
                }
            }
            assertEquals(0, admission.refused(SocketAdmission.Refusal.TOO_MANY_CONNECTIONS));
            assertMetric(proxy, "ptp_proxy_socket_reclaimed_connections_total{reason=\"idle-at-limit\"} 2.0");
        } finally {
            for (SocketWriter writer : silent) {
                writer.close();
            }
        }
    }

    @Test
    void should_close_a_writer_that_sends_no_complete_line_within_the_first_line_timeout() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(work, Map.of("socket.first-line-timeout-ms", "500"))) {
            // taken before the connections: the proxy's 500 ms run from when each was accepted, later
            long start = System.nanoTime();
            try (SocketWriter silent = SocketWriter.connect(proxy.socketPath());
                 SocketWriter partial = SocketWriter.connect(proxy.socketPath());
                 SocketWriter daemon = SocketWriter.connect(proxy.socketPath())) {
                SocketAdmission admission = proxy.bean("socketAdmission", SocketAdmission.class);
                daemon.line("CMD LIVE_START");
                partial.raw("ptp4l[1.0]: [ptp4l.0.config] master offset");
                assertTrue(silent.closedByProxy(Duration.ofSeconds(10)), "a silent writer is closed");
                assertTrue(partial.closedByProxy(Duration.ofSeconds(10)), "so is one that never ends a line");
                assertTrue(System.nanoTime() - start >= Duration.ofMillis(450).toNanos(), "not before the timeout");
                awaitValue(2, () -> admission.reclaimed(SocketAdmission.Reclaim.FIRST_LINE_TIMEOUT));
                assertEquals(1, admission.open(), "the writer that sent a line stays");
                assertFalse(daemon.closedByProxy(Duration.ofMillis(600)), "and is not closed later either");
                assertMetric(proxy, "ptp_proxy_socket_reclaimed_connections_total{reason=\"first-line-timeout\"} 2.0");
            }
        }
    }

    @Test
    void should_make_room_at_the_limit_by_closing_a_writer_quiet_for_the_idle_at_limit_time() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(work, Map.of("socket.max-connections", "1",
                "socket.idle-at-limit-ms", "300"));
             SocketWriter quiet = SocketWriter.connect(proxy.socketPath())) {
            SocketAdmission admission = proxy.bean("socketAdmission", SocketAdmission.class);
            LineCounters counters = proxy.bean("lineCounters", LineCounters.class);
            // taken before the write: the proxy's quiet time starts when it reads the line, later
            long quietSince = System.nanoTime();
            quiet.line(OFFSET);
            awaitValue(1, counters::accepted);
            // a newcomer is refused while the writer is busier than 300 ms, and then takes its place;
            // each is told apart by the admission's own count, not by a close within some milliseconds
            // (a loaded proxy may take longer to refuse)
            SocketWriter admitted = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (admitted == null && System.nanoTime() < deadline) {
                long refused = admission.refused(SocketAdmission.Refusal.TOO_MANY_CONNECTIONS);
                SocketWriter candidate = SocketWriter.connect(proxy.socketPath());
                try {
                    candidate.line(OFFSET);
                } catch (IOException refusedAlready) {
                    // closed before the write: refused
                }
                awaitTrue(() -> admission.refused(SocketAdmission.Refusal.TOO_MANY_CONNECTIONS) > refused
                        || admission.reclaimed(SocketAdmission.Reclaim.IDLE_AT_LIMIT) > 0, "the newcomer admitted or refused");
                if (admission.reclaimed(SocketAdmission.Reclaim.IDLE_AT_LIMIT) > 0) {
                    admitted = candidate;
                } else {
                    assertTrue(candidate.closedByProxy(Duration.ofSeconds(10)), "a refused newcomer is closed");
                    candidate.close();
                }
            }
            assertNotNull(admitted, "a newcomer got in");
            try (SocketWriter newcomer = admitted) {
                assertTrue(System.nanoTime() - quietSince >= Duration.ofMillis(300).toNanos(), "not before 300 ms");
                assertTrue(quiet.closedByProxy(Duration.ofSeconds(5)), "the quiet writer made room");
                assertEquals(1, admission.reclaimed(SocketAdmission.Reclaim.IDLE_AT_LIMIT));
                awaitValue(2, counters::accepted);
                newcomer.line(OFFSET);
                awaitValue(3, counters::accepted);
            }
        }
    }

    private static void assertMetric(RunningProxy proxy, String sample) throws Exception {
        List<String> lines = proxy.send("GET", proxy.management() + "/metrics", null).body().lines().toList();
        assertTrue(lines.contains(sample), sample + " in\n" + lines.stream().filter(l -> l.startsWith("ptp_proxy_socket")).toList());
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    private static void awaitValue(long expected, LongSupplier actual) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (actual.getAsLong() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, actual.getAsLong());
    }
}
