package io.ptpproxy.metrics;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ptpproxy.delivery.DeliveryObserver;
import io.ptpproxy.delivery.OutboxStats;
import io.ptpproxy.delivery.PostResult;
import io.ptpproxy.event.PublishedEvent;

/**
 * Whether events reach their subscribers: POSTs per subscriber and result, their latency, evictions,
 * events waiting in the outboxes, and upstream's {@code cne_transport_events_published{address,status}}
 * (events settled per publisher address). The subscriber label is bounded by {@link SubscriberLabels};
 * {@code ptp_proxy_subscriber_endpoint{subscriber,endpoint} 1} names the endpoint behind each label, so a
 * dashboard can show endpoints (joined {@code on (subscriber)}) without a second label on every series.
 */
public final class DeliveryMetrics implements DeliveryObserver {

    /** Latency buckets: enough to tell a healthy sub-millisecond LAN from a subscriber near the 2 s timeout. */
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2)};

    private final MeterRegistry registry;
    private final SubscriberLabels labels;
    private final Counter evictions;
    private final Map<String, AtomicLong> transportPublished = new ConcurrentHashMap<>();
    private final Set<String> described = ConcurrentHashMap.newKeySet();

    /**
     * @param registry where the meters go
     * @param labels the bounded subscriber label
     * @param outboxes the outboxes' current counters, read at scrape time
     */
    public DeliveryMetrics(MeterRegistry registry, SubscriberLabels labels, Supplier<List<OutboxStats>> outboxes) {
        this.registry = registry;
        this.labels = labels;
        this.evictions = Counter.builder("ptp_proxy_evictions").description("Subscriber endpoints evicted as unreachable")
                .register(registry);
        Gauge.builder("ptp_proxy_outbox_depth", outboxes, stats -> stats.get().stream().mapToInt(OutboxStats::depth).sum())
                .description("Events waiting in all subscriber outboxes").strongReference(true).register(registry);
        Gauge.builder("ptp_proxy_outboxes", outboxes, stats -> stats.get().size())
                .description("Subscriber endpoints with an outbox").strongReference(true).register(registry);
    }

    @Override
    public void attempted(String endpointUri, PublishedEvent event, PostResult result, Duration took) {
        String subscriber = labels.labelOf(endpointUri);
        if (!SubscriberLabels.OTHER.equals(subscriber) && described.add(subscriber)) {
            Gauge.builder("ptp_proxy_subscriber_endpoint", () -> 1)
                    .description("The endpoint behind each subscriber label (always 1)")
                    .tag("subscriber", subscriber).tag("endpoint", endpointLabel(endpointUri))
                    .strongReference(true).register(registry);
        }
        Counter.builder("ptp_proxy_delivery_attempts")
                .description("POSTs to subscribers by result: delivered (2xx), http-error (other answer), unreachable")
                .tag("subscriber", subscriber).tag("result", resultOf(result))
                .register(registry).increment();
        if (result.reached()) {
            Timer.builder("ptp_proxy_delivery_latency")
                    .description("Time from sending a POST to the subscriber's answer")
                    .tag("subscriber", subscriber)
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry).record(took);
        }
    }

    @Override
    public void settled(String endpointUri, PublishedEvent event, boolean delivered) {
        String status = delivered ? "success" : "failed";
        transportPublished.computeIfAbsent(event.address() + '\n' + status, key -> {
            AtomicLong count = new AtomicLong();
            // upstream's cne_* metrics are gauges; a counter would be renamed *_total
            Gauge.builder("cne_transport_events_published", count, AtomicLong::get)
                    .description("Events settled per publisher address: delivered (success) or given up (failed)")
                    .tag("address", event.address()).tag("status", status).register(registry);
            return count;
        }).incrementAndGet();
    }

    @Override
    public void evicted(String endpointUri) {
        evictions.increment();
    }

    /** The endpoint as scheme://host:port/path: user info and query may hold credentials. */
    static String endpointLabel(String endpointUri) {
        try {
            URI uri = new URI(endpointUri);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException | RuntimeException e) {
            return "invalid";
        }
    }

    private static String resultOf(PostResult result) {
        if (result.delivered()) {
            return "delivered";
        }
        return result.reached() ? "http-error" : "unreachable";
    }
}
