package io.ptpproxy.legacy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The v1 HTTP transport to one publisher (api-contract.md §6): {@code GET /health},
 * {@code POST /subscription} with a CloudEvent 0.3 in binary mode whose data is the Subscriber
 * record, and {@code GET /<resource>/<clientID>/CurrentState}. These are control-plane calls made
 * from the sidecar's own threads, so they use the JDK's blocking HTTP client.
 */
public final class HttpPublisherLink implements PublisherLink {

    private static final Logger LOG = LoggerFactory.getLogger(HttpPublisherLink.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CURRENT_STATE_TIMEOUT = Duration.ofSeconds(5);

    private final String baseUrl;
    // HTTP/1.1, as upstream's sidecar spoke it: no h2c upgrade attempt against the publisher's server
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    /** @param baseUrl the publisher's transport URL, e.g. {@code http://ptp-event-publisher-service-n1…:9043} */
    public HttpPublisherLink(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public String name() {
        return baseUrl;
    }

    @Override
    public boolean healthy() {
        try {
            return send(HttpRequest.newBuilder(URI.create(baseUrl + "/health")).timeout(TIMEOUT).GET())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean register(Registration registration) {
        return post(registration, SubscriberRecord.ACTION_NEW, "NEW");
    }

    @Override
    public boolean unregister(Registration registration) {
        return post(registration, SubscriberRecord.ACTION_DELETE, "DELETE");
    }

    @Override
    public CurrentStateReply currentState(String resource, String clientId) {
        String path = (resource.startsWith("/") ? resource : "/" + resource) + "/" + clientId + "/CurrentState";
        HttpResponse<String> response;
        try {
            response = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(CURRENT_STATE_TIMEOUT).GET());
        } catch (HttpTimeoutException e) {
            return CurrentStateReply.missing("timeout waiting for status");
        } catch (IOException e) {
            return CurrentStateReply.missing(e.toString());
        }
        if (response.statusCode() == 200) {
            return CurrentStateReply.found(response.body().getBytes(StandardCharsets.UTF_8));
        }
        return CurrentStateReply.missing(message(response.body()));
    }

    private boolean post(Registration registration, int action, String subject) {
        String source = registration.subscriptions().isEmpty() || action == SubscriberRecord.ACTION_DELETE
                ? "delete-all-subscriptions" : registration.subscriptions().get(0).resource();
        CloudEvent event = CloudEventBuilder.v03()
                .withId(UUID.randomUUID().toString())
                .withType("SUBSCRIBER")
                .withSource(URI.create(source.isEmpty() ? "/" : source))
                .withSubject(subject)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(SubscriberRecord.render(registration, action, false))
                .build();
        CloudEventCodec.HttpMessage message = CloudEventCodec.binary(event);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/subscription")).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()));
        message.headers().forEach(request::header);
        try {
            int status = send(request).statusCode();
            if (status / 100 != 2) {
                LOG.warn("Publisher {} answered {} to the registration of client {}", baseUrl, status,
                        registration.clientId());
            }
            return status / 100 == 2;
        } catch (IOException e) {
            LOG.info("Publisher {} unreachable for registration: {}", baseUrl, e.toString());
            return false;
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** upstream's publisher answers {@code {"message":…}}; anything else is passed on as it is */
    private static String message(String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (IOException notJson) {
            // fall through
        }
        return body == null || body.isBlank() ? "event not found" : body;
    }
}
