package io.ptpproxy.e2e;

import static io.ptpproxy.fixtures.OranEventAssert.keys;
import static io.ptpproxy.fixtures.OranEventAssert.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import io.ptpproxy.fixtures.OranEventAssert;
import io.ptpproxy.fixtures.OranEventAssert.Expected;
import io.ptpproxy.fixtures.ClosedPort;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RecordingSubscriber.Received;
import io.ptpproxy.fixtures.RunningProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publisher API of REST API v2 (api-contract.md §3.2, checks V2-80 … V2-85) over real HTTP: a
 * publisher registers, pushes events through {@code create/event}, and a real subscriber of its
 * resource receives them as O-RAN CloudEvents.
 */
@TestInstance(Lifecycle.PER_CLASS)
class PublisherApiV2Test {

    private static final String NODE = "/cluster/node/" + RunningProxy.NODE;
    private static final String PUBLISHER_KEYS = "[ResourceAddress, EndpointUri, SubscriptionId, UriLocation]";
    private static final Duration INITIAL = Duration.ofSeconds(10);
    private static final Duration PUSH = Duration.ofSeconds(10);

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
    void deleteEverything() throws Exception {
        assertEquals(204, send("DELETE", "/subscriptions", null).statusCode());
        assertEquals(200, send("DELETE", "/publishers", null).statusCode());
    }

    @AfterEach
    void closeSubscribers() {
        subscribers.forEach(RecordingSubscriber::close);
        subscribers.clear();
    }

    // ---------------------------------------------------------------- publishers

    @Test
    void v2_80_should_register_a_publisher_whose_endpoint_is_the_dummy_sink_and_answer_201() throws Exception {
        JsonNode publisher = assertPublisher(register("/x/y", proxy.v2() + "/dummy"), 201, "/x/y", proxy.v2() + "/dummy");
        assertEquals("http://localhost:" + proxy.apiPort() + "/api/ocloudNotifications/v2/publishers/"
                + publisher.get("SubscriptionId").asText(), publisher.get("UriLocation").asText());
    }

    @Test
    void should_answer_the_existing_publisher_with_201_when_the_address_is_registered_again() throws Exception {
        HttpResponse<String> first = register("/x/y", "");
        HttpResponse<String> again = register("/x/y", proxy.v2() + "/dummy");
        assertEquals(201, again.statusCode());
        assertEquals(first.body(), again.body());
    }

    @Test
    void should_get_a_registered_publisher_exactly_as_created_and_list_it_after_the_ptp_publishers() throws Exception {
        HttpResponse<String> created = register("/x/y", "");
        String id = parse(created.body()).get("SubscriptionId").asText();
        HttpResponse<String> one = send("GET", "/publishers/" + id, null);
        assertEquals(200, one.statusCode());
        assertJson(one);
        assertEquals(created.body(), one.body());
        List<String> addresses = listedAddresses();
        assertEquals(8, addresses.size(), addresses.toString());
        assertEquals(NODE + "/sync/ptp-status/lock-state", addresses.get(0));
        assertEquals("/x/y", addresses.get(7));
    }

    @Test
    void v2_81_should_answer_400_publisher_not_found_to_an_unknown_publisher_id() throws Exception {
        assertError(send("GET", "/publishers/" + UUID.randomUUID(), null), "publisher not found");
    }

    @Test
    void should_refuse_a_malformed_or_incomplete_publisher_with_400_marshalling_error_and_store_nothing()
            throws Exception {
        assertError(send("POST", "/publishers", "{"), "marshalling error");
        assertError(send("POST", "/publishers", "[]"), "marshalling error");
        assertError(send("POST", "/publishers", "{\"EndpointUri\":\"" + proxy.v2() + "/dummy\"}"), "marshalling error");
        assertError(send("POST", "/publishers", "{\"ResourceAddress\":7}"), "marshalling error");
        assertError(send("POST", "/publishers", "{\"ResourceAddress\":\"/has space\"}"), "marshalling error");
        assertEquals(7, listedAddresses().size(), "only the PTP publishers");
    }

