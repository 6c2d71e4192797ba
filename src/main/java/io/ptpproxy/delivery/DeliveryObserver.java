package io.ptpproxy.delivery;

import java.time.Duration;

import io.ptpproxy.event.PublishedEvent;

/**
 * Told what happens to deliveries, for metrics and the status page; called on the HTTP client's
 * threads, so implementations must be quick and thread-safe.
 */
public interface DeliveryObserver {

    /** Observes nothing. */
    DeliveryObserver NONE = new DeliveryObserver() {
    };

    /**
     * One POST to a subscriber ended.
     *
     * @param endpointUri the subscriber endpoint
     * @param event the event sent
     * @param result how it ended
     * @param took from sending the request to its answer or failure
     */
    default void attempted(String endpointUri, PublishedEvent event, PostResult result, Duration took) {
    }

    /**
     * An event's attempts at one subscriber are over: delivered, or given up after its retries.
     *
     * @param delivered true when the subscriber answered 2xx
     */
    default void settled(String endpointUri, PublishedEvent event, boolean delivered) {
    }

    /** The endpoint was evicted after too many consecutive unreachable attempts. */
    default void evicted(String endpointUri) {
    }
}
