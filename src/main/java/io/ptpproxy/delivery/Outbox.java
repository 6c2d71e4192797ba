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
    /** Final: an evicted outbox takes no event and sends nothing more. */
    private boolean evicted;
    private int consecutiveFailures;
    private int attemptsOfHead;
    private PublishedEvent attemptedEvent;
    private long dropped;
    private long delivered;
    private long failed;
    private final Runnable onDrop;

    Outbox(String endpointUri, int capacity, Runnable onDrop) {
        this.endpointUri = endpointUri;
        this.capacity = capacity;
        this.onDrop = onDrop;
    }

    String endpointUri() {
        return endpointUri;
    }

    /**
     * Queues an event.
     *
     * @return true when the caller must start sending (nothing was in flight); false also when the
     *         outbox was evicted, which drops the event
     */
    synchronized boolean offer(PublishedEvent event) {
        if (evicted) {
            return false;
        }
        if (queue.size() >= capacity) {
            queue.pollFirst();
            dropped++;
            onDrop.run();
        }
        queue.addLast(event);
        if (sending) {
            return false;
        }
        sending = true;
        return true;
    }

    /**
     * @return the event to send now (the head, which stays queued until it is done), or null (and no
     *         longer sending) when the queue is empty
     */
    synchronized PublishedEvent next() {
        PublishedEvent event = evicted ? null : queue.peekFirst();
        if (event == null) {
            sending = false;
        }
        return event;
    }

    /**
     * Ends the attempts at an event: it leaves the queue unless it was already dropped as the oldest.
     */
    synchronized void done(PublishedEvent event) {
        if (queue.peekFirst() == event) {
            queue.pollFirst();
        }
        attemptedEvent = null;
        attemptsOfHead = 0;
    }

    /** @return attempts made for this event so far, this one included */
    synchronized int attempted(PublishedEvent event) {
        if (event != attemptedEvent) {
            attemptedEvent = event;
            attemptsOfHead = 0;
        }
        return ++attemptsOfHead;
    }

    /**
     * Records the end of one POST; a failed attempt that will be retried is not counted as failed.
     * Any HTTP answer proves the endpoint alive and resets the failure run; only unreachable
     * attempts count towards eviction.
     *
     * @return the number of consecutive unreachable attempts so far
     */
    synchronized int record(PostResult result, boolean isFinal) {
        if (result.delivered()) {
            delivered++;
        } else if (isFinal) {
            failed++;
        }
        consecutiveFailures = result.reached() ? 0 : consecutiveFailures + 1;
        return consecutiveFailures;
    }

    /** Empties the queue; used when the subscriber is removed. */
    synchronized void clear() {
        queue.clear();
    }

    /**
     * Evicts the endpoint, once: the queue is emptied, and no event is taken or sent from now on.
     *
     * @return true for the call that evicted it, false when it was evicted already
     */
    synchronized boolean evict() {
        if (evicted) {
            return false;
        }
        evicted = true;
        queue.clear();
        return true;
    }

    synchronized OutboxStats stats() {
        return new OutboxStats(endpointUri, queue.size(), delivered, failed, dropped, consecutiveFailures);
    }
}
