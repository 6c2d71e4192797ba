package io.ptpproxy.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ptpproxy.delivery.OutboxStats;
import io.ptpproxy.event.DataValue;
import io.ptpproxy.event.ResourceType;
import io.ptpproxy.ptp.PortRole;
import io.ptpproxy.ptp.PtpProfile;
import io.ptpproxy.ptp.Thresholds;
import io.ptpproxy.subscription.ClientId;
import io.ptpproxy.subscription.Subscription;

/**
 * What the status page shows: the current state and value of every resource, the linuxptp daemon
 * (socket connected, age of its last line, ptp4l/phc2sys process status, port roles, profile
 * thresholds), the subscribers with their delivery health, and the recent offsets per clock. All
 * PTP figures are read from the {@code openshift_ptp_*} and {@code ptp_proxy_*} gauges, so the PTP
 * code needs no hook. Offsets are sampled only while the page is viewed: each {@link #snapshot()}
 * (the page polls it every second) takes a sample when the last one is at least the sample interval
 * old, so a proxy nobody looks at does no periodic work for the page.
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
    private final long sampleMillis;
    private final LongSupplier lastLineMillis;
    private final Supplier<Map<String, PtpProfile>> profilesByConfig;
    private final Map<String, Deque<long[]>> offsets = new TreeMap<>();
    private long lastSample = Long.MIN_VALUE;
    private long samples;
    private final String page;

    /**
     * @param nodeName this node
     * @param currentValues the tracker's current values of a resource type
     * @param subscriptions the stored subscriptions
     * @param outboxes the delivery counters per subscriber endpoint
     * @param registry where the clock gauges are
     * @param clock time of the samples
     * @param historySize offset samples kept per series
     * @param sampleMillis least time between two offset samples
     * @param lastLineMillis epoch millis of the daemon's last line, 0 before the first
     * @param profilesByConfig the profile in effect for each config the daemon wrote
     */
    public StatusBoard(String nodeName, Function<ResourceType, List<DataValue>> currentValues,
                       Supplier<List<Subscription>> subscriptions, Supplier<List<OutboxStats>> outboxes,
                       MeterRegistry registry, Clock clock, int historySize, long sampleMillis,
                       LongSupplier lastLineMillis, Supplier<Map<String, PtpProfile>> profilesByConfig) {
        this.nodeName = nodeName;
        this.currentValues = currentValues;
        this.subscriptions = subscriptions;
        this.outboxes = outboxes;
        this.registry = registry;
        this.clock = clock;
        this.historySize = historySize;
        this.sampleMillis = sampleMillis;
        this.lastLineMillis = lastLineMillis;
        this.profilesByConfig = profilesByConfig;
        this.page = resource("/status/index.html");
    }

    /** @return how many offset samples were taken since start (one per due snapshot) */
    public synchronized long samples() {
        return samples;
    }

    /** Records the current offset of every clock when the last sample is old enough. */
    private synchronized void sampleIfDue() {
        long now = clock.millis();
        // 10 % slack: the page polls once per sample interval, and a poll a little early must not skip one
        if (lastSample != Long.MIN_VALUE && now - lastSample < sampleMillis * 9 / 10) {
            return;
        }
        lastSample = now;
        samples++;
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

    /** @return the whole status as JSON, for the page's script; takes an offset sample when one is due */
    public String snapshot() {
        sampleIfDue();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("node", nodeName);
        status.put("time", clock.instant().toString());
        status.put("resources", resources());
        status.put("daemon", daemon());
        status.put("processes", gauges("openshift_ptp_process_status", "process", "config").entrySet().stream()
                .map(entry -> new Process(entry.getKey().get(0), entry.getKey().get(1), entry.getValue() == 1 ? "UP" : "DOWN"))
                .toList());
        status.put("ports", gauges("openshift_ptp_interface_role", "process", "iface").entrySet().stream()
                .map(entry -> new Port(entry.getKey().get(0), entry.getKey().get(1), roleOf(entry.getValue())))
                .toList());
        status.put("profiles", profiles());
        status.put("subscribers", subscribers());
        status.put("offsets", offsetHistory());
        try {
            return JSON.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the status", e);
        }
    }

    /**
     * One row per resource address: its state (the notification value) beside its value (the
     * metric), so a reader sees "LOCKED, -3" on one line.
     */
    private List<Resource> resources() {
        List<Resource> rows = new ArrayList<>();
        for (ResourceType type : ResourceType.all()) {
            Map<String, List<DataValue>> byAddress = new LinkedHashMap<>();
            currentValues.apply(type).forEach(value ->
                    byAddress.computeIfAbsent(value.resourceAddress(), address -> new ArrayList<>()).add(value));
            if (byAddress.isEmpty()) {
                rows.add(new Resource(type.name(), type.addressOn(nodeName), null, null));
            }
            byAddress.forEach((address, values) -> rows.add(new Resource(type.name(), address,
                    valueOf(values, true), valueOf(values, false))));
        }
        return rows;
    }

    /** @return the notification value ({@code state}) or the other values of one address, joined */
    private static String valueOf(List<DataValue> values, boolean state) {
        List<String> texts = values.stream()
                .filter(value -> "notification".equals(value.dataType()) == state)
                .map(value -> String.valueOf(value.value()))
                .toList();
        return texts.isEmpty() ? null : String.join(" ", texts);
    }

    /** @return the role an {@code openshift_ptp_interface_role} value stands for */
    private static String roleOf(double metricValue) {
        return Arrays.stream(PortRole.values()).filter(role -> role.metricValue() == (int) metricValue)
                .findFirst().orElse(PortRole.UNKNOWN).name();
    }

    /** Whether the daemon is connected to the socket and how old its last line is. */
    private Map<String, Object> daemon() {
        Map<String, Object> daemon = new LinkedHashMap<>();
        Gauge connections = registry.find("ptp_proxy_socket_connections").gauge();
        int open = connections == null ? 0 : (int) connections.value();
        daemon.put("connected", open > 0);
        daemon.put("connections", open);
        long last = lastLineMillis.getAsLong();
        daemon.put("lastLine", last == 0 ? null : Instant.ofEpochMilli(last).toString());
        daemon.put("lastLineAgeMs", last == 0 ? null : Math.max(0, clock.millis() - last));
        return daemon;
    }

    /** The profile and thresholds in effect for each config (the defaults where no profile file names it). */
    private List<Profile> profiles() {
        return profilesByConfig.get().entrySet().stream()
                .map(entry -> {
                    Thresholds thresholds = entry.getValue().thresholds();
                    return new Profile(entry.getKey(), entry.getValue().name(), thresholds.maxOffsetNs(),
                            thresholds.minOffsetNs(), thresholds.holdOverTimeout().toSeconds());
                })
                .toList();
    }

    /** @return the value of every gauge of that name, by the values of the given labels, sorted */
    private Map<List<String>, Double> gauges(String name, String... labels) {
        Map<List<String>, Double> values = new TreeMap<>(Comparator.comparing(Object::toString));
        for (Gauge gauge : registry.find(name).gauges()) {
            if (!Double.isNaN(gauge.value())) {
                values.put(Arrays.stream(labels).map(label -> String.valueOf(gauge.getId().getTag(label))).toList(),
                        gauge.value());
            }
        }
        return values;
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

    /** One resource address: its state and its value (null when it has none, or nothing is known yet). */
    public record Resource(String type, String address, String state, String value) {
    }

    /** A linuxptp process of a config, UP or DOWN. */
    public record Process(String process, String config, String status) {
    }

    /** A ptp4l port and its role. */
    public record Port(String process, String iface, String role) {
    }

    /** The profile of a config and its thresholds: offsets in ns, holdover in s. */
    public record Profile(String config, String profile, long maxOffsetNs, long minOffsetNs, long holdOverTimeoutS) {
    }

    /** One subscriber endpoint and how delivery to it goes. */
    public record Subscriber(String clientId, String endpointUri, List<String> resources, String health,
                      long delivered, long failed, long dropped, int queued) {
    }
}
