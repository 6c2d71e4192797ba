package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import io.ptpproxy.subscription.ClientId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cne_* framework metrics and the per-subscriber delivery metrics, scraped from the real
 * management server after real deliveries to a live and a dead subscriber (the second subscriber
 * seen is beyond the label limit of 1, so it is counted as "other").
 */
class DeliveryMetricsTest {

    private static final String LOCK_STATE = "/cluster/node/" + RunningProxy.NODE + "/sync/ptp-status/lock-state";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path work;

    @Test
    void should_count_deliveries_per_subscriber_and_events_per_address() throws Exception {
        Map<String, String> settings = Map.of("metrics.subscriber-label-limit", "1",
                "delivery.evict-after-failures", "2", "delivery.retry-initial-ms", "10");
        try (RunningProxy proxy = RunningProxy.start(work, settings);
             RecordingSubscriber live = RecordingSubscriber.start();
             SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            assertEquals(201, proxy.subscribe(LOCK_STATE, live.uri()).statusCode());
            assertNotNull(live.next(WAIT));
            writer.line("ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED");
            writer.line("ptp4l[2.0]: [ptp4l.0.config] master offset 5 s2 freq 0 path delay 1");
            assertNotNull(live.next(WAIT));
            try (RecordingSubscriber dying = RecordingSubscriber.start()) {
                assertEquals(201, proxy.subscribe(LOCK_STATE, dying.uri()).statusCode());
                assertNotNull(dying.next(WAIT));
            }
            writer.line("ptp4l[3.0]: [ptp4l.0.config] master offset 700 s2 freq 0 path delay 1");
            assertNotNull(live.next(WAIT));
            awaitEviction(proxy);

            String client = ClientId.of(live.uri());
            Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                    Map.entry("cne_api_subscriptions{status=active}", "1.0"),
                    Map.entry("cne_api_publishers{status=active}", "7.0"),
                    Map.entry("cne_api_events_published{address=" + LOCK_STATE + ",status=success}", "2.0"),
                    Map.entry("cne_transport_events_published{address=" + LOCK_STATE + ",status=success}", "2.0"),
                    Map.entry("cne_transport_events_published{address=" + LOCK_STATE + ",status=failed}", "1.0"),
                    Map.entry("ptp_proxy_delivery_attempts_total{result=delivered,subscriber=" + client + "}", "2.0"),
                    Map.entry("ptp_proxy_delivery_attempts_total{result=unreachable,subscriber=other}", "2.0"),
                    Map.entry("ptp_proxy_delivery_latency_seconds_count{subscriber=" + client + "}", "2"),
                    Map.entry("ptp_proxy_delivery_latency_seconds_bucket{le=+Inf,subscriber=" + client + "}", "2"),
                    Map.entry("ptp_proxy_evictions_total", "1.0"),
                    Map.entry("ptp_proxy_outbox_depth", "0.0"),
                    Map.entry("ptp_proxy_outboxes", "1.0"),
                    Map.entry("ptp_proxy_subscriber_endpoint{endpoint=" + live.uri() + ",subscriber=" + client + "}", "1.0")));
            // the live subscriber has the last event before the proxy has its answer, and only then are
            // that attempt, its latency and its settling counted: scrape until they are, or time out
            Map<String, String> metrics = scrape(proxy);
            Map<String, String> actual = sampled(expected.keySet(), metrics);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!actual.equals(expected) && System.nanoTime() < deadline) {
                Thread.sleep(20);
                metrics = scrape(proxy);
                actual = sampled(expected.keySet(), metrics);
            }
            assertEquals(expected, actual);
            assertEquals(List.of(), metrics.keySet().stream()
                    .filter(key -> key.startsWith("ptp_proxy_subscriber_endpoint") && key.contains("subscriber=other")).toList(),
                    "the subscribers beyond the label limit share one label: no endpoint for it");
        }
    }

    private static void awaitEviction(RunningProxy proxy) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if ("1.0".equals(scrape(proxy).get("ptp_proxy_evictions_total"))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the dead subscriber was not evicted");
    }

    private static Map<String, String> sampled(Set<String> keys, Map<String, String> metrics) {
        Map<String, String> sampled = new TreeMap<>();
        keys.forEach(key -> sampled.put(key, metrics.get(key)));
        return sampled;
    }

    /** @return every sample as {@code name{label=value,...}} (labels sorted, quotes dropped) → value */
    static Map<String, String> scrape(RunningProxy proxy) throws Exception {
        String body = proxy.send("GET", proxy.management() + "/metrics", null).body();
        return body.lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .collect(Collectors.toMap(DeliveryMetricsTest::key, line -> line.substring(line.lastIndexOf(' ') + 1),
                        (a, b) -> a));
    }

    private static String key(String line) {
        String sample = line.substring(0, line.lastIndexOf(' '));
        int brace = sample.indexOf('{');
        if (brace < 0) {
            return sample;
        }
        String labels = sample.substring(brace + 1, sample.length() - 1);
        String sorted = java.util.Arrays.stream(labels.split(",(?=[a-zA-Z_]+=)"))
                .map(label -> label.replace("\"", "")).sorted().collect(Collectors.joining(","));
        return sample.substring(0, brace) + "{" + sorted + "}";
    }
}
