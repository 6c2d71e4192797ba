package io.ptpproxy.e2e;

import static io.ptpproxy.fixtures.OranEventAssert.assertEvent;
import static io.ptpproxy.fixtures.OranEventAssert.lockState;
import static io.ptpproxy.fixtures.OranEventAssert.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that holds more subscriptions than {@code store.max-subscriptions} (the limit was lowered, or
 * files were copied in): start-up keeps every one and delivers to each, and new ones are refused with
 * 503 until deletes bring the count below the limit (docs/reliability.md, "Limits").
 */
class RestoredOverLimitTest {

    private static final String NODE = "/cluster/node/" + RunningProxy.NODE;
    private static final String LOCK_STATE = NODE + "/sync/ptp-status/lock-state";
    private static final String OS_CLOCK = NODE + "/sync/sync-status/os-clock-sync-state";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path work;

    @Test
    void should_keep_and_deliver_to_every_restored_subscription_beyond_the_limit_and_refuse_new_ones() throws Exception {
        List<RecordingSubscriber> subscribers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                subscribers.add(RecordingSubscriber.start());
            }
            List<RecordingSubscriber> stored = subscribers.subList(0, 3);
            RecordingSubscriber latecomer = subscribers.get(3);
            JsonNode before;
            try (RunningProxy proxy = RunningProxy.start(work)) {
                for (RecordingSubscriber subscriber : stored) {
                    assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
                    subscriber.next(1, WAIT);
                }
                before = parse(proxy.send("GET", proxy.v2() + "/subscriptions", null).body());
                assertEquals(3, before.size());
            }
            try (RunningProxy proxy = RunningProxy.start(work, Map.of("store.max-subscriptions", "2"))) {
                // restored in file-name order, so compared as sets
                assertEquals(Set.copyOf(list(before)), Set.copyOf(list(parse(proxy.send("GET", proxy.v2() + "/subscriptions", null).body()))),
                        "all three restored subscriptions are listed, beyond the limit of 2");
                assertMetric(proxy, "ptp_proxy_subscriptions 3.0");
                try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                    writer.line("ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED")
                            .line("ptp4l[1.1]: [ptp4l.0.config] master offset -3 s2 freq 0 path delay 1");
                }
                for (RecordingSubscriber subscriber : stored) {
                    // the first request after the restart is the event: no initial notification was re-sent
                    assertEvent(lockState("ens5fx", "LOCKED", -3), subscriber.next(1, WAIT).get(0).body());
                }

                assertRefused(proxy, latecomer, 1);
                assertEquals(204, proxy.send("DELETE", proxy.v2() + "/subscriptions/" + id(before, 0), null).statusCode());
                assertRefused(proxy, latecomer, 2);
                assertEquals(204, proxy.send("DELETE", proxy.v2() + "/subscriptions/" + id(before, 1), null).statusCode());
                assertEquals(201, proxy.subscribe(LOCK_STATE, latecomer.uri()).statusCode(), "room again below the limit");
                // its first request is the initial notification of this create: the refused ones sent none
                assertEvent(lockState("ens5fx", "LOCKED", -3), latecomer.next(1, WAIT).get(0).body());
                assertMetric(proxy, "ptp_proxy_subscriptions 2.0");
            }
        } finally {
            subscribers.forEach(RecordingSubscriber::close);
        }
    }

    /** A create at or beyond the limit: 503 with an empty body, counted, nothing stored. */
    private static void assertRefused(RunningProxy proxy, RecordingSubscriber subscriber, int refusedSoFar) throws Exception {
        int listed = parse(proxy.send("GET", proxy.v2() + "/subscriptions", null).body()).size();
        HttpResponse<String> refused = proxy.subscribe(OS_CLOCK, subscriber.uri());
        assertEquals(503, refused.statusCode(), "a create with " + listed + " stored and a limit of 2");
        assertEquals("", refused.body());
        assertEquals(listed, parse(proxy.send("GET", proxy.v2() + "/subscriptions", null).body()).size());
        assertMetric(proxy, "ptp_proxy_subscriptions_refused_total " + refusedSoFar + ".0");
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        assertEquals(array.size(), Set.copyOf(out).size(), "no subscription listed twice");
        return out;
    }

    private static String id(JsonNode subscriptions, int index) {
        return subscriptions.get(index).get("SubscriptionId").textValue();
    }

    private static void assertMetric(RunningProxy proxy, String sample) throws Exception {
        List<String> lines = proxy.send("GET", proxy.management() + "/metrics", null).body().lines().toList();
        assertTrue(lines.contains(sample), sample + " in\n" + lines.stream().filter(l -> l.startsWith("ptp_proxy")).toList());
    }
}
