package io.ptpproxy.e2e;

import static io.ptpproxy.fixtures.OranEventAssert.assertEvent;
import static io.ptpproxy.fixtures.OranEventAssert.lockState;
import static io.ptpproxy.fixtures.OranEventAssert.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ptpproxy.delivery.OutboxStats;
import io.ptpproxy.delivery.Outboxes;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RecordingSubscriber.Received;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import io.ptpproxy.subscription.ClientId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dead or hanging subscriber never delays a live one; a dead one is evicted and the eviction persisted. */
class DeliveryIsolationTest {

    private static final String LOCK_STATE = "/cluster/node/" + RunningProxy.NODE + "/sync/ptp-status/lock-state";

    @TempDir
    Path work;

    @Test
    void should_deliver_every_event_in_order_to_a_live_subscriber_beside_dead_and_hanging_ones() throws Exception {
        Map<String, String> settings = Map.of("delivery.timeout-ms", "600", "delivery.evict-after-failures", "10",
                "delivery.retry-max-ms", "200");
        try (RunningProxy proxy = RunningProxy.start(work, settings);
             RecordingSubscriber live = RecordingSubscriber.start();
             RecordingSubscriber hanging = RecordingSubscriber.start();
             RecordingSubscriber dead = RecordingSubscriber.start();
             RecordingSubscriber failing = RecordingSubscriber.start()) {
            for (RecordingSubscriber subscriber : List.of(live, hanging, dead, failing)) {
                assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
                assertNotNull(subscriber.next(Duration.ofSeconds(10)));
            }
            hanging.delay(Duration.ofSeconds(30));
            failing.answer(500);
            dead.close();

            List<Long> offsets = new ArrayList<>();
            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writer.line("ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED");
                for (int i = 0; i < 12; i++) {
                    long offset = i % 2 == 0 ? 5 + i : 500 + i;
                    offsets.add(offset);
                    writer.line("ptp4l[2.0]: [ptp4l.0.config] master offset " + offset + " s2 freq 0 path delay 1");
                }
            }

            // waiting for the hanging subscriber, the live one would get the 12th event no sooner than
            // after 10 timeouts of 600 ms (the hanging one's eviction): 5 s leaves a loaded machine room
            long start = System.nanoTime();
            List<Received> received = live.next(12, Duration.ofSeconds(10));
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(millis < 5000, "the live subscriber must not wait for the hanging one, took " + millis + " ms");
            for (int i = 0; i < 12; i++) {
                String state = i % 2 == 0 ? "LOCKED" : "FREERUN";
                assertEvent(lockState("ens5fx", state, offsets.get(i)), received.get(i).body());
            }

            // timeouts count as unreachable: the hanging subscriber goes after 10 x 600 ms, the dead one sooner
            awaitSubscriptions(proxy, 2, Duration.ofSeconds(30));
            String listed = proxy.send("GET", proxy.v2() + "/subscriptions", null).body();
            assertFalse(listed.contains(dead.uri()), "the dead subscriber is evicted: " + listed);
            assertFalse(listed.contains(hanging.uri()), "the hanging subscriber is evicted: " + listed);
            assertTrue(listed.contains(live.uri()), listed);
            assertTrue(listed.contains(failing.uri()), "an endpoint answering 500 is alive: " + listed);
            assertFalse(Files.exists(proxy.storePath().resolve(ClientId.of(dead.uri()) + ".json")),
                    "the eviction is persisted");
            // an endpoint answering 500 gets every event, each tried 3 times (the retry policy's limit)
            List<Received> failed = failing.next(36, Duration.ofSeconds(20));
            assertEquals(12, failed.stream().map(r -> parse(r.body()).get("id").asText()).distinct().count());
        }
    }

    @Test
    void should_forget_the_outbox_of_an_endpoint_once_its_last_subscription_is_deleted() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(work); RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            String lockState = parse(proxy.subscribe(LOCK_STATE, subscriber.uri()).body()).get("SubscriptionId").asText();
            String syncState = parse(proxy.subscribe(LOCK_STATE.replace("ptp-status/lock-state", "sync-status/sync-state"),
                    subscriber.uri()).body()).get("SubscriptionId").asText();
            subscriber.next(2, Duration.ofSeconds(10));
            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writer.line("ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED")
                        .line("ptp4l[1.1]: [ptp4l.0.config] master offset 5 s2 freq 0 path delay 1");
            }
            subscriber.next(2, Duration.ofSeconds(10));
            Outboxes outboxes = proxy.bean("outboxes", Outboxes.class);
            assertEquals(List.of(subscriber.uri()), outboxes.stats().stream().map(OutboxStats::endpointUri).toList());

            assertEquals(204, proxy.send("DELETE", proxy.v2() + "/subscriptions/" + lockState, null).statusCode());
            assertEquals(1, outboxes.stats().size(), "the endpoint still has a subscription");
            assertEquals(204, proxy.send("DELETE", proxy.v2() + "/subscriptions/" + syncState, null).statusCode());
            assertEquals(List.of(), outboxes.stats());
        }
    }

    private static void awaitSubscriptions(RunningProxy proxy, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int size = -1;
        while (System.nanoTime() < deadline) {
            size = parse(proxy.send("GET", proxy.v2() + "/subscriptions", null).body()).size();
            if (size == count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + count + " subscriptions, found " + size);
    }
}
