package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI 3 document generated from the proxy's REST DSL (camel-openapi-java, on the test
 * classpath only, at a test-only context path): valid for swagger-parser
 * (the reference OpenAPI 3 parser), every answer with its status and description, typed examples,
 * a server URL with its port; the contract's operations, answers and SubscriptionInfo schema are in
 * it, and docs/openapi.json is a current copy, which the jar packages and serves at /openapi.json
 * byte for byte (the document is generated at build time, not at start-up). Regenerate the copy with
 * {@code mvn test -Dtest=OpenApiDocumentTest -Dopenapi.update=true}.
 */
class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path COPY = Path.of("docs/openapi.json");
    private static final String V2 = "/api/ocloudNotifications/v2";
    /** Where the test has Camel render the document from the REST DSL; production serves the copy. */
    private static final String GENERATED = "/openapi-generated.json";

    @TempDir
    Path work;

    @Test
    void should_describe_the_v1_and_v2_apis_and_match_the_copy_in_docs() throws Exception {
        byte[] copy = Files.readAllBytes(COPY);
        ObjectNode document;
        int apiPort;
        try (RunningProxy proxy = RunningProxy.start(work, Map.of("camel.rest.api-context-path", GENERATED))) {
            apiPort = proxy.apiPort();
            HttpResponse<String> response = proxy.send("GET", "http://127.0.0.1:" + proxy.apiPort() + GENERATED, null);
            assertEquals(200, response.statusCode());
            document = (ObjectNode) JSON.readTree(response.body());

            // production serves the copy packaged at build time, as it is
            HttpResponse<byte[]> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + apiPort + "/openapi.json")).build(), BodyHandlers.ofByteArray());
            assertEquals(200, served.statusCode());
            assertEquals(Optional.of("application/json"), served.headers().firstValue("Content-Type"));
            assertArrayEquals(copy, served.body(), "/openapi.json serves docs/openapi.json byte for byte");
        }
        assertExplicitAnswers(document);
        assertValid(JSON.writeValueAsString(document));
        // a client needs the port: the host UriLocation names, with the API port
        assertEquals("[{\"url\":\"http://localhost:" + apiPort + "\"}]", document.get("servers").toString());
        // the port differs per run; the copy, served as it is, names the default one (docs/decisions.md)
        document.putArray("servers").addObject().put("url", "http://localhost:9043");
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
        assertEquals(List.of("getCurrentState"), operations(document, V2 + "/cluster/{ResourceAddress}/CurrentState"));
        assertEquals(List.of("200", "404"), fieldNames(
                document.at("/paths/" + escape(V2 + "/cluster/{ResourceAddress}/CurrentState") + "/get/responses")));
        assertEquals(List.of("202", "400"),
                fieldNames(document.at("/paths/" + escape(V2 + "/create/event") + "/post/responses")));
        assertEquals(List.of("204"), fieldNames(document.at("/paths/" + escape(V2 + "/dummy2") + "/post/responses")));
        assertEquals("[{\"bearerToken\":[]}]", document.get("security").toString());
        String v1 = "/api/ocloudNotifications/v1";
        assertEquals(List.of("v1GetSubscriptions", "v1CreateSubscription", "v1DeleteSubscriptions"),
                operations(document, v1 + "/subscriptions"));
        assertEquals(List.of("201", "400", "503", "401"),
                fieldNames(document.at("/paths/" + escape(v1 + "/subscriptions") + "/post/responses")));
        assertEquals(List.of("v1GetCurrentState"), operations(document, v1 + "/cluster/{resource}/CurrentState"));
        assertEquals(List.of("201", "400", "404", "409", "413", "503", "401"),
                fieldNames(document.at("/paths/" + escape(V2 + "/subscriptions") + "/post/responses")));
        assertEquals(List.of("204", "404", "503", "401"),
                fieldNames(document.at("/paths/" + escape(V2 + "/subscriptions/{subscriptionId}") + "/delete/responses")));
        assertEquals(List.of("204", "503", "401"),
                fieldNames(document.at("/paths/" + escape(V2 + "/subscriptions") + "/delete/responses")));
        assertEquals(List.of("ResourceAddress", "EndpointUri", "SubscriptionId", "UriLocation"),
                fieldNames(document.at("/components/schemas/SubscriptionInfo/properties")));

        // the generator lists paths in the order it meets the REST blocks (route files as the class
        // path lists them), so the copy lists them sorted: a regeneration changes only what changed
        ObjectNode sortedPaths = JSON.createObjectNode();
        List<String> paths = new ArrayList<>();
        document.get("paths").fieldNames().forEachRemaining(paths::add);
        paths.stream().sorted().forEach(path -> sortedPaths.set(path, document.get("paths").get(path)));
        document.set("paths", sortedPaths);
        String generated = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COPY, generated);
        }
        assertEquals(JSON.readTree(generated), JSON.readTree(Files.readString(COPY)),
                "docs/openapi.json is not current: mvn test -Dtest=OpenApiDocumentTest -Dopenapi.update=true");
    }

    /**
     * A generated client percent-encodes the slashes of {@code {ResourceAddress}}; the proxy answers
     * such a request as the plain path, also with the address's leading slash encoded.
     */
    @Test
    void should_answer_current_state_for_an_address_with_percent_encoded_slashes() throws Exception {
        String address = "/cluster/node/" + RunningProxy.NODE + "/sync/ptp-status/lock-state";
        try (RunningProxy proxy = RunningProxy.start(work); RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            assertEquals(201, proxy.subscribe(address, subscriber.uri()).statusCode());
            assertEquals(201, proxy.send("POST", proxy.v1() + "/subscriptions",
                    "{\"endpointUri\":\"" + subscriber.uri() + "\",\"resource\":\"" + address + "\"}").statusCode());
            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writer.line("ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED");
                writer.line("ptp4l[1.1]: [ptp4l.0.config] master offset -3 s2 freq 0 path delay 1");
            }
            HttpResponse<String> plain = awaitCurrentState(proxy, proxy.v2() + address + "/CurrentState");
            String encoded = address.substring("/cluster/".length()).replace("/", "%2F");
            for (String url : List.of(proxy.v2() + "/cluster/" + encoded + "/CurrentState",
                    proxy.v2() + "/%2Fcluster%2F" + encoded + "/CurrentState",
                    proxy.v1() + "/cluster/" + encoded + "/CurrentState")) {
                HttpResponse<String> answer = proxy.send("GET", url, null);
                assertEquals(200, answer.statusCode(), url + ": " + answer.body());
                if (url.startsWith(proxy.v2())) {
                    JsonNode event = JSON.readTree(answer.body());
                    JsonNode expected = JSON.readTree(plain.body());
                    assertNotEquals(expected.get("id"), event.get("id"), "a fresh event each time");
                    ((ObjectNode) event).remove(List.of("id", "time"));
                    ((ObjectNode) expected).remove(List.of("id", "time"));
                    assertEquals(expected, event, url);
                }
            }
            assertEquals(404, proxy.send("GET", proxy.v2() + "/cluster/node%2Fnobody%2Fsync%2Fptp-status%2Flock-state/CurrentState",
                    null).statusCode());
        }
    }

    /** swagger-parser's validation of the document (what swagger-cli validate runs): no message. */
    private static void assertValid(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        assertEquals(List.of(), result.getMessages(), "OpenAPI validation messages");
    }

    /** Checks swagger-parser leaves to linters: explicit statuses, descriptions, typed examples. */
    private static void assertExplicitAnswers(JsonNode document) {
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(verb -> {
            String where = verb.getKey() + " " + path.getKey();
            JsonNode responses = verb.getValue().get("responses");
            assertTrue(responses != null && !responses.isEmpty() && !responses.has("default"),
                    where + " documents its status codes: " + responses);
            responses.fields().forEachRemaining(answer -> {
                assertTrue(answer.getKey().matches("[1-5]\\d\\d"), where + ": " + answer.getKey());
                assertTrue(answer.getValue().path("description").asText().length() > 1, where + " " + answer.getKey());
                answer.getValue().path("content").forEach(media ->
                        assertTrue(!media.has("example") && !media.has("examples"),
                                where + ": examples belong in the schema, typed: " + media));
            });
        }));
    }

    private static HttpResponse<String> awaitCurrentState(RunningProxy proxy, String url) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        HttpResponse<String> response = proxy.send("GET", url, null);
        while (response.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            response = proxy.send("GET", url, null);
        }
        assertEquals(200, response.statusCode(), "CurrentState of " + url + " within 10 s");
        return response;
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
