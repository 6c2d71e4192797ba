package io.ptpproxy.e2e;

import static io.ptpproxy.fixtures.OranEventAssert.assertEvent;
import static io.ptpproxy.fixtures.OranEventAssert.lockState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import io.ptpproxy.ptp.LineCounters;
import io.ptpproxy.ptp.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real UNIX socket: framing, long and garbage lines, many writers, stale socket files and permissions. */
class SocketIngestTest {

    private static final String LOCK_STATE = "/cluster/node/" + RunningProxy.NODE + "/sync/ptp-status/lock-state";
    private static final String SLAVE = "ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED";

    @TempDir
    Path work;

    @Test
    void should_replace_a_stale_socket_restrict_it_to_0660_and_report_health_and_route_metrics() throws Exception {
        Path socket = work.resolve("events.sock");
        try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket), "a stale socket file is left behind, as after kill -9");
        try (RunningProxy proxy = RunningProxy.start(work)) {
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(proxy.socketPath())));
            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writer.line(SLAVE);
            }
            awaitCount(() -> proxy.bean("lineCounters", LineCounters.class).accepted(), 1);

            assertEquals("{\"status\":\"UP\"}", proxy.send("GET", proxy.management() + "/health", null).body());
            String metrics = proxy.send("GET", proxy.management() + "/metrics", null).body();
            assertTrue(metrics.contains("routeId=\"ingest\""), "route metrics name the ingest route");
        }
    }

    @Test
    void should_drop_an_over_long_line_count_it_and_keep_reading_the_connection() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(work); RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
            subscriber.next(Duration.ofSeconds(10));
            LineCounters counters = proxy.bean("lineCounters", LineCounters.class);
            String atLimit = "ptp4l[1.0]: [ptp4l.0.config] config item " + "x".repeat(65536 - 41);
            assertEquals(65536, atLimit.length());
            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writer.line(SLAVE)
                        .line("ptp4l[1.1]: [ptp4l.0.config] master offset " + "9".repeat(100_000) + " s2 freq 0 path delay 1")
                        .line(atLimit)
                        .line("ptp4l[1.2]: [ptp4l.0.config] master offset -3 s2 freq 0 path delay 1");
                assertEvent(lockState("ens5fx", "LOCKED", -3), subscriber.next(Duration.ofSeconds(10)).body());
            }
            assertEquals(1, counters.rejected(RejectReason.TOO_LONG));
            assertEquals(1, counters.ignored(), "a 64 KiB line is still read");
            assertEquals(2, counters.accepted());
        }
    }

    @Test
    void should_count_garbage_by_reason_and_never_stop_the_route() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(work); RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
            subscriber.next(Duration.ofSeconds(10));
            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writer.line(SLAVE)
                        .line("")
                        .line("garbage")
                        .raw("\u0000\u0001\u00ff binary\r\n")
                        .line("ptp4l[1.1]: [ptp4l.0.config] master offset")
                        .line("ptp4l[1.1]: [ptp4l.0.config] master offset abc s2 freq 0 path delay 1")
                        .line("ptp4l[1.1]: [ptp4l.0.config] master offset 5 s9 freq 0 path delay 1")
                        .raw("ptp4l[1.2]: [ptp4l.0.config] master offset -7 s2 freq 0 path delay 1");
            }
            // the last line has no newline: it is still delivered when the writer disconnects
            assertEvent(lockState("ens5fx", "LOCKED", -7), subscriber.next(Duration.ofSeconds(10)).body());
            LineCounters counters = proxy.bean("lineCounters", LineCounters.class);
            assertEquals(1, counters.rejected(RejectReason.EMPTY));
            assertEquals(2, counters.rejected(RejectReason.NO_CONFIG_TAG));
            assertEquals(1, counters.rejected(RejectReason.TRUNCATED));
            assertEquals(1, counters.rejected(RejectReason.NOT_A_NUMBER));
            assertEquals(1, counters.rejected(RejectReason.UNKNOWN_SERVO_STATE));
            assertEquals(2, counters.accepted());

            String metrics = proxy.send("GET", proxy.management() + "/metrics", null).body();
            for (String sample : List.of("ptp_proxy_rejected_lines_total{reason=\"no-config-tag\"} 2.0",
                    "ptp_proxy_rejected_lines_total{reason=\"empty\"} 1.0",
                    "ptp_proxy_log_lines_total{result=\"accepted\"} 2.0",
                    "ptp_proxy_log_lines_total{result=\"rejected\"} 6.0",
                    "ptp_proxy_subscriptions 1.0")) {
                assertTrue(metrics.lines().anyMatch(sample::equals), sample + " in\n" + metrics.lines()
                        .filter(l -> l.startsWith("ptp_proxy")).toList());
            }
        }
    }

    @Test
    void should_take_every_line_of_concurrent_and_reconnecting_writers() throws Exception {
        int writers = 8;
        int connections = 25;
        int linesPerConnection = 20;
        try (RunningProxy proxy = RunningProxy.start(work)) {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<Void>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int config = w;
                done.add(pool.submit((Callable<Void>) () -> {
                    for (int c = 0; c < connections; c++) {
                        try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                            for (int l = 0; l < linesPerConnection; l++) {
                                writer.line("ptp4l[1.0]: [ptp4l." + config + ".config] master offset " + l
                                        + " s2 freq 0 path delay 1");
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> future : done) {
                future.get();
            }
            pool.shutdown();
            LineCounters counters = proxy.bean("lineCounters", LineCounters.class);
            awaitCount(counters::accepted, writers * connections * linesPerConnection);
            assertEquals(0, counters.rejectedTotal());
        }
    }

    private static void awaitCount(LongSupplier count, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (count.getAsLong() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, count.getAsLong());
    }
}
