package io.ptpproxy.e2e;

import static io.ptpproxy.fixtures.OranEventAssert.assertEvent;
import static io.ptpproxy.fixtures.OranEventAssert.keys;
import static io.ptpproxy.fixtures.OranEventAssert.lockState;
import static io.ptpproxy.fixtures.OranEventAssert.osClock;
import static io.ptpproxy.fixtures.OranEventAssert.parse;
import static io.ptpproxy.fixtures.OranEventAssert.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ptpproxy.fixtures.OranEventAssert.Expected;
import io.ptpproxy.fixtures.ClosedPort;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RecordingSubscriber.Received;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
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

/** Black-box checks V2-01 … V2-65 of api-contract.md §11 over real HTTP against one real proxy and real subscribers. */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiV2ConformanceTest {

    private static final String NODE = "/cluster/node/" + RunningProxy.NODE;
    private static final String R = NODE + "/sync/ptp-status/lock-state";
    private static final String R2 = NODE + "/sync/sync-status/os-clock-sync-state";
    private static final String RX = NODE + "/foo/bar";
    private static final String SUBSCRIPTION_KEYS = "[ResourceAddress, EndpointUri, SubscriptionId, UriLocation]";
    private static final List<String> EVENT_KEYS = List.of("specversion", "id", "source", "type", "time", "data");
    private static final List<String> VALUE_KEYS = List.of("ResourceAddress", "data_type", "value_type", "value");
    private static final Pattern RFC3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
    private static final String PORT_LINE =
            "ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED";
    private static final Duration INITIAL = Duration.ofSeconds(10);
    // a deadline, not the latency target: the 1 s push of v2_60 is measured by bench/ (EndToEndLatency);
    // under a loaded CI machine a push can take longer than 1 s without anything being wrong
    private static final Duration PUSH = Duration.ofSeconds(10);

    @TempDir
    static Path work;

    private RunningProxy proxy;
    private final List<RecordingSubscriber> subscribers = new ArrayList<>();
    /** Makes every written offset distinct, so each event's metric tells which line produced it. */
    private int step;

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
        assertEquals(204, send("DELETE", "/subscriptions", null).statusCode());
    }

    @AfterEach
    void closeSubscribers() {
        for (RecordingSubscriber subscriber : subscribers) {
            try {
                subscriber.close();
            } catch (RuntimeException alreadyClosed) {
                // a test closed it to play an unreachable endpoint
            }
        }
        subscribers.clear();
    }

    // ---------------------------------------------------------------- no PTP data yet (run first)

    @Test
    @Order(1)
    void v2_32_should_send_a_freerun_placeholder_at_ptp_not_set_as_initial_notification_while_no_ptp_data_is_known()
            throws Exception {
        RecordingSubscriber c = subscriber();
        HttpResponse<String> created = proxy.subscribe(R, c.uri());
        assertSubscriptionInfo(created, 201, R, c.uri());
        ArrayNode placeholder = new ObjectMapper().createArrayNode()
                .add(value(NODE + "/ptp-not-set", "notification", "enumeration", "FREERUN"))
                .add(value(NODE + "/ptp-not-set", "metric", "decimal64.3", "0"));
        assertEvent(new Expected("/sync/ptp-status/lock-state", "event.sync.ptp-status.ptp-state-change", placeholder),
                initial(c).body());
    }

    @Test
    @Order(2)
    void v2_53_should_answer_404_to_current_state_of_a_subscribed_address_while_no_ptp_data_is_known()
            throws Exception {
        RecordingSubscriber c = subscriber();
        assertEquals(201, proxy.subscribe(R, c.uri()).statusCode());
        assertEmptyError(404, send("GET", R + "/CurrentState", null));
    }

    // ---------------------------------------------------------------- health, routing

    @Test
    @Order(101)
    void v2_01_should_answer_health_with_200_ok() throws Exception {
        HttpResponse<String> response = send("GET", "/health", null);
        assertEquals(200, response.statusCode());
        assertEquals("OK", response.body());
    }

    @Test
    @Order(102)
    void v2_02_should_answer_405_with_an_empty_body_to_put_on_subscriptions() throws Exception {
        assertEmptyError(405, send("PUT", "/subscriptions", "{}"));
    }

    @Test
    @Order(103)
    void v2_03_should_answer_405_with_an_empty_body_to_patch_on_one_subscription() throws Exception {
        assertEmptyError(405, send("PATCH", "/subscriptions/" + UUID.randomUUID(), "{}"));
    }

    @Test
    @Order(104)
    void v2_04_should_answer_404_to_an_unknown_path() throws Exception {
        assertEquals(404, send("GET", "/nosuchthing", null).statusCode());
    }

    @Test
    @Order(105)
    void v2_05_should_answer_health_with_a_trailing_slash_as_health() throws Exception {
        // upstream answers 404 (its docs write health/); the router here ignores the slash (docs/decisions.md)
        HttpResponse<String> response = send("GET", "/health/", null);
        assertEquals(200, response.statusCode());
        assertEquals("OK", response.body());
    }

    // ---------------------------------------------------------------- create subscription: refusals

    @Test
    @Order(110)
    void v2_10_should_refuse_an_empty_body_with_400_and_an_empty_body() throws Exception {
        assertEmptyError(400, send("POST", "/subscriptions", ""));
        assertNothingListed();
    }

    @Test
    @Order(111)
    void v2_11_should_refuse_malformed_json_with_400_and_an_empty_body() throws Exception {
        assertEmptyError(400, send("POST", "/subscriptions", "{"));
    }

    @Test
    @Order(112)
    void v2_12_should_refuse_a_json_array_with_400() throws Exception {
        assertEmptyError(400, send("POST", "/subscriptions", "[]"));
    }

    @Test
    @Order(113)
    void v2_13_should_refuse_a_json_null_with_400() throws Exception {
        assertEmptyError(400, send("POST", "/subscriptions", "null"));
    }

    @Test
    @Order(114)
    void v2_14_should_refuse_a_missing_resource_address_with_400_and_send_nothing() throws Exception {
        RecordingSubscriber c = subscriber();
        assertEmptyError(400, send("POST", "/subscriptions", "{\"EndpointUri\":\"" + c.uri() + "\"}"));
        assertNothingReceived(c, "no initial notification for a refused request");
    }

    @Test
    @Order(115)
    void v2_15_should_refuse_a_missing_endpoint_uri_with_400_and_an_empty_body() throws Exception {
        assertEmptyError(400, send("POST", "/subscriptions", "{\"ResourceAddress\":\"" + R + "\"}"));
        assertNothingListed();
    }

    @Test
    @Order(116)
    void v2_16_should_refuse_an_empty_endpoint_uri_with_400() throws Exception {
        assertEmptyError(400, send("POST", "/subscriptions",
                "{\"ResourceAddress\":\"" + R + "\",\"EndpointUri\":\"\"}"));
    }

    @Test
    @Order(117)
    void v2_17_should_refuse_wrongly_cased_keys_with_400() throws Exception {
        RecordingSubscriber c = subscriber();
        assertEmptyError(400, send("POST", "/subscriptions",
                "{\"resourceAddress\":\"" + R + "\",\"endpointUri\":\"" + c.uri() + "\"}"));
        assertNothingReceived(c, "no initial notification for a refused request");
        assertNothingListed();
    }

    @Test
    @Order(118)
    void v2_18_should_refuse_the_v1_request_shape_with_400() throws Exception {
        RecordingSubscriber c = subscriber();
        assertEmptyError(400, send("POST", "/subscriptions",
                "{\"resource\":\"" + R + "\",\"endpointUri\":\"" + c.uri() + "\"}"));
        assertNothingReceived(c, "no initial notification for a refused request");
        assertNothingListed();
    }

    @Test
    @Order(119)
    void v2_19_should_refuse_a_non_string_resource_address_with_400() throws Exception {
        RecordingSubscriber c = subscriber();
        assertEmptyError(400, send("POST", "/subscriptions",
                "{\"ResourceAddress\":123,\"EndpointUri\":\"" + c.uri() + "\"}"));
        assertNothingListed();
    }

    @Test
    @Order(120)
    void v2_20_should_refuse_an_unsupported_resource_with_404_and_send_nothing_to_the_endpoint() throws Exception {
        RecordingSubscriber c = subscriber();
        assertEmptyError(404, proxy.subscribe(RX, c.uri()));
        assertNothingReceived(c, "the endpoint of an unsupported resource must receive nothing");
        assertNothingListed();
    }

    @Test
    @Order(121)
    void v2_21_should_refuse_an_endpoint_uri_that_is_not_a_url_with_400_and_list_nothing() throws Exception {
        assertEmptyError(400, proxy.subscribe(R, "not a url"));
        assertNothingListed();
    }

    @Test
    @Order(122)
    void v2_22_should_refuse_an_endpoint_on_a_closed_port_with_400_and_list_nothing() throws Exception {
        try (ClosedPort port = ClosedPort.open()) {
            assertEmptyError(400, proxy.subscribe(R, port.uri()));
        }
        assertNothingListed();
    }

    @Test
    @Order(123)
    void v2_23_should_refuse_with_400_when_the_endpoint_answers_200_to_the_initial_notification() throws Exception {
        RecordingSubscriber c = subscriber().answer(200);
        assertEmptyError(400, proxy.subscribe(R, c.uri()));
        assertNotNull(c.next(INITIAL), "the initial notification was sent");
        assertNothingListed();
    }

    @Test
    @Order(124)
    void v2_24_should_refuse_with_400_when_the_endpoint_answers_500_to_the_initial_notification() throws Exception {
        RecordingSubscriber c = subscriber().answer(500);
        assertEmptyError(400, proxy.subscribe(R, c.uri()));
        assertNotNull(c.next(INITIAL), "the initial notification was sent");
        assertNothingListed();
    }

    @Test
    @Order(125)
    void v2_25_should_refuse_with_400_when_the_endpoint_answers_the_initial_notification_after_3_s()
            throws Exception {
        RecordingSubscriber c = subscriber().delay(Duration.ofSeconds(3));
        long start = System.nanoTime();
        // a 400, not the 201 that waiting for the 204 sent after 3 s would give: the proxy gave up first
        assertEmptyError(400, proxy.subscribe(R, c.uri()));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        // and by its 2 s timeout, not at once; no upper bound, which a loaded machine can overrun
        assertTrue(millis >= 1900, "the proxy must wait for its 2 s timeout, gave up after " + millis + " ms");
        assertNotNull(c.next(INITIAL), "the initial notification was sent");
        assertNothingListed();
    }

    // ---------------------------------------------------------------- create subscription: success

    @Test
    @Order(126)
    void v2_26_should_create_a_subscription_and_answer_201_with_the_four_keys() throws Exception {
        RecordingSubscriber c = subscriber();
        assertSubscriptionInfo(proxy.subscribe(R, c.uri()), 201, R, c.uri());
    }

    @Test
    @Order(127)
    void v2_27_should_send_exactly_one_structured_json_cloudevent_as_initial_notification() throws Exception {
        RecordingSubscriber c = subscriber();
        assertEquals(201, proxy.subscribe(R, c.uri()).statusCode());
        Received initial = c.next(INITIAL);
        assertNotNull(initial, "no initial notification");
        assertOranEventShape(initial);
        // before the CurrentState tests, which need the socket unfed: a marker, not a later change
        assertNothingReceived(c, "exactly one request for the create");
    }

    @Test
    @Order(128)
    void v2_28_should_answer_409_with_an_empty_body_to_the_same_resource_and_endpoint_and_send_nothing()
            throws Exception {
        RecordingSubscriber c = subscriber();
        String first = subscriptionId(proxy.subscribe(R, c.uri()));
        initial(c);
        assertEmptyError(409, proxy.subscribe(R, c.uri()));
        assertNothingReceived(c, "no initial notification for a duplicate");
        assertEquals(List.of(first), listedIds());
    }

    @Test
    @Order(129)
    void v2_29_should_create_a_second_subscription_to_the_same_resource_for_another_endpoint() throws Exception {
        RecordingSubscriber c = subscriber();
        RecordingSubscriber c2 = subscriber();
        String first = subscriptionId(proxy.subscribe(R, c.uri()));
        JsonNode second = assertSubscriptionInfo(proxy.subscribe(R, c2.uri()), 201, R, c2.uri());
        assertNotEquals(first, second.get("SubscriptionId").asText());
        assertNotNull(c2.next(INITIAL), "C2 got its initial notification");
    }

    @Test
    @Order(130)
    void v2_30_should_create_a_subscription_to_another_resource_for_the_same_endpoint() throws Exception {
        RecordingSubscriber c = subscriber();
        String first = subscriptionId(proxy.subscribe(R, c.uri()));
        initial(c);
        JsonNode second = assertSubscriptionInfo(proxy.subscribe(R2, c.uri()), 201, R2, c.uri());
        assertNotEquals(first, second.get("SubscriptionId").asText());
        JsonNode event = parse(initial(c).body());
        assertEquals("/sync/sync-status/os-clock-sync-state", event.get("source").asText());
    }

    @Test
    @Order(131)
    void v2_31_should_ignore_extra_keys_and_a_client_supplied_subscription_id_and_uri_location() throws Exception {
        RecordingSubscriber c = subscriber();
        String suppliedId = UUID.randomUUID().toString();
        String suppliedLocation = "http://example.invalid/api/ocloudNotifications/v2/subscriptions/" + suppliedId;
        HttpResponse<String> response = send("POST", "/subscriptions", "{\"ResourceAddress\":\"" + R
                + "\",\"EndpointUri\":\"" + c.uri() + "\",\"SubscriptionId\":\"" + suppliedId
                + "\",\"UriLocation\":\"" + suppliedLocation + "\",\"Extra\":\"x\",\"nested\":{\"a\":[1,2]}}");
        JsonNode info = assertSubscriptionInfo(response, 201, R, c.uri());
        assertNotEquals(suppliedId, info.get("SubscriptionId").asText());
        assertNotEquals(suppliedLocation, info.get("UriLocation").asText());
        assertEquals(List.of(info.get("SubscriptionId").asText()), listedIds());
    }

    // ---------------------------------------------------------------- read / delete

    @Test
    @Order(140)
    void v2_40_should_list_every_subscription_with_the_four_keys() throws Exception {
        RecordingSubscriber c = subscriber();
        RecordingSubscriber c2 = subscriber();
        String id1 = subscriptionId(proxy.subscribe(R, c.uri()));
        String id2 = subscriptionId(proxy.subscribe(R, c2.uri()));
        String id3 = subscriptionId(proxy.subscribe(R2, c.uri()));
        HttpResponse<String> response = send("GET", "/subscriptions", null);
        assertEquals(200, response.statusCode());
        assertJsonContentType(response);
        JsonNode list = parse(response.body());
        assertTrue(list.isArray(), response.body());
        assertEquals(3, list.size(), response.body());
        Set<String> ids = new HashSet<>();
        for (JsonNode item : list) {
            assertEquals(SUBSCRIPTION_KEYS, keys(item).toString(), response.body());
            ids.add(item.get("SubscriptionId").asText());
            assertTrue(item.get("UriLocation").asText()
                    .endsWith("/api/ocloudNotifications/v2/subscriptions/" + item.get("SubscriptionId").asText()));
        }
        assertEquals(Set.of(id1, id2, id3), ids);
    }

    @Test
    @Order(141)
    void v2_41_should_get_one_subscription_exactly_as_created() throws Exception {
        RecordingSubscriber c = subscriber();
        HttpResponse<String> created = proxy.subscribe(R, c.uri());
        String id = subscriptionId(created);
        HttpResponse<String> response = send("GET", "/subscriptions/" + id, null);
        assertEquals(200, response.statusCode());
        assertJsonContentType(response);
        assertEquals(created.body(), response.body());
    }

    @Test
    @Order(142)
    void v2_42_should_answer_404_with_an_empty_body_to_an_unknown_subscription_id() throws Exception {
        assertEmptyError(404, send("GET", "/subscriptions/" + UUID.randomUUID(), null));
    }

    @Test
    @Order(143)
    void v2_43_should_answer_404_to_a_subscription_id_that_is_not_a_uuid() throws Exception {
        assertEmptyError(404, send("GET", "/subscriptions/not-a-uuid", null));
    }

    @Test
    @Order(144)
    void v2_44_should_delete_one_subscription_with_204_then_get_404_and_not_list_it() throws Exception {
        RecordingSubscriber c = subscriber();
        RecordingSubscriber c2 = subscriber();
        String id = subscriptionId(proxy.subscribe(R, c.uri()));
        String other = subscriptionId(proxy.subscribe(R, c2.uri()));
        HttpResponse<String> deleted = send("DELETE", "/subscriptions/" + id, null);
        assertEquals(204, deleted.statusCode());
        assertEquals("", deleted.body());
        assertEmptyError(404, send("GET", "/subscriptions/" + id, null));
        assertEquals(List.of(other), listedIds());
    }

    @Test
    @Order(145)
    void v2_45_should_answer_404_with_an_empty_body_to_deleting_the_same_subscription_again() throws Exception {
        RecordingSubscriber c = subscriber();
        String id = subscriptionId(proxy.subscribe(R, c.uri()));
        assertEquals(204, send("DELETE", "/subscriptions/" + id, null).statusCode());
        assertEmptyError(404, send("DELETE", "/subscriptions/" + id, null));
    }

    @Test
    @Order(146)
    void v2_46_should_create_the_same_subscription_again_with_201_after_deleting_it() throws Exception {
        RecordingSubscriber c = subscriber();
        String id = subscriptionId(proxy.subscribe(R, c.uri()));
        initial(c);
        assertEquals(204, send("DELETE", "/subscriptions/" + id, null).statusCode());
        JsonNode again = assertSubscriptionInfo(proxy.subscribe(R, c.uri()), 201, R, c.uri());
        assertNotEquals(id, again.get("SubscriptionId").asText());
        assertNotNull(c.next(INITIAL), "a new initial notification");
    }

    @Test
    @Order(147)
    void v2_47_should_delete_all_subscriptions_with_204_and_then_list_an_empty_array() throws Exception {
        RecordingSubscriber c = subscriber();
        RecordingSubscriber c2 = subscriber();
        subscriptionId(proxy.subscribe(R, c.uri()));
        subscriptionId(proxy.subscribe(R2, c.uri()));
        subscriptionId(proxy.subscribe(R, c2.uri()));
        HttpResponse<String> deleted = send("DELETE", "/subscriptions", null);
        assertEquals(204, deleted.statusCode());
        assertEquals("", deleted.body());
        assertNothingListed();
    }

    @Test
    @Order(148)
    void v2_48_should_answer_204_to_deleting_all_subscriptions_when_there_are_none() throws Exception {
        assertNothingListed();
        HttpResponse<String> deleted = send("DELETE", "/subscriptions", null);
        assertEquals(204, deleted.statusCode());
        assertEquals("", deleted.body());
    }

    // ---------------------------------------------------------------- CurrentState (no data needed), publishers

    @Test
    @Order(152)
    void v2_52_should_answer_404_with_an_empty_body_to_current_state_of_an_unsupported_resource() throws Exception {
        assertEmptyError(404, send("GET", RX + "/CurrentState", null));
    }

    @Test
    @Order(154)
    void v2_54_should_answer_405_with_an_empty_body_to_post_on_a_current_state_path() throws Exception {
        RecordingSubscriber c = subscriber();
        assertEquals(201, proxy.subscribe(R, c.uri()).statusCode());
        assertEmptyError(405, send("POST", R + "/CurrentState", "{}"));
    }

    @Test
    @Order(155)
    void v2_55_should_list_the_nodes_publishers_with_the_four_keys() throws Exception {
        HttpResponse<String> response = send("GET", "/publishers", null);
        assertEquals(200, response.statusCode());
        assertJsonContentType(response);
        JsonNode list = parse(response.body());
        assertTrue(list.isArray(), response.body());
        Set<String> addresses = new HashSet<>();
        for (JsonNode item : list) {
            assertEquals(SUBSCRIPTION_KEYS, keys(item).toString(), response.body());
            addresses.add(item.get("ResourceAddress").asText());
            assertTrue(item.get("UriLocation").asText()
                    .endsWith("/api/ocloudNotifications/v2/publishers/" + item.get("SubscriptionId").asText()),
                    response.body());
        }
        for (String suffix : List.of("/sync/sync-status/sync-state", "/sync/sync-status/os-clock-sync-state",
                "/sync/ptp-status/lock-state", "/sync/ptp-status/clock-class", "/sync/gnss-status/gnss-sync-status",
                "/sync/synce-status/lock-state", "/sync/synce-status/clock-quality")) {
            assertTrue(addresses.contains(NODE + suffix), NODE + suffix + " missing from " + response.body());
        }
    }

    // ---------------------------------------------------------------- CurrentState with data (feeds the socket)

    @Test
    @Order(200)
    void v2_50_should_answer_current_state_of_a_subscribed_resource_with_200_and_a_fresh_event() throws Exception {
        RecordingSubscriber c = subscriber();
        assertEquals(201, proxy.subscribe(R, c.uri()).statusCode());
        initial(c);
        try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            writer.line(PORT_LINE);
            writer.line("ptp4l[1.1]: [ptp4l.0.config] master offset -3 s2 freq 0 path delay 1");
        }
        HttpResponse<String> first = awaitCurrentState(R, Duration.ofSeconds(15));
        assertJsonContentType(first);
        JsonNode event = assertEvent(lockState("ens5fx", "LOCKED", -3), first.body());
        HttpResponse<String> second = send("GET", R + "/CurrentState", null);
        assertEquals(200, second.statusCode());
        JsonNode again = assertEvent(lockState("ens5fx", "LOCKED", -3), second.body());
        assertNotEquals(event.get("id").asText(), again.get("id").asText(), "each CurrentState answer has a fresh id");
    }

    // ---------------------------------------------------------------- push delivery

    @Test
    @Order(260)
    void v2_60_should_push_one_event_reflecting_a_lock_state_change_within_1_s() throws Exception {
        RecordingSubscriber c = subscriber();
        assertEquals(201, proxy.subscribe(R, c.uri()).statusCode());
        Received initial = initial(c);
        try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            writer.line(PORT_LINE);
            Expected expected = flipLockState(writer, lockStateOf(initial)).get(0);
            Received pushed = c.next(PUSH);
            assertNotNull(pushed, "no push within " + PUSH);
            assertOranEventShape(pushed);
            JsonNode event = assertEvent(expected, pushed.body());
            assertNotEquals(parse(initial.body()).get("id").asText(), event.get("id").asText());
            assertNextIsALockStateChange(c, lockStateOf(pushed), "exactly one push per change");
        }
    }

    @Test
    @Order(261)
    void v2_61_should_push_the_same_event_id_to_every_subscriber_of_the_resource() throws Exception {
        RecordingSubscriber c = subscriber();
        RecordingSubscriber c2 = subscriber();
        assertEquals(201, proxy.subscribe(R, c.uri()).statusCode());
        assertEquals(201, proxy.subscribe(R, c2.uri()).statusCode());
        Received initial = initial(c);
        initial(c2);
        try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            writer.line(PORT_LINE);
            Expected expected = flipLockState(writer, lockStateOf(initial)).get(0);
            Received toC = c.next(PUSH);
            Received toC2 = c2.next(PUSH);
            assertNotNull(toC, "C got no push");
            assertNotNull(toC2, "C2 got no push");
            JsonNode eventC = assertEvent(expected, toC.body());
            JsonNode eventC2 = assertEvent(expected, toC2.body());
            assertEquals(eventC.get("id").asText(), eventC2.get("id").asText(), "one event, one id");
            assertEquals(toC.body(), toC2.body(), "the same event");
        }
    }

    @Test
    @Order(262)
    void v2_62_should_not_push_an_os_clock_change_to_a_subscriber_of_lock_state_only() throws Exception {
        RecordingSubscriber c = subscriber();
        RecordingSubscriber witness = subscriber();
        assertEquals(201, proxy.subscribe(R, c.uri()).statusCode());
        assertEquals(201, proxy.subscribe(R2, witness.uri()).statusCode());
        String lock = lockStateOf(initial(c));
        String os = notificationValue(initial(witness), NODE + "/CLOCK_REALTIME");
        try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            if (lock == null) {
                // run alone: give the PTP clock a state first (and take that push)
                writer.line(PORT_LINE);
                flipLockState(writer, null);
                assertNotNull(c.next(PUSH), "lock-state push");
                lock = "LOCKED";
            }
            // the OS clock is no better than the PTP clock (worst of both): pick an offset that changes it
            long offset = os == null || !"LOCKED".equals(os) && "LOCKED".equals(lock) ? 5 : 500 + nextStep();
            String expectedState = "LOCKED".equals(lock) && offset <= 100 ? "LOCKED" : "FREERUN";
            assertNotEquals(expectedState, os, "test set-up: the line must change the OS clock state");
            writer.line("phc2sys[1.2]: [ptp4l.0.config] CLOCK_REALTIME phc offset " + offset + " s2 freq 0 delay 1");
            Received witnessed = witness.next(PUSH);
            assertNotNull(witnessed, "the OS clock change was not published (the subscriber of R2 got nothing)");
            assertEvent(osClock(expectedState, offset), witnessed.body());
        }
        assertNextIsALockStateChange(c, lock, "a subscriber of R only must not receive an R2 event");
    }

    @Test
    @Order(263)
    void v2_63_should_keep_a_subscriber_that_answers_500_after_12_changes() throws Exception {
        RecordingSubscriber c = subscriber();
        String id = subscriptionId(proxy.subscribe(R, c.uri()));
        Received initial = initial(c);
        c.answer(500);
        try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            writer.line(PORT_LINE);
            List<Expected> expected = flipLockState(writer, lockStateOf(initial), 12);
            // docs/decisions.md: a 500 is retried, 3 attempts per event in all, same event each time, in order
            List<Received> pushed = c.next(36, Duration.ofSeconds(30));
            for (int i = 0; i < 12; i++) {
                for (int attempt = 0; attempt < 3; attempt++) {
                    assertEvent(expected.get(i), pushed.get(3 * i + attempt).body());
                }
                assertEquals(pushed.get(3 * i).body(), pushed.get(3 * i + 2).body(), "a retry is the same event");
            }
        }
        assertEquals(200, send("GET", "/subscriptions/" + id, null).statusCode());
        assertEquals(List.of(id), listedIds());
    }

    @Test
    @Order(264)
    void v2_64_should_remove_all_subscriptions_of_an_unreachable_subscriber_after_10_changes() throws Exception {
        RecordingSubscriber c = subscriber();
        RecordingSubscriber live = subscriber();
        assertEquals(201, proxy.subscribe(R, c.uri()).statusCode());
        assertEquals(201, proxy.subscribe(R2, c.uri()).statusCode());
        String liveId = subscriptionId(proxy.subscribe(R, live.uri()));
        initial(c);
        initial(c);
        Received liveInitial = initial(live);
        c.close();
        try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            writer.line(PORT_LINE);
            flipLockState(writer, lockStateOf(liveInitial), 12);
            assertEquals(12, live.next(12, Duration.ofSeconds(15)).size(), "the changes were published");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> listed = listedIds();
        while (!listed.equals(List.of(liveId)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            listed = listedIds();
        }
        assertEquals(List.of(liveId), listed, "every subscription of the unreachable endpoint is removed: "
                + send("GET", "/subscriptions", null).body());
    }

    @Test
    @Order(265)
    void v2_65_should_give_every_pushed_event_a_distinct_id() throws Exception {
        RecordingSubscriber c = subscriber();
        assertEquals(201, proxy.subscribe(R, c.uri()).statusCode());
        Received initial = initial(c);
        try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            writer.line(PORT_LINE);
            List<Expected> expected = flipLockState(writer, lockStateOf(initial), 6);
            List<Received> pushed = c.next(6, Duration.ofSeconds(15));
            Set<String> ids = new HashSet<>();
            ids.add(parse(initial.body()).get("id").asText());
            for (int i = 0; i < 6; i++) {
                ids.add(assertEvent(expected.get(i), pushed.get(i).body()).get("id").asText());
            }
            assertEquals(7, ids.size(), "ids of the initial notification and the 6 pushes: " + ids);
        }
    }

    // ---------------------------------------------------------------- CurrentState after data exists

    @Test
    @Order(300)
    void v2_51_should_answer_404_to_current_state_of_a_resource_nobody_subscribed_to() throws Exception {
        RecordingSubscriber c = subscriber();
        assertEquals(201, proxy.subscribe(R, c.uri()).statusCode());
        assertEmptyError(404, send("GET", R2 + "/CurrentState", null));
    }

    // ---------------------------------------------------------------- helpers

    private RecordingSubscriber subscriber() throws IOException {
        RecordingSubscriber subscriber = RecordingSubscriber.start();
        subscribers.add(subscriber);
        return subscriber;
    }

    /** Sends a request to a path under the v2 base. */
    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return proxy.send(method, proxy.v2() + path, body);
    }

    private static Received initial(RecordingSubscriber subscriber) throws InterruptedException {
        Received initial = subscriber.next(INITIAL);
        assertNotNull(initial, "no initial notification");
        return initial;
    }

    /**
     * Shows that c got no (further) request so far without waiting for a silence: an initial
     * notification is sent before the create is answered, so the one of a new subscription of c to R2
     * must be the next request c gets. The marker subscription is deleted again.
     */
    private void assertNothingReceived(RecordingSubscriber c, String why) throws Exception {
        HttpResponse<String> marker = proxy.subscribe(R2, c.uri());
        assertEquals(201, marker.statusCode(), "the marker subscription");
        Received first = c.next(INITIAL);
        assertNotNull(first, "no initial notification of the marker subscription");
        assertEquals("/sync/sync-status/os-clock-sync-state", parse(first.body()).get("source").asText(),
                why + ": a request came before the marker's initial notification: " + first.body());
        assertEquals(204, send("DELETE", "/subscriptions/" + subscriptionId(marker), null).statusCode());
    }

    /**
     * Shows that nothing else is on its way to c, a subscriber of R, without waiting for a silence:
     * its events go out in order, so after one more lock-state change the next request c gets must be
     * that change.
     *
     * @param current c's lock state now (null when unknown)
     */
    private void assertNextIsALockStateChange(RecordingSubscriber c, String current, String why) throws Exception {
        Expected later;
        try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            writer.line(PORT_LINE);
            later = flipLockState(writer, current).get(0);
        }
        Received next = c.next(INITIAL);
        assertNotNull(next, "the later lock-state change did not arrive");
        try {
            assertEvent(later, next.body());
        } catch (AssertionError e) {
            throw new AssertionError(why + ": a request came before the later change " + later + ": " + next.body(), e);
        }
    }

    /** An O-RAN error answer: the status, no body and no Content-Type. */
    private static void assertEmptyError(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), "status; body: " + response.body());
        assertEquals("", response.body(), "an O-RAN error answer has no body");
        assertTrue(response.headers().firstValue("Content-Type").isEmpty(),
                "an O-RAN error answer has no Content-Type, got " + response.headers().firstValue("Content-Type"));
    }

    private static void assertJsonContentType(HttpResponse<String> response) {
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
    }

    /** A SubscriptionInfo answer: status, JSON, the four keys in order, the given address and endpoint. */
    private static JsonNode assertSubscriptionInfo(HttpResponse<String> response, int status, String address,
                                                   String endpoint) {
        assertEquals(status, response.statusCode(), "status; body: " + response.body());
        assertJsonContentType(response);
        JsonNode info = parse(response.body());
        assertEquals(SUBSCRIPTION_KEYS, keys(info).toString(), response.body());
        assertEquals(address, info.get("ResourceAddress").asText());
        assertEquals(endpoint, info.get("EndpointUri").asText());
        String id = info.get("SubscriptionId").asText();
        assertEquals(id, UUID.fromString(id).toString(), "SubscriptionId is a canonical UUID: " + id);
        assertEquals(4, UUID.fromString(id).version(), "SubscriptionId is a random (v4) UUID: " + id);
        assertTrue(info.get("UriLocation").asText().endsWith("/api/ocloudNotifications/v2/subscriptions/" + id),
                response.body());
        return info;
    }

    /** Asserts 201 and returns the new SubscriptionId. */
    private static String subscriptionId(HttpResponse<String> response) {
        assertEquals(201, response.statusCode(), "status; body: " + response.body());
        return parse(response.body()).get("SubscriptionId").asText();
    }

    private List<String> listedIds() throws Exception {
        HttpResponse<String> response = send("GET", "/subscriptions", null);
        assertEquals(200, response.statusCode());
        List<String> ids = new ArrayList<>();
        for (JsonNode item : parse(response.body())) {
            ids.add(item.get("SubscriptionId").asText());
        }
        return ids;
    }

    /** GET list answers exactly {@code []} (docs/decisions.md: not upstream's {@code null}). */
    private void assertNothingListed() throws Exception {
        HttpResponse<String> response = send("GET", "/subscriptions", null);
        assertEquals(200, response.statusCode());
        assertJsonContentType(response);
        assertEquals("[]", response.body());
    }

    /** The shape of V2-27: one POST, JSON, no ce- headers, the CloudEvent keys and value shapes. */
    private static void assertOranEventShape(Received request) {
        assertEquals("POST", request.method());
        assertEquals("application/json", request.header("Content-Type"));
        for (String header : request.headers().keySet()) {
            assertFalse(header.toLowerCase().startsWith("ce-"), "structured mode, no ce- header: " + header);
        }
        JsonNode event = parse(request.body());
        assertEquals(EVENT_KEYS, keys(event), request.body());
        assertFalse(event.has("dataContentType") || event.has("datacontenttype"), request.body());
        assertEquals("1.0", event.get("specversion").asText());
        assertTrue(event.get("id").isTextual() && !event.get("id").asText().isEmpty(), request.body());
        assertEquals("/sync/ptp-status/lock-state", event.get("source").asText());
        assertEquals("event.sync.ptp-status.ptp-state-change", event.get("type").asText());
        String time = event.get("time").asText();
        assertTrue(RFC3339.matcher(time).matches(), "time is RFC 3339: " + time);
        assertEquals(ZoneOffset.UTC, OffsetDateTime.parse(time).getOffset(), "time is UTC: " + time);
        JsonNode data = event.get("data");
        assertEquals("1.0", data.get("version").asText());
        assertTrue(data.get("version").isTextual(), "data.version is a string");
        assertTrue(data.get("values").isArray() && data.get("values").size() > 0, request.body());
        for (JsonNode value : data.get("values")) {
            assertEquals(VALUE_KEYS, keys(value), request.body());
            assertTrue(value.get("ResourceAddress").isTextual(), request.body());
            assertTrue(Set.of("notification", "metric").contains(value.get("data_type").asText()), request.body());
            assertTrue(value.get("value_type").isTextual(), request.body());
            assertTrue(value.get("value").isTextual(), "value is a string: " + request.body());
        }
    }

    /** @return the lock state of the ens5fx port an event reports, or null for a placeholder */
    private static String lockStateOf(Received event) {
        return notificationValue(event, NODE + "/ens5fx/master");
    }

    /** @return the notification value an event carries for an address, or null */
    private static String notificationValue(Received event, String address) {
        for (JsonNode value : parse(event.body()).get("data").get("values")) {
            if (address.equals(value.get("ResourceAddress").asText())
                    && "notification".equals(value.get("data_type").asText())) {
                return value.get("value").asText();
            }
        }
        return null;
    }

    private List<Expected> flipLockState(SocketWriter writer, String current) throws IOException {
        return flipLockState(writer, current, 1);
    }

    /**
     * Writes offset lines alternately outside and inside ±100 ns, each one changing the lock state.
     *
     * @param current the lock state now (null when unknown: the first line then locks)
     * @return the expected lock-state events, in order
     */
    private List<Expected> flipLockState(SocketWriter writer, String current, int count) throws IOException {
        List<Expected> expected = new ArrayList<>();
        boolean locked = "LOCKED".equals(current);
        for (int i = 0; i < count; i++) {
            int n = nextStep();
            long offset = locked ? 500 + n : n % 90 + 1;
            locked = !locked;
            writer.line("ptp4l[2." + n + "]: [ptp4l.0.config] master offset " + offset + " s2 freq 0 path delay 1");
            expected.add(lockState("ens5fx", locked ? "LOCKED" : "FREERUN", offset));
        }
        return expected;
    }

    // ---------------------------------------------------------------- inputs beyond the checklist

    @Test
    @Order(400)
    void should_answer_413_to_an_oversized_body_and_store_nothing() throws Exception {
        String padding = "x".repeat(70_000);
        HttpResponse<String> response = send("POST", "/subscriptions",
                "{\"ResourceAddress\":\"" + R + "\",\"EndpointUri\":\"http://127.0.0.1:1/" + padding + "\"}");
        assertEquals(413, response.statusCode());
        assertEquals("[]", send("GET", "/subscriptions", null).body());
    }

    @Test
    @Order(401)
    void should_answer_400_to_a_body_that_is_not_utf8_json() throws Exception {
        HttpResponse<String> response = send("POST", "/subscriptions", "\u00ff\u00fe{\"ResourceAddress\":1}");
        assertEquals(400, response.statusCode());
        assertEquals("", response.body());
    }

    private int nextStep() {
        return ++step;
    }

    private HttpResponse<String> awaitCurrentState(String address, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> response = send("GET", address + "/CurrentState", null);
        while (response.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            response = send("GET", address + "/CurrentState", null);
        }
        if (response.statusCode() != 200) {
            fail("CurrentState of " + address + " did not become 200 within " + timeout + ": last "
                    + response.statusCode() + " " + response.body());
        }
        return response;
    }
}
