package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ptpproxy.fixtures.RunningProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI 3 document the running proxy generates from its REST DSL: the contract's operations,
 * answers and SubscriptionInfo schema are in it, and docs/openapi.json is a current copy. Regenerate
 * the copy with {@code mvn test -Dtest=OpenApiDocumentTest -Dopenapi.update=true}.
 */
class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path COPY = Path.of("docs/openapi.json");
    private static final String V2 = "/api/ocloudNotifications/v2";

    @TempDir
    Path work;

    @Test
    void should_describe_the_v1_and_v2_apis_and_match_the_copy_in_docs() throws Exception {
        ObjectNode document;
        try (RunningProxy proxy = RunningProxy.start(work)) {
            HttpResponse<String> response = proxy.send("GET", "http://127.0.0.1:" + proxy.apiPort() + "/openapi.json", null);
            assertEquals(200, response.statusCode());
            document = (ObjectNode) JSON.readTree(response.body());
        }
        // the server URL names the listening host, which differs per machine
        document.remove("servers");
        // the tags come in the order the route files were loaded, which follows the directory listing
        List<JsonNode> tags = new ArrayList<>();
        document.withArray("tags").forEach(tags::add);
        tags.sort(Comparator.comparing(tag -> tag.path("name").asText()));
        document.putArray("tags").addAll(tags);

        assertEquals("3.0.0", document.get("openapi").asText());
        assertEquals(List.of("getHealth"), operations(document, V2 + "/health"));
        assertEquals(List.of("getSubscriptions", "createSubscription", "deleteSubscriptions"),
                operations(document, V2 + "/subscriptions"));
        assertEquals(List.of("getSubscription", "deleteSubscription"), operations(document, V2 + "/subscriptions/{subscriptionId}"));
        assertEquals(List.of("getPublishers", "createPublisher", "deletePublishers"), operations(document, V2 + "/publishers"));
        assertEquals(List.of("getPublisher", "deletePublisher"), operations(document, V2 + "/publishers/{publisherId}"));
        assertEquals(List.of("createEvent"), operations(document, V2 + "/create/event"));
        assertEquals(List.of("getCurrentState"), operations(document, V2 + "/{ResourceAddress}/CurrentState"));
        assertEquals(List.of("200", "404"), fieldNames(
                document.at("/paths/" + escape(V2 + "/{ResourceAddress}/CurrentState") + "/get/responses")));
        String v1 = "/api/ocloudNotifications/v1";
        assertEquals(List.of("v1GetSubscriptions", "v1CreateSubscription", "v1DeleteSubscriptions"),
                operations(document, v1 + "/subscriptions"));
        assertEquals(List.of("201", "400", "503", "401"),
                fieldNames(document.at("/paths/" + escape(v1 + "/subscriptions") + "/post/responses")));
        assertEquals(List.of("v1GetCurrentState"), operations(document, v1 + "/{resource}/CurrentState"));
        assertEquals(List.of("201", "400", "404", "409", "413", "503", "401"),
                fieldNames(document.at("/paths/" + escape(V2 + "/subscriptions") + "/post/responses")));
        assertEquals(List.of("204", "404", "503", "401"),
                fieldNames(document.at("/paths/" + escape(V2 + "/subscriptions/{subscriptionId}") + "/delete/responses")));
        assertEquals(List.of("204", "503", "401"),
                fieldNames(document.at("/paths/" + escape(V2 + "/subscriptions") + "/delete/responses")));
        assertEquals(List.of("ResourceAddress", "EndpointUri", "SubscriptionId", "UriLocation"),
                fieldNames(document.at("/components/schemas/SubscriptionInfo/properties")));

        String generated = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COPY, generated);
        }
        assertEquals(JSON.readTree(generated), JSON.readTree(Files.readString(COPY)),
                "docs/openapi.json is not current: mvn test -Dtest=OpenApiDocumentTest -Dopenapi.update=true");
    }

    private static List<String> operations(JsonNode document, String path) {
        List<String> ids = new ArrayList<>();
        document.get("paths").get(path).forEach(operation -> ids.add(operation.get("operationId").asText()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }
}