    @Test
    void should_refuse_a_publisher_whose_endpoint_does_not_answer_the_empty_validation_post_with_204()
            throws Exception {
        RecordingSubscriber endpoint = subscriber().answer(200);
        assertError(register("/x/y", endpoint.uri()),
                "return url validation check failed for create publisher,check endpointURI");
        Received validation = endpoint.next(INITIAL);
        assertNotNull(validation, "the endpoint was asked");
        assertEquals("POST", validation.method());
        assertEquals("", validation.body());
        HttpResponse<String> unreachable;
        String closed;
        try (ClosedPort port = ClosedPort.open()) {
            closed = port.uri();
            unreachable = register("/x/y", closed);
        }
        assertEquals(400, unreachable.statusCode());
        // in the API's words (upstream's Go client's), no library class name (it was
        // "AnnotatedConnectException: Connection refused: …")
        assertEquals("Post \"" + closed + "\": connection refused", parse(unreachable.body()).get("error").asText(),
                unreachable.body());
        assertEquals(7, listedAddresses().size(), "nothing registered");
    }

    @Test
    void should_delete_one_publisher_with_200_ok_also_when_unknown_and_then_answer_400_for_it() throws Exception {
        String id = parse(register("/x/y", "").body()).get("SubscriptionId").asText();
        assertStatus(send("DELETE", "/publishers/" + id, null), 200, "OK");
        assertError(send("GET", "/publishers/" + id, null), "publisher not found");
        assertStatus(send("DELETE", "/publishers/" + id, null), 200, "OK");
    }

    @Test
    void should_delete_every_registered_publisher_but_keep_the_ptp_ones() throws Exception {
        register("/x/y", "");
        register("/x/z", "");
        assertStatus(send("DELETE", "/publishers", null), 200, "deleted all publishers");
        assertEquals(7, listedAddresses().size());
        assertTrue(Files.notExists(proxy.storePath().resolve("pub.json")), "no publisher file left");
    }

    @Test
    void should_keep_the_ptp_publishers_when_one_of_them_is_deleted() throws Exception {
        JsonNode lockState = publishers().get(0);
        assertStatus(send("DELETE", "/publishers/" + lockState.get("SubscriptionId").asText(), null), 200, "OK");
        assertEquals(lockState, publishers().get(0));
    }

    @Test
    void should_keep_registered_publishers_across_a_restart_and_deliver_their_events(@TempDir Path own)
            throws Exception {
        String id;
        try (RecordingSubscriber c = RecordingSubscriber.start()) {
            try (RunningProxy first = RunningProxy.start(own)) {
                HttpResponse<String> registered = first.send("POST", first.v2() + "/publishers",
                        "{\"ResourceAddress\":\"/x/y\",\"EndpointUri\":\"\"}");
                id = parse(registered.body()).get("SubscriptionId").asText();
                assertEquals(201, first.subscribe("/x/y", c.uri()).statusCode());
                assertNotNull(c.next(INITIAL));
            }
            assertTrue(Files.readString(own.resolve("store/pub.json")).contains("\"SubscriptionId\": \"" + id + "\""));
            try (RunningProxy second = RunningProxy.start(own)) {
                HttpResponse<String> again = second.send("GET", second.v2() + "/publishers/" + id, null);
                assertEquals(200, again.statusCode());
                JsonNode restored = parse(again.body());
                assertEquals("/x/y", restored.get("ResourceAddress").asText());
                assertEquals(id, restored.get("SubscriptionId").asText());
                assertEquals("http://localhost:" + second.apiPort() + "/api/ocloudNotifications/v2/publishers/" + id,
                        restored.get("UriLocation").asText(), "located on this run's port");
                HttpResponse<String> sent = second.send("POST", second.v2() + "/create/event", event(id, "\"LOCKED\"", "1"));
                assertStatus(sent, 202, "Event sent");
                assertNotNull(c.next(PUSH), "delivered after the restart without registering again");
            }
        }
    }

    // ---------------------------------------------------------------- create/event

