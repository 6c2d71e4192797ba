package io.ptpproxy.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ptpproxy.delivery.OutboxStats;
import io.ptpproxy.event.DataValue;
import io.ptpproxy.event.ResourceType;
import io.ptpproxy.subscription.ClientId;
import io.ptpproxy.subscription.Subscription;

/**
 * What the status page shows: the current state of every resource, the subscribers with their
 * delivery health, and the recent offsets per interface. Offsets are sampled from the
 * {@code openshift_ptp_offset_ns} gauges (so the PTP code needs no hook), one sample per series per
 * {@link #sample()} call, keeping the last {@code historySize}.
 */
public final class StatusBoard {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String nodeName;
    private final Function<ResourceType, List<DataValue>> currentValues;
    private final Supplier<List<Subscription>> subscriptions;
    private final Supplier<List<OutboxStats>> outboxes;
    private final MeterRegistry registry;
    private final Clock clock;
    private final int historySize;
    private final Map<String, Deque<long[]>> offsets = new TreeMap<>();
    private final String page;

    /**
     * @param nodeName this node
     * @param currentValues the tracker's current values of a resource type
     * @param subscriptions the stored subscriptions
     * @param outboxes the delivery counters per subscriber endpoint
     * @param registry where the clock gauges are
     * @param clock time of the samples
     * @param historySize offset samples kept per series
     */
    public StatusBoard(String nodeName, Function<ResourceType, List<DataValue>> currentValues,
                       Supplier<List<Subscription>> subscriptions, Supplier<List<OutboxStats>> outboxes,
                       MeterRegistry registry, Clock clock, int historySize) {
        this.nodeName = nodeName;
        this.currentValues = currentValues;
        this.subscriptions = subscriptions;
        this.outboxes = outboxes;
        this.registry = registry;
        this.clock = clock;
        this.historySize = historySize;
        this.page = resource("/status/index.html");
    }

    /** Records the current offset of every clock (process and interface), dropping the oldest beyond the history size. */
    public synchronized void sample() {
        long now = clock.millis();
        for (Gauge gauge : registry.find("openshift_ptp_offset_ns").gauges()) {
            double value = gauge.value();
            if (Double.isNaN(value)) {
                continue;
            }
            String series = gauge.getId().getTag("process") + " " + gauge.getId().getTag("iface");
            Deque<long[]> history = offsets.computeIfAbsent(series, key -> new ArrayDeque<>());
            if (history.size() >= historySize) {
                history.removeFirst();
            }
            history.addLast(new long[] {now, (long) value});
        }
    }

    /** @return the page itself (HTML with its script inline, no external resources) */
    public String page() {
        return page;
    }

    /** @return the whole status as JSON, for the page's script */
    public String snapshot() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("node", nodeName);
        status.put("time", clock.instant().toString());
        status.put("resources", resources());
        status.put("subscribers", subscribers());
        status.put("offsets", offsetHistory());
        try {
            return JSON.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the status", e);
        }
    }

    private List<Resource> resources() {
        return ResourceType.all().stream()
                .map(type -> new Resource(type.name(), type.addressOn(nodeName), currentValues.apply(type)))
                .toList();
    }

    private List<Subscriber> subscribers() {
        Map<String, List<String>> addresses = new TreeMap<>();
        for (Subscription subscription : subscriptions.get()) {
            addresses.computeIfAbsent(subscription.endpointUri(), uri -> new ArrayList<>()).add(subscription.resourceAddress());
        }
        Map<String, OutboxStats> stats = new LinkedHashMap<>();
        outboxes.get().forEach(outbox -> stats.put(outbox.endpointUri(), outbox));
        List<Subscriber> out = new ArrayList<>();
        addresses.forEach((endpoint, resources) -> {
            OutboxStats outbox = stats.getOrDefault(endpoint, new OutboxStats(endpoint, 0, 0, 0, 0, 0));
            String health = outbox.consecutiveFailures() > 0 ? "unreachable" : outbox.failed() > 0 ? "failures" : "ok";
            out.add(new Subscriber(ClientId.of(endpoint), endpoint, resources, health, outbox.delivered(),
                    outbox.failed(), outbox.dropped(), outbox.depth()));
        });
        return out;
    }

    private synchronized Map<String, List<long[]>> offsetHistory() {
        Map<String, List<long[]>> copy = new TreeMap<>();
        offsets.forEach((series, history) -> copy.put(series, List.copyOf(history)));
        return copy;
    }

    private static String resource(String name) {
        try (InputStream in = StatusBoard.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One resource type's current state. */
    public record Resource(String type, String address, List<DataValue> values) {
    }

    /** One subscriber endpoint and how delivery to it goes. */
    public record Subscriber(String clientId, String endpointUri, List<String> resources, String health,
                      long delivered, long failed, long dropped, int queued) {
    }
}
