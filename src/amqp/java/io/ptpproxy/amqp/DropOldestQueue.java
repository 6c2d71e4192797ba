package io.ptpproxy.amqp;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded queue that never refuses and never waits: when full, the oldest element makes room
 * for the new one and is counted as dropped. It buffers events for the broker while the broker is
 * slow or away, so ingest and HTTP delivery never wait for it, and the newest states survive an
 * outage (as in the subscribers' outboxes).
 *
 * @param <E> the element type
 */
public final class DropOldestQueue<E> extends LinkedBlockingQueue<E> {

    private static final long serialVersionUID = 1L;
    private final transient AtomicLong dropped = new AtomicLong();

    /** @param capacity how many elements it holds before dropping the oldest */
    public DropOldestQueue(int capacity) {
        super(capacity);
    }

    @Override
    public boolean offer(E element) {
        while (!super.offer(element)) {
            if (poll() != null) {
                dropped.incrementAndGet();
            }
        }
        return true;
    }

    @Override
    public void put(E element) {
        offer(element);
    }

    @Override
    public boolean offer(E element, long timeout, TimeUnit unit) {
        return offer(element);
    }

    /** @return how many elements were dropped to make room since start */
    public long dropped() {
        return dropped.get();
    }
}
