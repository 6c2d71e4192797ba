package io.ptpproxy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptpproxy.callback.EndpointPolicy;
import io.ptpproxy.delivery.PostResult;
import io.ptpproxy.http.ApiResponse;
import io.ptpproxy.publisher.PublisherSource;
import io.ptpproxy.publisher.PublisherStore;
import io.ptpproxy.source.ResourceCatalogue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Camel-free publisher handler in the v1 key style, as the v1 routes will call it (V1-17, V1-18),
 * and the pluggable v1 subscription lookup of the status ping.
 */
class PublisherApiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private PublisherApi api;

    @BeforeEach
    void create() {
        PublisherStore store = PublisherStore.open(dir);
        PublisherSource source = new PublisherSource(store);
        ResourceCatalogue catalogue = new ResourceCatalogue();
        catalogue.register(source);
        api = new PublisherApi(store, source, catalogue,
                (uri, body) -> CompletableFuture.completedFuture(PostResult.answered(204)),
                EndpointPolicy.of("", "", "", EndpointPolicy.DEFAULT_DENIED_CIDRS), Duration.ofSeconds(1),
                id -> id.equals("v1-sub"), 8089);
    }

    @Test
    void should_register_with_v1_keys_matched_case_insensitively_and_answer_the_v1_pubsub() throws Exception {
        ApiResponse created = api.createPublisher("{\"Resource\":\"/cluster/node/n1/mock\",\"ENDPOINTURI\":null}", KeyStyle.V1);
        assertEquals(201, created.status());
        JsonNode pubSub = MAPPER.readTree(created.body());
        String id = pubSub.get("id").asText();
        assertEquals("{\"id\":\"" + id + "\",\"endpointUri\":null,\"uriLocation\":\"http://localhost:8089"
                + "/api/ocloudNotifications/v1/publishers/" + id + "\",\"resource\":\"/cluster/node/n1/mock\"}", created.body());
        assertEquals(created.body(), api.getPublisher(id, KeyStyle.V1).body());
        assertEquals("[" + created.body() + "]", api.listPublishers(KeyStyle.V1).body());
        assertEquals("{\"ResourceAddress\":\"/cluster/node/n1/mock\",\"EndpointUri\":\"\",\"SubscriptionId\":\"" + id
                + "\",\"UriLocation\":\"http://localhost:8089/api/ocloudNotifications/v2/publishers/" + id + "\"}",
                api.getPublisher(id, KeyStyle.V2).body(), "one publisher, either key style");
        assertEquals(new ApiResponse(400, ApiResponse.JSON, "{\"error\":\"marshalling error\"}"),
                api.createPublisher("{\"ResourceAddress\":\"/x\"}", KeyStyle.V1), "v2 keys are not v1 keys");
    }

    @Test
    void v1_17_should_answer_400_no_publisher_data_to_an_event_of_an_unknown_publisher() {
        EventSubmission submission = api.createEvent("{\"id\":\"nobody\",\"type\":\"t\",\"data\":{\"version\":\"v1\","
                + "\"values\":[{\"resource\":\"/a\",\"dataType\":\"notification\",\"valueType\":\"enumeration\",\"value\":\"LOCKED\"}]}}");
        assertNull(submission.event());
        assertEquals(new ApiResponse(400, ApiResponse.JSON,
                "{\"error\":\"no publisher data for id nobody found to publish event for\"}"), submission.answer());
    }

    @Test
    void should_turn_an_accepted_event_into_a_notification_on_the_publishers_address() throws Exception {
        String id = MAPPER.readTree(api.createPublisher("{\"resource\":\"/hw/fan\"}", KeyStyle.V1).body()).get("id").asText();
        EventSubmission submission = api.createEvent("{\"id\":\"" + id + "\",\"type\":\"event.hw\",\"data\":{\"values\":["
                + "{\"resource\":\"/hw/fan\",\"dataType\":\"metric\",\"valueType\":\"decimal64.3\",\"value\":12}]}}");
        assertEquals(new ApiResponse(202, ApiResponse.JSON, "{\"status\":\"Event sent\"}"), submission.answer());
        assertNotNull(submission.event());
        assertEquals("/hw/fan", submission.event().address());
        assertEquals("/hw/fan", submission.event().type().source());
        assertEquals("event.hw", submission.event().type().eventType());
        assertEquals("12", submission.event().values().get(0).value());
    }

    @Test
    void v1_18_should_answer_202_to_a_valid_log_event() {
        assertEquals(new ApiResponse(202, ApiResponse.JSON, "{\"status\":\"Event published to log\"}"),
                api.logEvent("{\"id\":\"x\",\"type\":\"t\",\"data\":{\"version\":\"v1\",\"values\":[]}}"));
    }

    @Test
    void should_ping_only_subscriptions_the_v1_lookup_knows() {
        assertEquals(new ApiResponse(202, ApiResponse.JSON, "{\"status\":\"ping sent\"}"), api.pingSubscription("v1-sub"));
        assertEquals(new ApiResponse(400, ApiResponse.JSON, "{\"error\":\"subscription not found\"}"),
                api.pingSubscription("other"));
    }
}
