package io.ptpproxy.delivery;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.ptpproxy.event.PublishedEvent;
import io.ptpproxy.subscription.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans events out to subscribers without ever waiting for one: each subscriber endpoint has its own
 * bounded, ordered {@link Outbox}, drained by asynchronous POSTs, so a slow, hanging or dead
 * subscriber delays only itself (upstream delivers sequentially, and one hanging subscriber stalls
 * all). A failed POST is retried with backoff ({@link RetryPolicy}), the event staying at the head
 * of its outbox, so a subscriber that blips still gets every event, in order, with the same id on
 * every attempt. After {@code evictAfter} consecutive unreachable attempts the endpoint is evicted.
 */
public final class Outboxes {

    private static final Logger LOG = LoggerFactory.getLogger(Outboxes.class);

    private final EventPoster poster;
    private final int capacity;
    private final int evictAfter;
    private final Consumer<String> evict;
    private final RetryPolicy retry;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "delivery-retry");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Outbox> outboxes = new ConcurrentHashMap<>();
    private final LongAdder dropped = new LongAdder();
    private volatile boolean closed;
    private volatile DeliveryObserver observer = DeliveryObserver.NONE;
    private volatile Predicate<String> subscribed = endpoint -> true;

    /**
     * @param poster sends one event
     * @param capacity events an outbox holds before it drops the oldest
     * @param evictAfter consecutive unreachable attempts that evict a subscriber endpoint
     * @param evict called with the endpoint URI to remove its subscriptions
     * @param retry when a failed POST is tried again
     */
    public Outboxes(EventPoster poster, int capacity, int evictAfter, Consumer<String> evict, RetryPolicy retry) {
        this.poster = poster;
        this.retry = retry;
        this.capacity = capacity;
        this.evictAfter = evictAfter;
        this.evict = evict;
    }

    /**
     * Queues the event for every endpoint among the subscriptions (once per endpoint) and returns
     * at once.
     */
    public void enqueueAll(Collection<Subscription> subscriptions, PublishedEvent event) {
        Set<String> endpoints = new LinkedHashSet<>();
        for (Subscription subscription : subscriptions) {
            endpoints.add(subscription.endpointUri());
        }
        for (String endpoint : endpoints) {
            enqueue(endpoint, event);
        }
    }

    /**
     * Queues one event for one endpoint. A new outbox is made only for an endpoint that is subscribed
     * now: an event published from a snapshot of the subscriptions taken before an eviction must not
     * bring the evicted endpoint back.
     */
    public void enqueue(String endpointUri, PublishedEvent event) {
        Outbox outbox = outboxes.get(endpointUri);
        if (outbox == null) {
            if (!subscribed.test(endpointUri)) {
                return;
            }
            outbox = outboxes.computeIfAbsent(endpointUri, uri -> new Outbox(uri, capacity, dropped::increment));
        }
        if (outbox.offer(event)) {
            sendNext(outbox);
        }
    }

    /**
     * Says which endpoints have a subscription now (by default all); asked only when an endpoint has
     * no outbox, so it costs nothing per event.
     */
    public void subscribedWhen(Predicate<String> hasSubscription) {
        this.subscribed = hasSubscription;
    }

    /** Drops the endpoint's outbox and anything still queued in it. */
    public void forget(String endpointUri) {
        Outbox outbox = outboxes.remove(endpointUri);
        if (outbox != null) {
            outbox.clear();
        }
    }

    /**
     * Stops delivering: no more attempts or retries, and above all no eviction, since failures while
     * the proxy shuts down say nothing about the subscriber (an eviction would delete its stored file).
     */
    public void close() {
        closed = true;
        retries.shutdownNow();
    }

    /** Reports every delivery attempt, settled event and eviction to the observer from now on. */
    public void observe(DeliveryObserver deliveryObserver) {
        this.observer = deliveryObserver;
    }

    /** @return events dropped from full outboxes since start, of all endpoints (also forgotten ones) */
    public long droppedTotal() {
        return dropped.sum();
    }

    /** @return delivery counters of every known endpoint */
    public List<OutboxStats> stats() {
        return outboxes.values().stream().map(Outbox::stats).toList();
    }

    private void sendNext(Outbox outbox) {
        if (closed) {
            return;
        }
        PublishedEvent event = outbox.next();
        if (event == null) {
            return;
        }
        long started = System.nanoTime();
        poster.post(outbox.endpointUri(), event.json())
                .whenComplete((result, error) -> {
                    PostResult outcome = error == null ? result : PostResult.unreachable(error.toString());
                    observer.attempted(outbox.endpointUri(), event, outcome, Duration.ofNanos(System.nanoTime() - started));
                    onResult(outbox, event, outcome);
                });
    }

    private void onResult(Outbox outbox, PublishedEvent event, PostResult result) {
        if (closed) {
            return;
        }
        int attempts = outbox.attempted(event);
        boolean again = !result.delivered() && retry.retries(result, attempts);
        int failures = outbox.record(result, !again);
        if (!result.delivered()) {
            LOG.debug("Event {} to {} not delivered: {}", event.id(), outbox.endpointUri(),
                    result.reached() ? "HTTP " + result.status() : result.failure());
        }
        if (failures >= evictAfter) {
            evict(outbox, event, failures, result);
            return;
        }
        if (again) {
            // the same event (same id) again after a pause; later events wait, so order is kept
            long wait = retry.backoff(Math.max(failures, attempts)).toMillis();
            try {
                retries.schedule(() -> sendNext(outbox), wait, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                // closed meanwhile: the event stays queued and is not retried
            }
            return;
        }
        outbox.done(event);
        observer.settled(outbox.endpointUri(), event, result.delivered());
        sendNext(outbox);
    }

    /**
     * Final and race-free: the outbox refuses events first, then the subscriptions go, and only then
     * the outbox leaves the map. An event enqueued meanwhile meets the evicted outbox; one enqueued
     * later finds no subscription, so no new outbox starts posting to the endpoint again.
     */
    private void evict(Outbox outbox, PublishedEvent event, int failures, PostResult result) {
        String endpoint = outbox.endpointUri();
        if (!outbox.evict()) {
            return;
        }
        LOG.warn("Evicting subscriber {} after {} consecutive delivery failures ({})", endpoint, failures,
                result.failure());
        try {
            evict.accept(endpoint);
        } catch (RuntimeException e) {
            // still subscribed on disk: a later event opens a new outbox, which may evict it again
            LOG.error("Cannot remove the subscriptions of evicted subscriber {}: {}", endpoint, e.getMessage());
        } finally {
            outboxes.remove(endpoint, outbox);
        }
        observer.settled(endpoint, event, false);
        observer.evicted(endpoint);
    }
}
