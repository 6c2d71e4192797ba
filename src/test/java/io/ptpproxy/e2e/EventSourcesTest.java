package io.ptpproxy.e2e;

import static io.ptpproxy.fixtures.OranEventAssert.assertEvent;
import static io.ptpproxy.fixtures.OranEventAssert.parse;
import static io.ptpproxy.fixtures.OranEventAssert.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ptpproxy.CommandLine;
import io.ptpproxy.fixtures.OranEventAssert.Expected;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RecordingSubscriber.Received;
import io.ptpproxy.fixtures.RunningProxy;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event sources as routes: a source route added by a test, the mock source switched on by
 * {@code MOCK_PLUGIN}, and the PTP source switched off by {@code PTP_PLUGIN=false}, each reaching (or
 * not) a real subscriber through the one publish route.
 */
class EventSourcesTest {

    private static final String NODE = "/cluster/node/" + RunningProxy.NODE;
    private static final String MOCK = NODE + "/mock";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void should_publish_a_source_route_added_by_a_test_through_the_pipeline_to_a_real_subscriber() throws Exception {
        Map<String, String> extra = Map.of(
                "camel.main.routes-include-pattern", CommandLine.ROUTES + ",classpath:test-routes/*.yaml",
                "camel.main.configuration-classes", CommandLine.CONFIGURATION_CLASSES + "," + TickSource.Configuration.class.getName());
        String tick = NODE + "/tick";
        try (RunningProxy proxy = RunningProxy.start(work, extra); RecordingSubscriber c = RecordingSubscriber.start()) {
            assertTrue(addresses(proxy).contains(tick), "the test source's publisher is listed");
            assertEquals(201, proxy.subscribe(tick, c.uri()).statusCode());
            long previous = count(c.next(WAIT));
            for (int i = 0; i < 3; i++) {
                Received pushed = c.next(WAIT);
                assertNotNull(pushed, "tick " + i + " was not delivered");
                long count = count(pushed);
                assertEvent(new Expected("/tick", "event.test.tick",
                        values(value(tick, "metric", "decimal64.3", Long.toString(count)))), pushed.body());
                // the tick read for the initial notification may be delivered once more as the first push
                assertTrue(count > previous || (i == 0 && count == previous),
                        "ticks arrive in order: " + previous + " then " + count);
                previous = count;
            }
        }
    }

    @Test
    void should_deliver_the_mock_source_events_to_a_subscriber_when_mock_plugin_is_true() throws Exception {
        Map<String, String> extra = new HashMap<>(CommandLine.parse(new String[0], Map.of("MOCK_PLUGIN", "true")).orElseThrow());
        extra.put("source.mock.period-ms", "300");
        try (RunningProxy proxy = RunningProxy.start(work, extra); RecordingSubscriber c = RecordingSubscriber.start()) {
            List<String> addresses = addresses(proxy);
            assertEquals(8, addresses.size(), addresses.toString());
            assertEquals(MOCK, addresses.get(7), "the mock publisher follows the PTP ones");
            assertEquals(404, proxy.subscribe("/cluster/node/other/mock", c.uri()).statusCode(), "only its own address");

            assertEquals(201, proxy.subscribe(MOCK, c.uri()).statusCode());
            JsonNode initial = parse(c.next(WAIT).body());
            String state = initial.get("data").get("values").get(0).get("value").asText();
            assertTrue(state.equals("ACQUIRING-SYNC") || state.equals("LOCKED"), "upstream's mock status, or the last event: "
                    + initial);
            Received pushed = c.next(WAIT);
            assertNotNull(pushed, "no periodic mock event");
            JsonNode event = assertEvent(mockEvent("LOCKED", "-200"), pushed.body());
            assertNotEquals(initial.get("id"), event.get("id"));
            HttpResponse<String> current = proxy.send("GET", proxy.v2() + MOCK + "/CurrentState", null);
            assertEquals(200, current.statusCode());
            assertEvent(mockEvent("LOCKED", "-200"), current.body());
        }
    }

    @Test
    void should_answer_upstreams_mock_status_before_the_first_mock_event() throws Exception {
        Map<String, String> extra = Map.of("source.mock.enabled", "true", "source.mock.period-ms", "600000");
        try (RunningProxy proxy = RunningProxy.start(work, extra); RecordingSubscriber c = RecordingSubscriber.start()) {
            assertEquals(201, proxy.subscribe(MOCK, c.uri()).statusCode());
            assertEvent(mockEvent("ACQUIRING-SYNC", "99.6"), c.next(WAIT).body());
        }
    }

    @Test
    void should_drop_the_ptp_publishers_and_socket_when_ptp_plugin_is_false_and_still_serve_api_publishers()
            throws Exception {
        Map<String, String> extra = CommandLine.parse(new String[0], Map.of("PTP_PLUGIN", "false")).orElseThrow();
        try (RunningProxy proxy = RunningProxy.start(work, extra); RecordingSubscriber c = RecordingSubscriber.start()) {
            assertEquals(List.of(), addresses(proxy));
            assertEquals(404, proxy.subscribe(NODE + "/sync/ptp-status/lock-state", c.uri()).statusCode());
            assertEquals(ServiceStatus.Stopped, proxy.context().getRouteController().getRouteStatus("ingest"));
            assertTrue(Files.notExists(proxy.socketPath()), "the socket is not bound");

            HttpResponse<String> registered = proxy.send("POST", proxy.v2() + "/publishers",
                    "{\"ResourceAddress\":\"/cluster/node/node1/hw/fan\"}");
            assertEquals(201, registered.statusCode(), registered.body());
            String id = parse(registered.body()).get("SubscriptionId").asText();
            assertEquals(List.of("/cluster/node/node1/hw/fan"), addresses(proxy));
            assertEquals(201, proxy.subscribe("/cluster/node/node1/hw/fan", c.uri()).statusCode());
            assertNotNull(c.next(WAIT), "initial notification");
            HttpResponse<String> sent = proxy.send("POST", proxy.v2() + "/create/event", "{\"id\":\"" + id
                    + "\",\"type\":\"event.hw.fan\",\"data\":{\"values\":[{\"ResourceAddress\":\"/cluster/node/node1/hw/fan\","
                    + "\"data_type\":\"metric\",\"value_type\":\"decimal64.3\",\"value\":1200}]}}");
            assertEquals(202, sent.statusCode(), sent.body());
            assertEvent(new Expected("/cluster/node/node1/hw/fan", "event.hw.fan",
                    values(value("/cluster/node/node1/hw/fan", "metric", "decimal64.3", "1200"))), c.next(WAIT).body());
        }
    }

    private static Expected mockEvent(String state, String metric) {
        return new Expected("/mock", "mock", values(value(MOCK, "notification", "enumeration", state),
                value(MOCK, "metric", "decimal64.3", metric)));
    }

    private static ArrayNode values(ObjectNode... values) {
        ArrayNode array = MAPPER.createArrayNode();
        for (ObjectNode value : values) {
            array.add(value);
        }
        return array;
    }

    private static long count(Received event) {
        assertNotNull(event, "no event");
        return Long.parseLong(parse(event.body()).get("data").get("values").get(0).get("value").asText());
    }

    private static List<String> addresses(RunningProxy proxy) throws Exception {
        HttpResponse<String> response = proxy.send("GET", proxy.v2() + "/publishers", null);
        assertEquals(200, response.statusCode());
        List<String> addresses = new ArrayList<>();
        parse(response.body()).forEach(publisher -> addresses.add(publisher.get("ResourceAddress").asText()));
        return addresses;
    }
}
