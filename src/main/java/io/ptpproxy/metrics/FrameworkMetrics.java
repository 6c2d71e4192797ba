package io.ptpproxy.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ptpproxy.event.PublishedEvent;

/**
 * Upstream's {@code cne_*} framework metrics, with its names and labels and, as upstream, all gauges:
 * {@code cne_api_subscriptions{status="active"}}, {@code cne_api_publishers{status="active"}} and
 * {@code cne_api_events_published{address,status="success"}} (events published per publisher address).
 * {@code cne_transport_events_published} comes from {@link DeliveryMetrics}.
 */
public final class FrameworkMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> published = new ConcurrentHashMap<>();

    /**
     * @param registry where the gauges go
     * @param subscriptions the number of stored subscriptions
     * @param publishers the number of publishers the node offers
     */
    public FrameworkMetrics(MeterRegistry registry, IntSupplier subscriptions, IntSupplier publishers) {
        this.registry = registry;
        Gauge.builder("cne_api_subscriptions", subscriptions, IntSupplier::getAsInt)
                .description("Subscriptions by status").tag("status", "active").strongReference(true).register(registry);
        Gauge.builder("cne_api_publishers", publishers, IntSupplier::getAsInt)
                .description("Publishers by status").tag("status", "active").strongReference(true).register(registry);
    }

    /** Counts one published event under its publisher address (a handful per node, so bounded). */
    public void published(PublishedEvent event) {
        published.computeIfAbsent(event.address(), address -> {
            AtomicLong count = new AtomicLong();
            Gauge.builder("cne_api_events_published", count, AtomicLong::get)
                    .description("Events published per publisher address")
                    .tag("address", address).tag("status", "success").register(registry);
            return count;
        }).incrementAndGet();
    }
}