    @Test
    void v2_82_should_answer_400_no_publisher_data_to_an_event_of_an_unknown_publisher() throws Exception {
        String unknown = UUID.randomUUID().toString();
        assertError(send("POST", "/create/event", event(unknown, "\"LOCKED\"", "-200")),
                "no publisher data for id " + unknown + " found to publish event for");
    }

    @Test
    void v2_83_should_deliver_an_event_of_a_registered_publisher_to_its_subscriber_as_a_cloudevent()
            throws Exception {
        String id = parse(register("/x/y", proxy.v2() + "/dummy").body()).get("SubscriptionId").asText();
        RecordingSubscriber c = subscriber();
        assertEquals(201, proxy.subscribe("/x/y", c.uri()).statusCode());
        Received initial = c.next(INITIAL);
        assertNotNull(initial, "no initial notification");
        OranEventAssert.assertEvent(new Expected("/x/y", "event-not-found", parse("[]").deepCopy()), initial.body());

        HttpResponse<String> sent = send("POST", "/create/event", event(id, "\"LOCKED\"", "-200"));
        assertStatus(sent, 202, "Event sent");
        Received pushed = c.next(PUSH);
        assertNotNull(pushed, "the event was not delivered");
        assertEquals("application/json", pushed.header("Content-Type"));
        assertEquals("{\"specversion\":\"1.0\",\"id\":\"" + parse(pushed.body()).get("id").asText() + "\","
                + "\"source\":\"/x/y\",\"type\":\"event.sync.test.state-change\",\"time\":\"2026-01-10T02:41:57.094981Z\","
                + "\"data\":{\"version\":\"1.0\",\"values\":["
                + "{\"ResourceAddress\":\"/x/y/port1\",\"data_type\":\"notification\",\"value_type\":\"enumeration\","
                + "\"value\":\"LOCKED\"},"
                + "{\"ResourceAddress\":\"/x/y/port1\",\"data_type\":\"metric\",\"value_type\":\"decimal64.3\","
                + "\"value\":\"-200\"}]}}", pushed.body());
        String firstId = parse(pushed.body()).get("id").asText();
        assertEquals(4, UUID.fromString(firstId).version());
        assertNotEquals(parse(initial.body()).get("id").asText(), firstId);

        assertStatus(send("POST", "/create/event", event(id, "\"HOLDOVER\"", "99.60")), 202, "Event sent");
        Received second = c.next(PUSH);
        assertNotNull(second, "the second event was not delivered");
        assertNotEquals(firstId, parse(second.body()).get("id").asText(), "a fresh id per event");
        assertEquals("99.6", parse(second.body()).get("data").get("values").get(1).get("value").asText());
        // one POST per event: the next event is the next request
        assertStatus(send("POST", "/create/event", event(id, "\"FREERUN\"", "1")), 202, "Event sent");
        Received third = c.next(PUSH);
        assertNotNull(third, "the third event was not delivered");
        assertEquals("FREERUN", parse(third.body()).get("data").get("values").get(0).get("value").asText());
        assertEquals("1", parse(third.body()).get("data").get("values").get(1).get("value").asText());
    }

    @Test
    void should_accept_numeric_values_and_v1_keys_and_render_values_as_strings() throws Exception {
        String id = parse(register("/x/y", "").body()).get("SubscriptionId").asText();
        RecordingSubscriber c = subscriber();
        assertEquals(201, proxy.subscribe("/x/y", c.uri()).statusCode());
        assertNotNull(c.next(INITIAL));
        String body = "{\"id\":\"" + id + "\",\"type\":\"mock\",\"source\":\"/x/y\",\"time\":\"2026-01-10T03:41:57+01:00\","
                + "\"data\":{\"version\":\"v1\",\"values\":["
                + "{\"resource\":\"/x/y\",\"dataType\":\"metric\",\"valueType\":\"decimal64.3\",\"value\":-200},"
                + "{\"ResourceAddress\":\"/x/y\",\"data_type\":\"metric\",\"value_type\":\"decimal64.3\",\"value\":1.5e2},"
                + "{\"ResourceAddress\":\"/x/y\",\"data_type\":\"metric\",\"value_type\":\"decimal64.3\",\"value\":99.6}]}}";
        assertStatus(send("POST", "/create/event", body), 202, "Event sent");
        JsonNode event = parse(c.next(PUSH).body());
        assertEquals("2026-01-10T02:41:57Z", event.get("time").asText(), "the event's time, in UTC");
        List<String> values = new ArrayList<>();
        event.get("data").get("values").forEach(value -> {
            assertEquals("[ResourceAddress, data_type, value_type, value]", keys(value).toString());
            values.add(value.get("value").textValue());
        });
        assertEquals(List.of("-200", "150", "99.6"), values);
    }

