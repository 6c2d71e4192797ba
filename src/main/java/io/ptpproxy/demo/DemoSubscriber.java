package io.ptpproxy.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ptpproxy.event.ResourceType;

/**
 * What an application team's consumer does, in miniature: serves a callback on loopback, subscribes
 * to the node's PTP resources through the v2 API, answers every event with 204 and prints it, each
 * line stamped like the log's.
 */
public final class DemoSubscriber {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The log's time format (simplelogger.properties), so the two interleave readably. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    /** Printed once: the first events are the initial notifications, sent before any PTP line. */
    static final String PLACEHOLDER_NOTE = "[demo subscriber] each subscription first gets the resource's current state:"
            + " before the replayed daemon has written a line, that is FREERUN from a placeholder source"
            + " (ptp-not-set, event-not-found), as upstream sends it; the replayed states follow";
    private static final List<ResourceType> RESOURCES = List.of(ResourceType.LOCK_STATE,
            ResourceType.OS_CLOCK_SYNC_STATE, ResourceType.SYNC_STATE, ResourceType.CLOCK_CLASS);

    private final String nodeName;
    private final int apiPort;
    private final int callbackPort;
    private final PrintStream out;
    private final AtomicInteger received = new AtomicInteger();
    private final Map<String, Integer> bySource = new ConcurrentHashMap<>();
    private HttpServer server;

    public DemoSubscriber(String nodeName, int apiPort, int callbackPort) {
        this.nodeName = nodeName;
        this.apiPort = apiPort;
        this.callbackPort = callbackPort;
        this.out = System.out;
    }

    /** Starts the callback server and subscribes to every demo resource. */
    public synchronized void start() throws IOException, InterruptedException {
        if (server != null) {
            return;
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", callbackPort), 0);
        server.createContext("/event", this::onEvent);
        server.start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        String callback = "http://127.0.0.1:" + server.getAddress().getPort() + "/event";
        print(PLACEHOLDER_NOTE);
        for (ResourceType type : RESOURCES) {
            String body = "{\"ResourceAddress\":\"" + type.addressOn(nodeName) + "\",\"EndpointUri\":\"" + callback + "\"}";
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + apiPort + "/api/ocloudNotifications/v2/subscriptions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            print(String.format("[demo subscriber] subscribe %s -> HTTP %d%s", type.addressOn(nodeName),
                    response.statusCode(),
                    response.statusCode() == 409 ? " (already subscribed: the store kept it from an earlier run)" : ""));
        }
    }

    /** @return how many requests the callback has received, initial notifications included */
    public int received() {
        return received.get();
    }

    /** @return how many requests the callback has received per event source, initial notifications included */
    public Map<String, Integer> receivedBySource() {
        return Map.copyOf(bySource);
    }

    /** Stops the callback server. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private void onEvent(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            print(describe(body));
            bySource.merge(source(body), 1, Integer::sum);
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private void print(String line) {
        out.println(STAMP.format(ZonedDateTime.now()) + " " + line);
    }

    private static String source(String json) {
        try {
            return MAPPER.readTree(json).path("source").asText();
        } catch (IOException e) {
            return "";
        }
    }

    /** @return one readable line per event: time, source and each value */
    static String describe(String json) {
        try {
            JsonNode event = MAPPER.readTree(json);
            StringBuilder line = new StringBuilder("[demo subscriber] ")
                    .append(event.path("time").asText()).append(' ')
                    .append(event.path("source").asText());
            for (JsonNode value : event.path("data").path("values")) {
                line.append(" | ").append(value.path("ResourceAddress").asText())
                        .append(' ').append(value.path("data_type").asText())
                        .append('=').append(value.path("value").asText());
            }
            return line.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
