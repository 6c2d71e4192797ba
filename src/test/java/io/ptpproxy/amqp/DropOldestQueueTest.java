package io.ptpproxy.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The broker buffer: never refuses, never waits, keeps the newest and counts what it drops. */
class DropOldestQueueTest {

    @Test
    void should_drop_the_oldest_and_count_it_when_full() {
        DropOldestQueue<Integer> queue = new DropOldestQueue<>(3);
        for (int i = 1; i <= 5; i++) {
            assertTrue(queue.add(i));
        }
        List<Integer> kept = new ArrayList<>();
        queue.drainTo(kept);
        assertEquals(List.of(3, 4, 5), kept);
        assertEquals(2, queue.dropped());
    }

    @Test
    void should_not_wait_when_full_whatever_the_producer_calls() throws InterruptedException {
        DropOldestQueue<Integer> queue = new DropOldestQueue<>(1);
        queue.put(1);
        queue.put(2);
        assertTrue(queue.offer(3, 1, TimeUnit.HOURS));
        assertEquals(List.of(3), List.copyOf(queue));
        assertEquals(2, queue.dropped());
    }
}
