package io.ptpproxy.wiring;

import java.util.function.Consumer;

import io.ptpproxy.delivery.EventPoster;
import io.ptpproxy.delivery.Outboxes;
import io.ptpproxy.delivery.RetryPolicy;

/**
 * Makes the per-subscriber outboxes of both deliveries, v2 and v1 (subscribers and the consumer
 * sidecars of the v1 transport), with the one queue bound, eviction threshold and retry policy of the
 * {@code delivery.*} properties.
 *
 * @param capacity events queued per subscriber before the oldest is dropped
 * @param evictAfterFailures consecutive unreachable deliveries before a subscriber is evicted
 * @param retry how a failed POST is retried
 */
record OutboxesFactory(int capacity, int evictAfterFailures, RetryPolicy retry) {

    /**
     * @param poster how an event is posted to a subscriber
     * @param evict what evicts a subscriber, by endpoint
     * @return new outboxes posting with {@code poster}
     */
    Outboxes create(EventPoster poster, Consumer<String> evict) {
        return new Outboxes(poster, capacity, evictAfterFailures, evict, retry);
    }
}
