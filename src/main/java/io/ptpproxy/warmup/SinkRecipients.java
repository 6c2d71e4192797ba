package io.ptpproxy.warmup;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.ptpproxy.event.PublishedEvent;
import io.ptpproxy.subscription.Subscription;

/**
 * The warm-up's {@code subscriptionStore}: every event has one recipient, the warm-up's loopback
 * sink, and it counts the events it was asked about (those the sink then receives). A stand-in, so
 * that no store is opened (that writes files and logs).
 */
public final class SinkRecipients {

    private final List<Subscription> sink;
    private final AtomicInteger routed = new AtomicInteger();

    /** @param sink the one subscription every event goes to */
    SinkRecipients(Subscription sink) {
        this.sink = List.of(sink);
    }

    /** As {@code SubscriptionStore.recipients}: the route's {@code recipients(${body})}. */
    public List<Subscription> recipients(PublishedEvent event) {
        routed.incrementAndGet();
        return sink;
    }

    /** @return events routed to the sink so far */
    int routed() {
        return routed.get();
    }
}
