package io.ptpproxy.e2e;

import static io.ptpproxy.e2e.ApiV1ConformanceTest.PORT_LINE;
import static io.ptpproxy.e2e.ApiV1ConformanceTest.R;
import static io.ptpproxy.e2e.ApiV1ConformanceTest.R2;
import static io.ptpproxy.e2e.ApiV1ConformanceTest.assertV1CurrentState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RecordingSubscriber.Received;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import io.ptpproxy.fixtures.V1Golden;
import io.ptpproxy.subscription.ClientId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The producer's v1 transport endpoints (api-contract.md §6.1–6.3) driven the way upstream's
 * consumer sidecar drives them: a registration CloudEvent 0.3 in binary mode, events back in
 * binary mode at {@code <sidecar>/event}, CurrentState per client, on the transport port and on
 * the API port.
 */
class V1TransportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path work;

    @Test
    void should_serve_a_registered_sidecar_in_cloudevents_0_3_binary_mode() throws Exception {
        int transportPort = RunningProxy.freePort();
        try (RunningProxy proxy = RunningProxy.start(work, Map.of("transport.host", "127.0.0.1:" + transportPort));
             RecordingSubscriber sidecar = RecordingSubscriber.start()) {
            String transport = "http://127.0.0.1:" + transportPort;
            HttpResponse<String> health = get(transport + "/health");
            assertEquals(200, health.statusCode());
            assertEquals("{\"ok\":true}", health.body());
            assertEquals("{\"ok\":true}", get("http://127.0.0.1:" + proxy.apiPort() + "/health").body());

            String sidecarUrl = "http://127.0.0.1:" + sidecar.port();
            String clientId = ClientId.of(sidecarUrl);
            assertEquals(200, register(transport, clientId, sidecarUrl, 0).statusCode());
            Path file = proxy.storePath().resolve("transport").resolve(clientId + ".json");
            assertTrue(Files.exists(file), "registration persisted");

            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writer.line(PORT_LINE);
                writer.line("ptp4l[2.0]: [ptp4l.0.config] master offset 7 s2 freq 0 path delay 1");
            }
            Received event = sidecar.next(WAIT);
            assertNotNull(event, "the event at the sidecar");
            assertEquals("/event", event.path());
            ObjectNode binary = V1Golden.binary(event.headers(), event.body());
            ObjectNode expected = V1Golden.withValues("binary-lock-state", "LOCKED", "7");
            String ceTime = V1Golden.utcTime(binary.at("/headers/ce-time"));
            Instant time = Instant.parse(ceTime);
            assertTrue(Duration.between(time, Instant.now()).abs().compareTo(Duration.ofMinutes(1)) < 0, "ce-time is now: " + time);
            ((ObjectNode) expected.get("headers")).put("ce-id", V1Golden.uuid(binary.at("/headers/ce-id")))
                    .put("ce-time", ceTime);
            V1Golden.assertTree(expected, binary, "golden v1-events/binary-lock-state.json");

            HttpResponse<String> state = get(transport + R + "/" + clientId + "/CurrentState");
            assertEquals(200, state.statusCode(), state.body());
            assertV1CurrentState(state.body(), "LOCKED", "7");
            HttpResponse<String> onApiPort = get("http://127.0.0.1:" + proxy.apiPort() + R + "/" + clientId + "/CurrentState");
            assertEquals(200, onApiPort.statusCode(), onApiPort.body());
            assertEquals(MAPPER.readTree(state.body()).get("data"), MAPPER.readTree(onApiPort.body()).get("data"),
                    "the same CurrentState on both ports");

            String stranger = UUID.randomUUID().toString();
            HttpResponse<String> unknown = get(transport + R + "/" + stranger + "/CurrentState");
            assertEquals(400, unknown.statusCode());
            assertEquals("{\"message\":\"client is not registered with the event publisher " + stranger + "\"}",
                    unknown.body());
            HttpResponse<String> other = get(transport + R2 + "/" + clientId + "/CurrentState");
            assertEquals(400, other.statusCode());
            assertEquals("{\"message\":\"subscription for (" + R2 + ") not found for the requesting client "
                    + clientId + "\"}", other.body());

            assertEquals(400, post(transport + "/subscription", Map.of("Content-Type", "application/json"), "{")
                    .statusCode());
            assertEquals(200, register(transport, clientId, sidecarUrl, 2).statusCode());
            assertFalse(Files.exists(file), "unregistration removes the client");
        }
    }

    /**
     * Another method on a transport path is 405, an unknown path 404, both with an empty body: on the
     * API port from the router (the transport's rest: block), on the transport port from its listener.
     */
    @Test
    void should_answer_405_and_404_on_both_ports_with_an_empty_body() throws Exception {
        int transportPort = RunningProxy.freePort();
        try (RunningProxy proxy = RunningProxy.start(work, Map.of("transport.host", "127.0.0.1:" + transportPort))) {
            String currentState = R + "/" + UUID.randomUUID() + "/CurrentState";
            for (String base : new String[] {"http://127.0.0.1:" + transportPort, "http://127.0.0.1:" + proxy.apiPort()}) {
                assertEmpty(405, send("POST", base + "/health"), base);
                assertEmpty(405, send("GET", base + "/subscription"), base);
                assertEmpty(405, send("PUT", base + "/event"), base);
                assertEmpty(405, send("DELETE", base + currentState), base);
                assertEquals("{\"ok\":true}", get(base + "/health?probe=1").body(), base);
                assertEmpty(404, send("GET", base + "/cluster/node/x"), base);
            }
            assertEmpty(404, send("GET", "http://127.0.0.1:" + transportPort + "/nosuch"), "transport port");
        }
    }

    private static void assertEmpty(int status, HttpResponse<String> response, String where) {
        assertEquals(status, response.statusCode(), where + " " + response.uri());
        assertEquals("", response.body(), where + " " + response.uri());
    }

    private HttpResponse<String> send(String method, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs upstream's registration: a binary-mode CloudEvent 0.3 carrying the Subscriber record. */
    private HttpResponse<String> register(String transport, String clientId, String sidecarUrl, int action)
            throws Exception {
        String subscriptionId = UUID.randomUUID().toString();
        String body = "{\"clientID\":\"" + clientId + "\",\"subStore\":{\"store\":{\"" + subscriptionId + "\":{\"id\":\""
                + subscriptionId + "\",\"endpointUri\":null,\"uriLocation\":null,\"resource\":\"" + R + "\"}}},"
                + "\"endPointURI\":\"" + sidecarUrl + "\",\"status\":0,\"action\":" + action + "}";
        return post(transport + "/subscription", Map.of(
                "ce-specversion", "0.3",
                "ce-id", UUID.randomUUID().toString(),
                "ce-type", "SUBSCRIBER",
                "ce-source", action == 0 ? R : "delete-all-subscriptions",
                "ce-subject", action == 0 ? "NEW" : "DELETE",
                "ce-time", "2026-01-10T02:41:57.094981Z",
                "Content-Type", "application/json"), body);
    }

    private HttpResponse<String> post(String url, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
