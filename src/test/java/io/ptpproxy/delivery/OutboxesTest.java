package io.ptpproxy.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.ptpproxy.event.ResourceType;
import io.ptpproxy.event.PublishedEvent;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 bug 8: an eviction is final. Events published from a snapshot of the subscriptions taken
 * before the eviction (the deliver route reads the store, then enqueues) must not open a new outbox
 * that posts to the evicted endpoint and evicts it a second time.
 */
class OutboxesTest {

    private static final String ENDPOINT = "http://127.0.0.1:1/event";
    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(1), 1);

    @Test
    void an_event_enqueued_during_and_after_the_eviction_posts_nothing() throws Exception {
        Set<String> subscribed = ConcurrentHashMap.newKeySet();
        subscribed.add(ENDPOINT);
        List<String> posts = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Outboxes> holder = new AtomicReference<>();
        AtomicInteger evictions = new AtomicInteger();
        CountDownLatch evicted = new CountDownLatch(1);
        CountDownLatch forgotten = new CountDownLatch(1);
        Outboxes outboxes = new Outboxes((uri, json) -> {
            posts.add(uri);
            return CompletableFuture.completedFuture(PostResult.unreachable("connection refused"));
        }, 10, 3, endpoint -> {
            evictions.incrementAndGet();
            // an event published from a snapshot that still held the subscription, while it is removed
            holder.get().enqueue(endpoint, event());
            subscribed.remove(endpoint);
            evicted.countDown();
        }, FAST);
        outboxes.subscribedWhen(subscribed::contains);
        // told after the evicted outbox has left the map, which the eviction callback precedes
        outboxes.observe(new DeliveryObserver() {
            @Override
            public void evicted(String endpointUri) {
                forgotten.countDown();
            }
        });
        holder.set(outboxes);

        outboxes.enqueue(ENDPOINT, event());
        assertTrue(evicted.await(5, TimeUnit.SECONDS), "evicted after 3 unreachable attempts");
        assertTrue(forgotten.await(5, TimeUnit.SECONDS), "eviction reported");
        // and one published from that snapshot after the eviction
        outboxes.enqueue(ENDPOINT, event());

        assertEquals(List.of(ENDPOINT, ENDPOINT, ENDPOINT), posts);
        assertEquals(1, evictions.get());
        assertEquals(List.of(), outboxes.stats(), "no outbox left for the evicted endpoint");

        subscribed.add(ENDPOINT);
        outboxes.enqueue(ENDPOINT, event());
        // posted synchronously by this poster; its retries may follow
        assertTrue(posts.size() >= 4, "subscribed again, it gets events again");
        outboxes.close();
    }

    /** Writers enqueue without pause while the endpoint is evicted: not one POST after the eviction. */
    @Test
    void no_post_reaches_an_endpoint_once_evicted_while_events_keep_coming() throws Exception {
        Set<String> subscribed = ConcurrentHashMap.newKeySet();
        subscribed.add(ENDPOINT);
        AtomicBoolean gone = new AtomicBoolean();
        AtomicInteger postsAfterEviction = new AtomicInteger();
        AtomicInteger evictions = new AtomicInteger();
        Outboxes outboxes = new Outboxes((uri, json) -> {
            if (gone.get()) {
                postsAfterEviction.incrementAndGet();
            }
            return CompletableFuture.supplyAsync(() -> PostResult.unreachable("timeout"));
        }, 1000, 10, endpoint -> {
            gone.set(true);
            evictions.incrementAndGet();
            subscribed.remove(endpoint);
        }, FAST);
        outboxes.subscribedWhen(subscribed::contains);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread writer = new Thread(() -> {
                while (!stop.get()) {
                    outboxes.enqueue(ENDPOINT, event());
                }
            });
            writer.start();
            writers.add(writer);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!gone.get() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        // keep publishing from stale snapshots a while after the eviction
        long until = System.nanoTime() + Duration.ofMillis(200).toNanos();
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        stop.set(true);
        for (Thread writer : writers) {
            writer.join();
        }
        assertTrue(gone.get(), "evicted");
        assertEquals(0, postsAfterEviction.get());
        assertEquals(1, evictions.get());
        outboxes.close();
    }

    private static PublishedEvent event() {
        return new PublishedEvent(UUID.randomUUID(), ResourceType.LOCK_STATE, "/cluster/node/node1/sync/ptp-status/lock-state",
                "{}".getBytes());
    }
}
