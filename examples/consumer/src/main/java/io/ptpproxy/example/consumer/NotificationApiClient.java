package io.ptpproxy.example.consumer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The calls the consumer makes to the O-Cloud Notification REST API (v2 on the proxy, or v1 on a local
 * sidecar): health, list, subscribe, unsubscribe, CurrentState.
 */
public final class NotificationApiClient {

    /**
     * The answer to a subscription request.
     *
     * @param status         the HTTP status (201 when created)
     * @param subscriptionId the id the API gave it, or null when not created
     */
    public record Created(int status, String subscriptionId) {
    }

    /**
     * The answer to a CurrentState request.
     *
     * @param status the HTTP status (200 with an event; v2 answers 404 while the state is unknown)
     * @param body   the event JSON, or whatever came with another status
     */
    public record State(int status, byte[] body) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Subscribing waits for the proxy's initial notification round trip (up to 2 s there), so allow more. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String baseUrl;
    private final ApiVersion apiVersion;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /**
     * @param baseUrl    e.g. {@code http://localhost:9043/api/ocloudNotifications/v2}
     * @param apiVersion which key names the API uses
     */
    public NotificationApiClient(String baseUrl, ApiVersion apiVersion) {
        this.baseUrl = baseUrl;
        this.apiVersion = apiVersion;
    }

    /** @return the API's base URL */
    public String baseUrl() {
        return baseUrl;
    }

    /** @return true when {@code GET health} answers 200; false when it answers otherwise or cannot be reached */
    public boolean healthy() throws InterruptedException {
        try {
            return send(request("/health").GET()).statusCode() == 200;
        } catch (IOException unreachable) {
            return false;
        }
    }

    /**
     * @param endpointUri our callback
     * @return resource address → subscription id of every listed subscription with our callback
     * @throws IOException when the list cannot be read
     */
    public Map<String, String> subscriptionsOf(String endpointUri) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request("/subscriptions").GET());
        if (response.statusCode() != 200) {
            throw new IOException("GET subscriptions answered " + response.statusCode());
        }
        Map<String, String> ours = new LinkedHashMap<>();
        // v2 upstream answers null when empty, a fresh v1 sidecar an empty body: both mean "none"
        JsonNode list = response.body().isBlank() ? MAPPER.nullNode() : MAPPER.readTree(response.body());
        for (JsonNode subscription : list) {
            if (endpointUri.equals(subscription.path(apiVersion.endpointKey()).asText())) {
                ours.put(subscription.path(apiVersion.resourceKey()).asText(), subscription.path(apiVersion.idKey()).asText());
            }
        }
        return ours;
    }

    /** Subscribes our callback to one resource address. */
    public Created subscribe(String resourceAddress, String endpointUri) throws IOException, InterruptedException {
        String body = MAPPER.createObjectNode()
                .put(apiVersion.resourceKey(), resourceAddress)
                .put(apiVersion.endpointKey(), endpointUri)
                .toString();
        HttpResponse<String> response = send(request("/subscriptions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 201) {
            return new Created(response.statusCode(), null);
        }
        return new Created(201, MAPPER.readTree(response.body()).path(apiVersion.idKey()).asText());
    }

    /** @return the status of {@code DELETE subscriptions/{id}} (v2: 204, v1: 200) */
    public int unsubscribe(String subscriptionId) throws IOException, InterruptedException {
        return send(request("/subscriptions/" + subscriptionId).DELETE()).statusCode();
    }

    /** Reads {@code GET <address>/CurrentState} (the address keeps its leading slash as the path separator). */
    public State currentState(String resourceAddress) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request(resourceAddress + "/CurrentState").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new State(response.statusCode(), response.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
