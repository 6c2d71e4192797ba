package io.ptpproxy.example.consumer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The consumer's {@code POST /event}: prints every event on one line and answers 204, the only answer
 * the proxy counts as delivered (and the only one that lets a v2 subscription be created).
 */
public final class EventCallback implements HttpHandler {

    private static final byte[] WARM_UP = ("{\"specversion\":\"1.0\",\"id\":\"0\",\"source\":\"/warm-up\","
            + "\"type\":\"warm-up\",\"time\":\"2026-01-01T00:00:00Z\",\"data\":{\"values\":[]}}")
            .getBytes(StandardCharsets.UTF_8);

    private final ApiVersion apiVersion;
    private final PrintStream out;

    /**
     * @param apiVersion v2 expects CloudEvents 1.0, v1 the sidecar's cloud-native events
     * @param out        where the event lines go
     */
    public EventCallback(ApiVersion apiVersion, PrintStream out) {
        this.apiVersion = apiVersion;
        this.out = out;
        // the proxy waits 2 s for the answer to the initial notification; loading the CloudEvents SDK and
        // Jackson on the first event took 1.5 s on a busy machine, so load them before subscribing
        ReceivedEvent.fromCloudEvent(WARM_UP);
        ReceivedEvent.fromCloudNativeEvent(WARM_UP);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(accept(body), -1);
        }
    }

    /** @return 204 for an event it could read or an empty body (the v1 validation ping), else 400 */
    private int accept(byte[] body) {
        if (body.length == 0) {
            return 204;
        }
        Instant now = Instant.now();
        try {
            ReceivedEvent event = apiVersion == ApiVersion.V2
                    ? ReceivedEvent.fromCloudEvent(body)
                    : ReceivedEvent.fromCloudNativeEvent(body);
            out.println("event " + event.describe(now));
            return 204;
        } catch (IllegalArgumentException e) {
            out.println("rejected an event (answered 400): " + e.getMessage());
            return 400;
        }
    }
}