    @Test
    void should_answer_current_state_of_a_publisher_resource_with_its_last_event() throws Exception {
        String id = parse(register("/x/y", "").body()).get("SubscriptionId").asText();
        RecordingSubscriber c = subscriber();
        assertEquals(201, proxy.subscribe("/x/y", c.uri()).statusCode());
        assertNotNull(c.next(INITIAL), "no initial notification");
        assertEquals(404, send("GET", "/x/y/CurrentState", null).statusCode(), "no event yet");
        assertStatus(send("POST", "/create/event", event(id, "\"LOCKED\"", "-200")), 202, "Event sent");
        JsonNode pushed = parse(c.next(PUSH).body());
        HttpResponse<String> current = send("GET", "/x/y/CurrentState", null);
        assertEquals(200, current.statusCode());
        JsonNode state = parse(current.body());
        assertEquals(pushed.get("data"), state.get("data"));
        assertEquals(pushed.get("type"), state.get("type"));
        assertNotEquals(pushed.get("id"), state.get("id"));
    }

    @Test
    void should_refuse_a_malformed_event_with_400_and_a_json_error() throws Exception {
        String id = parse(register("/x/y", "").body()).get("SubscriptionId").asText();
        assertEquals(400, send("POST", "/create/event", "{").statusCode());
        assertError(send("POST", "/create/event", event(id, "\"LOCKED\"", "-200").replace("enumeration", "bogus")),
                "data.values[0] has value type \"bogus\", expected enumeration, decimal64.3 or redfish-event");
        assertError(send("POST", "/create/event", event(id, "true", "-200")),
                "data.values[0].value is missing or not a string or number");
        assertError(send("POST", "/create/event", event(id, "\"LOCKED\"", "-200").replace("2026-01-10T02:41:57.094981Z", "yesterday")),
                "time is not an RFC 3339 timestamp: yesterday");
    }

    @Test
    void should_404_a_subscription_to_an_address_no_source_publishes_and_201_once_a_publisher_registers_it()
            throws Exception {
        RecordingSubscriber c = subscriber();
        assertEquals(404, proxy.subscribe("/x/y", c.uri()).statusCode());
        assertEquals(404, proxy.subscribe(NODE + "/mock", c.uri()).statusCode(), "the mock source is off");
        register("/x/y", "");
        assertEquals(201, proxy.subscribe("/x/y", c.uri()).statusCode());
    }

    // ---------------------------------------------------------------- log, status ping, sinks, routing

    @Test
    void v2_84_should_answer_400_with_a_json_error_to_a_malformed_log_event() throws Exception {
        HttpResponse<String> response = send("POST", "/log", "{");
        assertEquals(400, response.statusCode());
        assertJson(response);
        assertEquals("[error]", keys(parse(response.body())).toString());
    }

    @Test
    void should_answer_202_to_a_valid_log_event() throws Exception {
        assertStatus(send("POST", "/log", event("any", "\"LOCKED\"", "-200")), 202, "Event published to log");
    }

    @Test
    void v2_85_should_answer_400_subscription_not_found_to_the_status_ping_of_a_v2_subscription() throws Exception {
        RecordingSubscriber c = subscriber();
        HttpResponse<String> created = proxy.subscribe(NODE + "/sync/ptp-status/lock-state", c.uri());
        assertEquals(201, created.statusCode());
        String id = parse(created.body()).get("SubscriptionId").asText();
        assertError(send("PUT", "/subscriptions/status/" + id, null), "subscription not found");
    }

