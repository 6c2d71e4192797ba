package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import io.ptpproxy.delivery.Outboxes;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import io.ptpproxy.ingest.SocketAdmission;
import io.ptpproxy.ptp.LineCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configurable limits of docs/reliability.md on the running proxy: request body, subscriptions
 * in the store, a subscriber's outbox, writers on the socket, the writer's UID; each refusal answered
 * as documented and counted.
 */
class LimitsTest {

    private static final String NODE_PREFIX = "/cluster/node/" + RunningProxy.NODE;
    private static final String LOCK_STATE = NODE_PREFIX + "/sync/ptp-status/lock-state";
    private static final String OS_CLOCK = NODE_PREFIX + "/sync/sync-status/os-clock-sync-state";
    private static final String CLOCK_CLASS = NODE_PREFIX + "/sync/ptp-status/clock-class";
    private static final String SLAVE = "ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED";
    private static final String OFFSET = "ptp4l[1.0]: [ptp4l.0.config] master offset -3 s2 freq 0 path delay 1";

    @TempDir
    Path work;

    @Test
    void should_refuse_a_subscription_beyond_the_limit_with_503_and_no_initial_notification() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(work, Map.of("store.max-subscriptions", "2"));
             RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
            HttpResponse<String> second = proxy.subscribe(OS_CLOCK, subscriber.uri());
            assertEquals(201, second.statusCode());
            subscriber.next(2, Duration.ofSeconds(10));

            HttpResponse<String> third = proxy.subscribe(CLOCK_CLASS, subscriber.uri());
            assertEquals(503, third.statusCode());
            assertEquals("", third.body());
            assertEquals(0, subscriber.pending(), "no initial notification for a refused subscription");
            assertEquals(2, proxy.send("GET", proxy.v2() + "/subscriptions", null).body().split("SubscriptionId").length - 1);
            assertMetric(proxy, "ptp_proxy_subscriptions_refused_total 1.0");

            String id = second.body().replaceAll(".*\"SubscriptionId\":\"([^\"]+)\".*", "$1");
            assertEquals(204, proxy.send("DELETE", proxy.v2() + "/subscriptions/" + id, null).statusCode());
            assertEquals(201, proxy.subscribe(CLOCK_CLASS, subscriber.uri()).statusCode(), "room again after a delete");
        }
    }

    @Test
    void should_answer_413_to_a_body_over_the_limit_and_count_it() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(work, Map.of("camel.server.max-body-size", "1024"))) {
            HttpResponse<String> response = proxy.subscribe(LOCK_STATE, "http://127.0.0.1:1/" + "x".repeat(2000));
            assertEquals(413, response.statusCode());
            assertEquals("[]", proxy.send("GET", proxy.v2() + "/subscriptions", null).body());
            assertMetric(proxy, "ptp_proxy_http_requests_too_large_total 1.0");
        }
    }

    @Test
    void should_drop_the_oldest_events_of_a_full_outbox_and_count_them() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(work, Map.of("delivery.outbox-capacity", "2"));
             RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
            assertNotNull(subscriber.next(Duration.ofSeconds(10)), "the initial notification");
            subscriber.delay(Duration.ofSeconds(10));
            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writer.line(SLAVE);
                for (int i = 0; i < 3; i++) {
                    writer.line(OFFSET).line(OFFSET.replace("offset -3", "offset 250"));
                }
            }
            // six lock-state changes for one subscriber that does not answer: two fit in its outbox
            awaitValue(4, proxy.bean("outboxes", Outboxes.class)::droppedTotal);
            assertMetric(proxy, "ptp_proxy_outbox_dropped_events_total 4.0");
        }
    }

    @Test
    void should_close_and_count_writers_beyond_the_connection_limit_and_keep_the_first() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(work, Map.of("socket.max-connections", "1"))) {
            LineCounters counters = proxy.bean("lineCounters", LineCounters.class);
            SocketAdmission admission = proxy.bean("socketAdmission", SocketAdmission.class);
            try (SocketWriter first = SocketWriter.connect(proxy.socketPath())) {
                first.line(OFFSET);
                awaitValue(1, counters::accepted);
                try (SocketWriter extra = SocketWriter.connect(proxy.socketPath())) {
                    writeUnlessRefused(extra, OFFSET);
                    assertTrue(extra.closedByProxy(Duration.ofSeconds(5)), "the extra writer is closed");
                }
                // the first writer stays connected: its line written after the refusal is read (a line
                // read, not a silence of some milliseconds, which proves nothing on a slow machine)
                first.line(OFFSET);
                awaitValue(2, counters::accepted);
            }
            awaitValue(0, admission::open);
            try (SocketWriter next = SocketWriter.connect(proxy.socketPath())) {
                next.line(OFFSET);
                awaitValue(3, counters::accepted);
            }
            assertEquals(1, admission.refused(SocketAdmission.Refusal.TOO_MANY_CONNECTIONS));
            assertMetric(proxy, "ptp_proxy_socket_refused_connections_total{reason=\"connection-limit\"} 1.0");
        }
    }

    @Test
    void should_close_and_count_a_writer_whose_uid_is_not_allowed() throws Exception {
        int myUid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        try (RunningProxy proxy = RunningProxy.start(work, Map.of("socket.allowed-uids", Integer.toString(myUid + 1)))) {
            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writeUnlessRefused(writer, OFFSET);
                assertTrue(writer.closedByProxy(Duration.ofSeconds(5)), "a writer with another UID is closed");
            }
            LineCounters counters = proxy.bean("lineCounters", LineCounters.class);
            assertEquals(0, counters.accepted() + counters.ignored() + counters.rejectedTotal(), "nothing was read");
            assertMetric(proxy, "ptp_proxy_socket_refused_connections_total{reason=\"peer-uid\"} 1.0");
        }
    }

    @Test
    void should_take_lines_from_an_allowed_uid() throws Exception {
        int myUid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        try (RunningProxy proxy = RunningProxy.start(work, Map.of("socket.allowed-uids", (myUid + 1) + ", " + myUid))) {
            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writer.line(OFFSET);
                awaitValue(1, proxy.bean("lineCounters", LineCounters.class)::accepted);
            }
            assertMetric(proxy, "ptp_proxy_socket_refused_connections_total{reason=\"peer-uid\"} 0.0");
        }
    }

    /**
     * Writes a line on a connection the proxy is about to refuse: it may close it before the write
     * (broken pipe), which is the same refusal; the caller asserts the close and the counter.
     */
    private static void writeUnlessRefused(SocketWriter writer, String line) {
        try {
            writer.line(line);
        } catch (IOException closedAlready) {
            // refused before the write
        }
    }

    private static void assertMetric(RunningProxy proxy, String sample) throws Exception {
        List<String> lines = proxy.send("GET", proxy.management() + "/metrics", null).body().lines().toList();
        assertTrue(lines.contains(sample), sample + " in\n" + lines.stream().filter(l -> l.startsWith("ptp_proxy")).toList());
    }

    private static void awaitValue(long expected, LongSupplier actual) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (actual.getAsLong() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, actual.getAsLong());
    }
}
