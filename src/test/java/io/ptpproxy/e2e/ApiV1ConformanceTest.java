package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptpproxy.fixtures.ClosedPort;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RecordingSubscriber.Received;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import io.ptpproxy.fixtures.V1Golden;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black-box checks V1-01 … V1-16 of api-contract.md §11 over real HTTP against one real proxy (the
 * v1 API of a publishing proxy, served beside v2), with real subscribers and real socket lines.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiV1ConformanceTest {

    static final String NODE = "/cluster/node/" + RunningProxy.NODE;
    static final String R = NODE + "/sync/ptp-status/lock-state";
    static final String R2 = NODE + "/sync/sync-status/os-clock-sync-state";
    static final String R3 = NODE + "/sync/sync-status/sync-state";
    static final String PORT_LINE =
            "ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String NOT_FOUND = "{\"error\":\"subscription not found\"}";

    @TempDir
    static Path work;

    private RunningProxy proxy;
    private final List<RecordingSubscriber> subscribers = new ArrayList<>();

    @BeforeAll
    void startProxy() throws Exception {
        proxy = RunningProxy.start(work);
    }

    @AfterAll
    void stopProxy() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
    }

    @BeforeEach
    void deleteAllSubscriptions() throws Exception {
        assertEquals(200, send("DELETE", "/subscriptions", null).statusCode());
    }

    @AfterEach
    void closeSubscribers() {
        subscribers.forEach(RecordingSubscriber::close);
        subscribers.clear();
    }

    @Test
    @Order(1)
    void v1_01_health_answers_ok() throws Exception {
        HttpResponse<String> response = send("GET", "/health", null);
        assertEquals(200, response.statusCode());
        assertEquals("OK", response.body());
    }

    @Test
    @Order(2)
    void v1_02_malformed_json_is_a_marshalling_error() throws Exception {
        HttpResponse<String> response = send("POST", "/subscriptions", "{");
        assertEquals(400, response.statusCode());
        assertEquals("{\"error\":\"marshalling error\"}", response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
    }

    @Test
    @Order(3)
    void v1_03_creates_a_subscription_after_an_empty_body_check_of_the_endpoint() throws Exception {
        RecordingSubscriber c = subscriber();
        HttpResponse<String> response = create(c.uri(), R);
        assertEquals(201, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
        JsonNode body = MAPPER.readTree(response.body());
        assertEquals(List.of("id", "endpointUri", "uriLocation", "resource"), keys(body));
        String id = body.get("id").asText();
        UUID.fromString(id);
        assertEquals(c.uri(), body.get("endpointUri").asText());
        assertEquals(R, body.get("resource").asText());
        assertEquals("http://localhost:" + proxy.apiPort() + "/api/ocloudNotifications/v1/subscriptions/" + id,
                body.get("uriLocation").asText());
        Received check = c.next(WAIT);
        assertEquals("POST", check.method());
        assertEquals("", check.body());
        assertEquals("/event", check.path());
        // only the check: the check of another endpoint on the same server, sent before its create is
        // answered, is the next request
        HttpResponse<String> marker = create(c.uri() + "-marker", R2);
        assertEquals(201, marker.statusCode());
        assertEquals("/event-marker", c.next(WAIT).path(), "only the check was sent for the first create");
        assertEquals(200, send("DELETE", "/subscriptions/" + MAPPER.readTree(marker.body()).get("id").asText(), null)
                .statusCode());
    }

    @Test
    @Order(4)
    void v1_04_an_endpoint_answering_200_fails_the_check() throws Exception {
        RecordingSubscriber c = subscriber().answer(200);
        HttpResponse<String> response = create(c.uri(), R);
        assertEquals(400, response.statusCode());
        assertEquals("{\"error\":\"return url validation check failed for create subscription.check endpointURI\"}",
                response.body());
        assertEquals("[]", send("GET", "/subscriptions", null).body());
    }

    @Test
    @Order(5)
    void v1_05_an_unreachable_endpoint_fails_with_the_error() throws Exception {
        HttpResponse<String> response;
        String closed;
        try (ClosedPort port = ClosedPort.open()) {
            closed = port.uri();
            response = create(closed, R);
        }
        assertEquals(400, response.statusCode());
        // upstream's form (Post "<url>": <error>), the error in the API's words, no library class name
        assertEquals("Post \"" + closed + "\": connection refused", MAPPER.readTree(response.body()).get("error").asText());
        assertEquals("[]", send("GET", "/subscriptions", null).body());
    }

    @Test
    @Order(6)
    void v1_06_a_second_subscription_to_a_resource_answers_the_first() throws Exception {
        RecordingSubscriber c = subscriber();
        RecordingSubscriber c2 = subscriber();
        String first = MAPPER.readTree(create(c.uri(), R).body()).get("id").asText();
        HttpResponse<String> again = create(c2.uri(), R);
        assertEquals(201, again.statusCode());
        assertEquals(first, MAPPER.readTree(again.body()).get("id").asText());
        assertEquals(c.uri(), MAPPER.readTree(again.body()).get("endpointUri").asText());
        assertEquals(1, MAPPER.readTree(send("GET", "/subscriptions", null).body()).size());
    }

    @Test
    @Order(7)
    void v1_07_a_subscription_without_endpoint_has_no_callback() throws Exception {
        HttpResponse<String> response = send("POST", "/subscriptions", "{\"resource\":\"" + R2 + "\"}");
        assertEquals(201, response.statusCode());
        JsonNode body = MAPPER.readTree(response.body());
        assertTrue(body.get("endpointUri").isNull());
        assertEquals(R2, body.get("resource").asText());
    }

    @Test
    @Order(8)
    void v1_08_keys_are_case_insensitive() throws Exception {
        RecordingSubscriber c = subscriber();
        HttpResponse<String> response = send("POST", "/subscriptions",
                "{\"EndpointUri\":\"" + c.uri() + "\",\"Resource\":\"" + R3 + "\"}");
        assertEquals(201, response.statusCode());
        assertEquals(R3, MAPPER.readTree(response.body()).get("resource").asText());
        assertEquals(c.uri(), MAPPER.readTree(response.body()).get("endpointUri").asText());
    }

    @Test
    @Order(9)
    void v1_09_to_v1_12_list_get_and_delete() throws Exception {
        RecordingSubscriber c = subscriber();
        String created = create(c.uri(), R).body();
        String id = MAPPER.readTree(created).get("id").asText();
        send("POST", "/subscriptions", "{\"resource\":\"" + R2 + "\"}");

        HttpResponse<String> list = send("GET", "/subscriptions", null);
        assertEquals(200, list.statusCode());
        JsonNode array = MAPPER.readTree(list.body());
        assertEquals(2, array.size());
        array.forEach(item -> assertEquals(List.of("id", "endpointUri", "uriLocation", "resource"), keys(item)));

        assertEquals(created, send("GET", "/subscriptions/" + id, null).body());
        HttpResponse<String> unknown = send("GET", "/subscriptions/" + UUID.randomUUID(), null);
        assertEquals(400, unknown.statusCode());
        assertEquals(NOT_FOUND, unknown.body());

        HttpResponse<String> deleted = send("DELETE", "/subscriptions/" + id, null);
        assertEquals(200, deleted.statusCode());
        assertEquals("{\"status\":\"OK\"}", deleted.body());
        HttpResponse<String> again = send("DELETE", "/subscriptions/" + id, null);
        assertEquals(400, again.statusCode());
        assertEquals(NOT_FOUND, again.body());

        HttpResponse<String> all = send("DELETE", "/subscriptions", null);
        assertEquals(200, all.statusCode());
        assertEquals("{\"status\":\"deleted all subscriptions\"}", all.body());
        assertEquals("[]", send("GET", "/subscriptions", null).body());
    }

    @Test
    @Order(13)
    void v1_13_status_ping() throws Exception {
        String id = MAPPER.readTree(send("POST", "/subscriptions", "{\"resource\":\"" + R + "\"}").body())
                .get("id").asText();
        HttpResponse<String> ping = send("PUT", "/subscriptions/status/" + id, null);
        assertEquals(202, ping.statusCode());
        assertEquals("{\"status\":\"ping sent\"}", ping.body());
        HttpResponse<String> unknown = send("PUT", "/subscriptions/status/" + UUID.randomUUID(), null);
        assertEquals(400, unknown.statusCode());
        assertEquals(NOT_FOUND, unknown.body());
    }

    @Test
    @Order(14)
    void v1_14_to_v1_16_current_state_and_events_in_the_v1_shape() throws Exception {
        HttpResponse<String> unsubscribed = send("GET", R.substring(1) + "/CurrentState", null);
        assertEquals(400, unsubscribed.statusCode());
        assertEquals(NOT_FOUND, unsubscribed.body());

        RecordingSubscriber c = subscriber();
        String id = MAPPER.readTree(create(c.uri(), R).body()).get("id").asText();
        c.next(WAIT);
        try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            writer.line(PORT_LINE);
            writer.line("ptp4l[2.0]: [ptp4l.0.config] master offset 7 s2 freq 0 path delay 1");
        }
        Received event = c.next(WAIT);
        assertNotNull(event, "V1-16: the event");
        assertEquals("application/json", event.header("Content-Type"));
        assertV1Event(event.body(), id, R, "LOCKED", "7");

        HttpResponse<String> state = send("GET", R.substring(1) + "/CurrentState", null);
        assertEquals(200, state.statusCode());
        assertEquals("application/json", state.headers().firstValue("Content-Type").orElse(null));
        assertV1CurrentState(state.body(), "LOCKED", "7");

        // one event per change: the next two changes are the next two requests (back to LOCKED after)
        try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            writer.line("ptp4l[2.1]: [ptp4l.0.config] master offset 900 s2 freq 0 path delay 1");
            writer.line("ptp4l[2.2]: [ptp4l.0.config] master offset 8 s2 freq 0 path delay 1");
        }
        List<Received> later = c.next(2, WAIT);
        assertV1Event(later.get(0).body(), id, R, "FREERUN", "900");
        assertV1Event(later.get(1).body(), id, R, "LOCKED", "8");
    }

    @Test
    @Order(20)
    void v1_subscriptions_survive_a_restart() throws Exception {
        RecordingSubscriber c = subscriber();
        String created = create(c.uri(), R).body();
        c.next(WAIT);
        assertTrue(Files.exists(proxy.storePath().resolve("sub.json")));
        proxy.close();
        proxy = RunningProxy.start(work);
        assertEquals("[" + created + "]", send("GET", "/subscriptions", null).body());
        // no check is sent again: the first request after the restart is the event
        try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            writer.line(PORT_LINE);
            writer.line("ptp4l[3.0]: [ptp4l.0.config] master offset 9 s2 freq 0 path delay 1");
        }
        Received event = c.next(WAIT);
        assertNotNull(event);
        assertV1Event(event.body(), MAPPER.readTree(created).get("id").asText(), R, "LOCKED", "9");
    }

    /** Asserts the cloud-native event of api-contract.md §2.3.2 with a lock state and an offset (golden file). */
    static void assertV1Event(String body, String subscriptionId, String source, String state, String offset)
            throws Exception {
        V1Golden.assertApplicationEvent("lock-state", body, subscriptionId, source, state, offset);
    }

    /** Asserts the CloudEvent 0.3 of a lock-state CurrentState (api-contract.md §2.3.3, golden file). */
    static void assertV1CurrentState(String body, String state, String offset) throws Exception {
        V1Golden.assertCurrentState("lock-state", body, state, offset);
    }

    @Test
    @Order(17)
    void v1_17_an_event_of_an_unknown_publisher_is_refused() throws Exception {
        HttpResponse<String> response = send("POST", "/create/event", "{\"id\":\"nobody\",\"type\":\"t\","
                + "\"data\":{\"version\":\"v1\",\"values\":[{\"resource\":\"/a\",\"dataType\":\"notification\","
                + "\"valueType\":\"enumeration\",\"value\":\"LOCKED\"}]}}");
        assertEquals(400, response.statusCode());
        assertEquals("{\"error\":\"no publisher data for id nobody found to publish event for\"}", response.body());
    }

    @Test
    @Order(18)
    void v1_18_log_accepts_a_valid_event() throws Exception {
        HttpResponse<String> response = send("POST", "/log",
                "{\"id\":\"x\",\"type\":\"t\",\"data\":{\"version\":\"v1\",\"values\":[]}}");
        assertEquals(202, response.statusCode());
        assertEquals("{\"status\":\"Event published to log\"}", response.body());
    }

    @Test
    @Order(19)
    void a_v1_publisher_pushes_an_event_to_a_v1_subscriber_of_its_resource() throws Exception {
        String resource = NODE + "/hw/fan";
        HttpResponse<String> registered = send("POST", "/publishers", "{\"resource\":\"" + resource + "\"}");
        assertEquals(201, registered.statusCode(), registered.body());
        JsonNode publisher = MAPPER.readTree(registered.body());
        assertEquals(List.of("id", "endpointUri", "uriLocation", "resource"), keys(publisher));
        String publisherId = publisher.get("id").asText();
        assertEquals(registered.body(), send("GET", "/publishers/" + publisherId, null).body());
        assertEquals(405, send("PUT", "/publishers", null).statusCode());

        RecordingSubscriber app = subscriber();
        HttpResponse<String> subscribed = create(app.uri(), resource);
        assertEquals(201, subscribed.statusCode(), subscribed.body());
        String subscriptionId = MAPPER.readTree(subscribed.body()).get("id").asText();
        assertEquals("", app.next(WAIT).body(), "the empty-body check");

        HttpResponse<String> sent = send("POST", "/create/event", "{\"id\":\"" + publisherId + "\",\"type\":\"event.hw.fan\","
                + "\"data\":{\"version\":\"v1\",\"values\":[{\"resource\":\"" + resource + "\",\"dataType\":\"metric\","
                + "\"valueType\":\"decimal64.3\",\"value\":42}]}}");
        assertEquals(202, sent.statusCode(), sent.body());
        assertEquals("{\"status\":\"Event sent\"}", sent.body());

        Received pushed = app.next(WAIT);
        assertNotNull(pushed, "the event");
        // the number 42 sent is a string in the event, as upstream writes every value
        V1Golden.assertApplicationEvent("hw-fan", pushed.body(), subscriptionId, resource, "42");
        assertEquals("{\"status\":\"OK\"}", send("DELETE", "/publishers/" + publisherId, null).body());
    }

    @Test
    @Order(21)
    void v1_subscriptions_count_in_cne_api_subscriptions() throws Exception {
        assertEquals(201, send("POST", "/subscriptions", "{\"resource\":\"" + R + "\"}").statusCode());
        assertEquals(201, send("POST", "/subscriptions", "{\"resource\":\"" + R2 + "\"}").statusCode());
        String scrape = proxy.send("GET", proxy.management() + "/metrics", null).body();
        assertTrue(scrape.lines().anyMatch(line -> line.equals("cne_api_subscriptions{status=\"active\"} 2.0")),
                "two active subscriptions in: " + scrape.lines().filter(l -> l.startsWith("cne_api")).toList());
    }

    static List<String> keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private HttpResponse<String> create(String endpointUri, String resource) throws Exception {
        return send("POST", "/subscriptions", "{\"endpointUri\":\"" + endpointUri + "\",\"resource\":\"" + resource + "\"}");
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return proxy.send(method, proxy.v1() + (path.startsWith("/") ? path : "/" + path), body);
    }

    private RecordingSubscriber subscriber() throws Exception {
        RecordingSubscriber subscriber = RecordingSubscriber.start();
        subscribers.add(subscriber);
        return subscriber;
    }
}