    @Test
    void should_answer_204_to_the_dummy_sinks() throws Exception {
        for (String sink : List.of("/dummy", "/dummy2")) {
            HttpResponse<String> response = send("POST", sink, "{\"anything\":1}");
            assertEquals(204, response.statusCode(), sink);
            assertEquals("", response.body());
        }
    }

    @Test
    void should_answer_405_to_another_method_on_a_publisher_path() throws Exception {
        assertEquals(405, send("PATCH", "/publishers", "{}").statusCode());
        assertEquals(405, send("PUT", "/publishers/" + UUID.randomUUID(), "{}").statusCode());
        assertEquals(405, send("GET", "/create/event", null).statusCode());
        assertEquals(405, send("GET", "/log", null).statusCode());
        assertEquals(405, send("GET", "/subscriptions/status/x", null).statusCode());
        assertEquals(405, send("GET", "/dummy", null).statusCode());
        assertEquals(404, send("GET", "/dummy3", null).statusCode());
    }

    // ---------------------------------------------------------------- helpers

    /** A cne event of the publisher: one notification (the given JSON value) and one metric. */
    private static String event(String publisherId, String notificationJson, String metricJson) {
        return "{\"id\":\"" + publisherId + "\",\"type\":\"event.sync.test.state-change\",\"source\":\"/x/y\","
                + "\"dataContentType\":\"application/json\",\"time\":\"2026-01-10T02:41:57.094981Z\","
                + "\"data\":{\"version\":\"1.0\",\"values\":["
                + "{\"ResourceAddress\":\"/x/y/port1\",\"data_type\":\"notification\",\"value_type\":\"enumeration\","
                + "\"value\":" + notificationJson + "},"
                + "{\"ResourceAddress\":\"/x/y/port1\",\"data_type\":\"metric\",\"value_type\":\"decimal64.3\","
                + "\"value\":" + metricJson + "}]}}";
    }

    private HttpResponse<String> register(String address, String endpointUri) throws Exception {
        return send("POST", "/publishers",
                "{\"ResourceAddress\":\"" + address + "\",\"EndpointUri\":\"" + endpointUri + "\"}");
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return proxy.send(method, proxy.v2() + path, body);
    }

    private RecordingSubscriber subscriber() throws Exception {
        RecordingSubscriber subscriber = RecordingSubscriber.start();
        subscribers.add(subscriber);
        return subscriber;
    }

    private JsonNode publishers() throws Exception {
        HttpResponse<String> response = send("GET", "/publishers", null);
        assertEquals(200, response.statusCode());
        assertJson(response);
        return parse(response.body());
    }

    private List<String> listedAddresses() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (JsonNode publisher : publishers()) {
            assertEquals(PUBLISHER_KEYS, keys(publisher).toString());
            addresses.add(publisher.get("ResourceAddress").asText());
        }
        return addresses;
    }

    private static JsonNode assertPublisher(HttpResponse<String> response, int status, String address, String endpoint) {
        assertEquals(status, response.statusCode(), response.body());
        assertJson(response);
        JsonNode publisher = parse(response.body());
        assertEquals(PUBLISHER_KEYS, keys(publisher).toString(), response.body());
        assertEquals(address, publisher.get("ResourceAddress").asText());
        assertEquals(endpoint, publisher.get("EndpointUri").asText());
        String id = publisher.get("SubscriptionId").asText();
        assertEquals(4, UUID.fromString(id).version(), "a random UUID: " + id);
        assertTrue(publisher.get("UriLocation").asText().endsWith("/api/ocloudNotifications/v2/publishers/" + id));
        return publisher;
    }

    /** An extension endpoint's error: 400, JSON, exactly {"error": message}. */
    private static void assertError(HttpResponse<String> response, String message) {
        assertEquals(400, response.statusCode(), response.body());
        assertJson(response);
        assertEquals("{\"error\":" + quote(message) + "}", response.body());
    }

    private static void assertStatus(HttpResponse<String> response, int status, String message) {
        assertEquals(status, response.statusCode(), response.body());
        assertJson(response);
        assertEquals("{\"status\":" + quote(message) + "}", response.body());
    }

    private static void assertJson(HttpResponse<String> response) {
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
