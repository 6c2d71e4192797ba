package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.ptpproxy.demo.DemoSubscriber;
import io.ptpproxy.fixtures.OranEventAssert;
import io.ptpproxy.fixtures.RunningProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's run command: in demo mode the replayed session reaches the demo subscriber through the real socket and API. */
class DemoModeTest {

    @TempDir
    Path work;

    @Test
    void should_show_demo_events_arriving_at_the_demo_subscriber() throws Exception {
        // port 0: the demo subscriber subscribes with the port it was given
        try (RunningProxy proxy = RunningProxy.start(work, Map.of("demo.enabled", "true", "demo.subscriber-port", "0"))) {
            DemoSubscriber subscriber = proxy.bean("demoSubscriber", DemoSubscriber.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            // 4 initial notifications, then LS FREERUN, SS FREERUN, LS LOCKED, SS LOCKED, OS LOCKED, ...
            while (subscriber.received() < 9 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(subscriber.received() >= 9, "demo events received: " + subscriber.received());
            // beyond each subscription's initial notification, every subscribed resource gets state events
            List<String> sources = List.of("/sync/ptp-status/lock-state", "/sync/sync-status/os-clock-sync-state",
                    "/sync/sync-status/sync-state", "/sync/ptp-status/clock-class");
            while (sources.stream().anyMatch(source -> subscriber.receivedBySource().getOrDefault(source, 0) < 2)
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            for (String source : sources) {
                assertTrue(subscriber.receivedBySource().getOrDefault(source, 0) >= 2,
                        source + " events: " + subscriber.receivedBySource());
            }
            assertEquals(Set.copyOf(sources), subscriber.receivedBySource().keySet(), "events of the subscribed resources only");
            JsonNode subscriptions = OranEventAssert.parse(proxy.send("GET", proxy.v2() + "/subscriptions", null).body());
            assertEquals(4, subscriptions.size());
            Set<String> addresses = new HashSet<>();
            Set<String> endpoints = new HashSet<>();
            subscriptions.forEach(subscription -> {
                addresses.add(subscription.get("ResourceAddress").textValue());
                endpoints.add(subscription.get("EndpointUri").textValue());
            });
            assertEquals(sources.stream().map(source -> "/cluster/node/" + RunningProxy.NODE + source).collect(Collectors.toSet()),
                    addresses);
            assertEquals(1, endpoints.size(), "one demo callback: " + endpoints);
            assertTrue(endpoints.iterator().next().matches("http://127\\.0\\.0\\.1:[1-9][0-9]*/event"), endpoints.toString());
        }
    }
}
