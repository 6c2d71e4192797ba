package io.ptpproxy.delivery;

import java.util.ArrayDeque;
import java.util.Deque;

import io.ptpproxy.event.PublishedEvent;

/**
 * One subscriber endpoint's bounded queue of events, drained by one POST at a time so the
 * subscriber sees events in the order they were published. When full, the oldest event is dropped
 * (the newest state matters most to a vDU) and counted.
 */
final class Outbox {

    private final String endpointUri;
    private final int capacity;
    private final Deque<PublishedEvent> queue = new ArrayDeque<>();
    private boolean sending;
    private int consecutiveFailures;
    private long dropped;
    private long delivered;
    private long failed;

    Outbox(String endpointUri, int capacity) {
        this.endpointUri = endpointUri;
        this.capacity = capacity;
    }

    String endpointUri() {
        return endpointUri;
    }

    /**
     * Queues an event.
     *
     * @return true when the caller must start sending (nothing was in flight)
     */
    synchronized boolean offer(PublishedEvent event) {
        if (queue.size() >= capacity) {
            queue.pollFirst();
            dropped++;
        }
        queue.addLast(event);
        if (sending) {
            return false;
        }
        sending = true;
        return true;
    }

    /** @return the next event to send, or null (and no longer sending) when the queue is empty */
    synchronized PublishedEvent next() {
        PublishedEvent event = queue.pollFirst();
        if (event == null) {
            sending = false;
        }
        return event;
    }

    /**
     * Records the end of one POST. Any HTTP answer proves the endpoint alive and resets the failure
     * run; only unreachable attempts count towards eviction.
     *
     * @return the number of consecutive unreachable attempts so far
     */
    synchronized int record(PostResult result) {
        if (result.delivered()) {
            delivered++;
        } else {
            failed++;
        }
        consecutiveFailures = result.reached() ? 0 : consecutiveFailures + 1;
        return consecutiveFailures;
    }

    /** Empties the queue; used when the subscriber is evicted or removed. */
    synchronized void clear() {
        queue.clear();
    }

    synchronized OutboxStats stats() {
        return new OutboxStats(endpointUri, queue.size(), delivered, failed, dropped, consecutiveFailures);
    }
}
