package io.ptpproxy.e2e;

import static io.ptpproxy.fixtures.OranEventAssert.assertEvent;
import static io.ptpproxy.fixtures.OranEventAssert.lockState;
import static io.ptpproxy.fixtures.OranEventAssert.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.ptpproxy.delivery.OutboxStats;
import io.ptpproxy.delivery.Outboxes;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RecordingSubscriber.Received;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscriber that blips gets every event anyway: retried with backoff, same id, in order. The backoff
 * is raised from its default (100 ms) so that its doubling stands out from scheduling noise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryRetryTest {

    private static final String LOCK_STATE = "/cluster/node/" + RunningProxy.NODE + "/sync/ptp-status/lock-state";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long INITIAL_BACKOFF_MS = 200;
    /**
     * What a retry may take beyond its backoff: the 5xx answer's way back and scheduling on a loaded
     * machine (2 cores shared by several JVMs can hold a thread back for hundreds of milliseconds). The
     * backoff's values are RetryPolicyTest's; here the lower bounds show the proxy waits them out.
     */
    private static final long LATENESS_MS = 1000;

    @TempDir
    static Path work;

    private RunningProxy proxy;
    private SocketWriter writer;
    private boolean locked;

    @BeforeAll
    void start() throws Exception {
        proxy = RunningProxy.start(work, Map.of("delivery.retry-initial-ms", Long.toString(INITIAL_BACKOFF_MS),
                // a maximum far above the doubled waits: waiting it out at once would show (over the lateness)
                "delivery.retry-max-ms", "5000"));
        writer = SocketWriter.connect(proxy.socketPath());
        writer.line("ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED");
    }

    @AfterAll
    void stop() throws Exception {
        writer.close();
        proxy.close();
    }

    @Test
    void should_retry_a_503_with_the_same_event_before_sending_the_next() throws Exception {
        try (RecordingSubscriber subscriber = subscribed()) {
            subscriber.answerNext(503, 503);
            long first = flip();
            long second = flip();
            List<Received> received = subscriber.next(4, WAIT);
            List<String> ids = received.stream().map(r -> parse(r.body()).get("id").asText()).toList();
            assertEquals(ids.get(0), ids.get(1));
            assertEquals(ids.get(0), ids.get(2));
            assertEquals(received.get(0).body(), received.get(2).body(), "a retry sends the very same event");
            assertEvent(lockState("ens5fx", locked ? "FREERUN" : "LOCKED", first), received.get(2).body());
            assertEvent(lockState("ens5fx", locked ? "LOCKED" : "FREERUN", second), received.get(3).body());
            // the backoff doubles: the first retry after the initial backoff, the second after twice that
            assertRetriedAfter(INITIAL_BACKOFF_MS, received.get(0), received.get(1));
            assertRetriedAfter(2 * INITIAL_BACKOFF_MS, received.get(1), received.get(2));
        }
    }

    @Test
    void should_deliver_to_a_subscriber_that_was_down_for_a_moment() throws Exception {
        int port;
        try (RecordingSubscriber subscriber = subscribed()) {
            port = subscriber.port();
        }
        long offset = flip();
        awaitFailedAttempt("http://127.0.0.1:" + port + "/event");
        try (RecordingSubscriber back = RecordingSubscriber.startOn(port)) {
            assertEvent(lockState("ens5fx", locked ? "LOCKED" : "FREERUN", offset), back.next(WAIT).body());
        }
    }

    @Test
    void should_move_on_after_three_server_errors() throws Exception {
        try (RecordingSubscriber subscriber = subscribed()) {
            subscriber.answerNext(500, 500, 500);
            flip();
            long second = flip();
            List<Received> received = subscriber.next(4, WAIT);
            assertEvent(lockState("ens5fx", locked ? "LOCKED" : "FREERUN", second), received.get(3).body());
            List<String> ids = received.stream().map(r -> parse(r.body()).get("id").asText()).toList();
            assertEquals(List.of(ids.get(0), ids.get(0), ids.get(0)), ids.subList(0, 3), "three attempts of the first event");
            // order is kept, so a fourth attempt of the failed event would come before this later one
            long third = flip();
            assertEvent(lockState("ens5fx", locked ? "LOCKED" : "FREERUN", third), subscriber.next(1, WAIT).get(0).body());
        }
    }

    /** The retry came no sooner than its backoff after the failed attempt, and not much later. */
    private static void assertRetriedAfter(long backoffMs, Received failed, Received retry) {
        long gapMs = (retry.receivedAtNanos() - failed.receivedAtNanos()) / 1_000_000;
        assertTrue(gapMs >= backoffMs && gapMs <= backoffMs + LATENESS_MS,
                "retry after " + gapMs + " ms, expected a backoff of " + backoffMs + " ms (up to " + LATENESS_MS + " ms late)");
    }

    private RecordingSubscriber subscribed() throws Exception {
        RecordingSubscriber subscriber = RecordingSubscriber.start();
        assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
        subscriber.next(WAIT);
        return subscriber;
    }

    /** Writes an offset that flips lock-state (in range ↔ out of range) and returns it. */
    private long flip() throws Exception {
        long offset = locked ? 700 + System.nanoTime() % 100 : System.nanoTime() % 50;
        locked = !locked;
        writer.line("ptp4l[2.0]: [ptp4l.0.config] master offset " + offset + " s2 freq 0 path delay 1");
        return offset;
    }

    private void awaitFailedAttempt(String endpoint) throws InterruptedException {
        Outboxes outboxes = proxy.bean("outboxes", Outboxes.class);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            boolean failedOnce = outboxes.stats().stream()
                    .anyMatch(s -> s.endpointUri().equals(endpoint) && s.consecutiveFailures() >= 1);
            if (failedOnce) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no failed attempt to " + endpoint);
    }
}
