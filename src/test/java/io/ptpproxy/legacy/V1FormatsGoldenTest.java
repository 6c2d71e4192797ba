package io.ptpproxy.legacy;

import static io.ptpproxy.fixtures.V1Golden.assertGolden;
import static io.ptpproxy.fixtures.V1Golden.assertTree;
import static io.ptpproxy.fixtures.V1Golden.golden;
import static io.ptpproxy.fixtures.V1Golden.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ptpproxy.delivery.PostResult;
import io.ptpproxy.event.DataValue;
import io.ptpproxy.event.Notification;
import io.ptpproxy.event.ResourceType;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RecordingSubscriber.Received;
import io.ptpproxy.fixtures.V1Golden;
import io.ptpproxy.source.EventSource;
import io.ptpproxy.source.ResourceCatalogue;
import io.ptpproxy.subscription.ClientId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every v1 wire form the proxy emits, pinned by the golden files in {@code v1-events/} and compared as
 * trees: for each resource, derived from the v2 event of {@code oran-events/pushed-<resource>.json}
 * (on interface ens5fx, at a time with nanoseconds), the cloud-native event JSON posted to a v1
 * application (api-contract.md §2.3.2), its CloudEvent 0.3 in structured mode (§2.3.3) and in
 * binary mode to a consumer sidecar's {@code /event} (§6.3); the CurrentState reply (§2.3.3); and
 * the consumer sidecar's registration and unregistration at a publisher (§6.2).
 */
class V1FormatsGoldenTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String NODE = "/cluster/node/node1";
    private static final String SUBSCRIPTION_ID = "4f3b9c6e-1f2a-4d8e-9a0b-2c3d4e5f6a7b";
    private static final String SIDECAR = "http://consumer-events-subscription-service.cloud-events.svc.cluster.local:9043";

    private final V1EventFormat format = new V1EventFormat();

    @ParameterizedTest
    @MethodSource("io.ptpproxy.fixtures.V1Golden#resources")
    void should_emit_each_resource_in_every_v1_form(String resource) throws Exception {
        V1Event event = format.fromPublished(V1Golden.issued(resource));

        assertGolden("application-" + resource, tree(format.applicationJson(event, SUBSCRIPTION_ID)));
        assertGolden("structured-" + resource, tree(format.structured(event)));
        List<CloudEventCodec.HttpMessage> sent = new ArrayList<>();
        new BinaryEventPoster((uri, body, headers) -> {
            assertEquals(SIDECAR + "/event", uri);
            sent.add(new CloudEventCodec.HttpMessage(headers, body));
            return CompletableFuture.completedFuture(new PostResult(200, null));
        }, format).post(SIDECAR, format.structured(event));
        assertEquals(1, sent.size());
        assertGolden("binary-" + resource, binary(sent.get(0).headers(), sent.get(0).body()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lock-state", "os-clock-sync-state", "clock-class"})
    void should_give_a_v1_application_the_same_json_from_a_cloudevent_received_either_way(String resource)
            throws Exception {
        JsonNode expected = golden("application-" + resource);
        V1Event structured = format.fromCloudEvent(format.parseStructured(bytes(golden("structured-" + resource))));
        assertTree(expected, tree(format.applicationJson(structured, SUBSCRIPTION_ID)), "from structured mode");

        ObjectNode binary = golden("binary-" + resource);
        Map<String, Object> headers = MAPPER.convertValue(binary.get("headers"), Map.class);
        V1Event fromBinary = format.fromCloudEvent(CloudEventCodec.read(headers, bytes(binary.get("data"))));
        assertTree(expected, tree(format.applicationJson(fromBinary, SUBSCRIPTION_ID)), "from binary mode");
    }

    @Test
    void should_answer_current_state_with_a_fresh_id_and_the_time_asked() throws Exception {
        String resource = NODE + "/sync/ptp-status/lock-state";
        List<DataValue> values = format.fromPublished(V1Golden.issued("lock-state")).values();
        ResourceCatalogue catalogue = new ResourceCatalogue();
        catalogue.register(new OneState(new Notification(ResourceType.LOCK_STATE, resource, values, null)));
        LocalV1Backend backend = new LocalV1Backend(catalogue, format,
                Clock.fixed(Instant.parse(V1Golden.TIME), ZoneOffset.ofHours(2)));

        CurrentStateReply reply = backend.currentState(resource);
        assertTrue(reply.isFound(), reply.message());
        JsonNode actual = tree(reply.body());
        assertGolden("current-state-lock-state", actual, expected -> expected.put("id", V1Golden.uuid(actual.get("id"))));
        assertTree(golden("structured-lock-state").without("id"), golden("current-state-lock-state").without("id"),
                "CurrentState is the structured event of the state");
    }

    @Test
    void should_register_and_unregister_a_consumer_sidecar_in_cloudevents_0_3_binary_mode() throws Exception {
        try (RecordingSubscriber publisher = RecordingSubscriber.start()) {
            Registration registration = new Registration(ClientId.of(SIDECAR), SIDECAR, List.of(
                    new V1Subscription(SUBSCRIPTION_ID, "http://localhost:9089/event", "http://localhost:8089/x",
                            NODE + "/sync/ptp-status/lock-state")));
            HttpPublisherLink link = new HttpPublisherLink("http://127.0.0.1:" + publisher.port());
            assertTrue(link.register(registration));
            assertTrue(link.unregister(registration));
            List<Received> sent = publisher.next(2, Duration.ofSeconds(5));
            assertRegistration("registration", sent.get(0));
            assertRegistration("unregistration", sent.get(1));
        }
    }

    private static void assertRegistration(String golden, Received request) throws IOException {
        assertEquals("POST /subscription", request.method() + " " + request.path());
        ObjectNode actual = binary(request.headers(), request.body().getBytes(StandardCharsets.UTF_8));
        assertGolden(golden, actual, expected -> ((ObjectNode) expected.get("headers"))
                .put("ce-id", V1Golden.uuid(actual.at("/headers/ce-id")))
                .put("ce-time", V1Golden.utcTime(actual.at("/headers/ce-time"))));
    }

    private static ObjectNode binary(Map<String, ?> headers, byte[] body) throws IOException {
        return V1Golden.binary(headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] bytes(JsonNode node) throws IOException {
        return MAPPER.writeValueAsBytes(node);
    }

    private static JsonNode tree(byte[] body) throws IOException {
        return V1Golden.tree(new String(body, StandardCharsets.UTF_8));
    }

    /** A source whose one resource is in one state. */
    private record OneState(Notification state) implements EventSource {

        @Override
        public List<String> addresses() {
            return List.of(state.address());
        }

        @Override
        public boolean publishes(String address) {
            return state.address().equals(address);
        }

        @Override
        public Optional<Notification> currentState(String address) {
            return publishes(address) ? Optional.of(state) : Optional.empty();
        }

        @Override
        public Notification initialState(String address) {
            return state;
        }
    }
}
