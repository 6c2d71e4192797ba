package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptpproxy.api.NotificationApiV2;
import io.ptpproxy.fixtures.RunningProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kubernetes probes on the real management server: readiness (socket bound, store readable and
 * writable, routes started) and liveness (context, socket), with their JSON details, while the API's
 * own health stays as the contract says.
 */
class HealthProbesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void should_be_ready_and_live_with_the_socket_and_store_checked() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(work)) {
            HttpResponse<String> ready = proxy.send("GET", proxy.management() + "/health/ready?exposureLevel=full&data=true", null);
            assertEquals(200, ready.statusCode());
            JsonNode readiness = JSON.readTree(ready.body());
            assertEquals("UP", readiness.get("status").asText());
            assertEquals("UP", check(readiness, "socket").get("status").asText());
            assertEquals(proxy.socketPath().toString(), check(readiness, "socket").at("/data/path").asText());
            assertEquals("UP", check(readiness, "store").get("status").asText());
            assertEquals(proxy.storePath().toString(), check(readiness, "store").at("/data/path").asText());
            assertEquals("UP", check(readiness, "route:ingest").get("status").asText());

            HttpResponse<String> live = proxy.send("GET", proxy.management() + "/health/live?exposureLevel=full", null);
            assertEquals(200, live.statusCode());
            assertEquals(List.of("context", "socket"), names(JSON.readTree(live.body())));
        }
    }

    @Test
    void should_fail_both_probes_when_the_socket_is_gone_and_keep_the_api_health() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(work)) {
            Files.delete(proxy.socketPath());
            for (String probe : List.of("/health/ready", "/health/live")) {
                HttpResponse<String> response = proxy.send("GET", proxy.management() + probe + "?exposureLevel=full&data=true", null);
                assertEquals(503, response.statusCode(), probe);
                JsonNode socket = check(JSON.readTree(response.body()), "socket");
                assertEquals("DOWN", socket.get("status").asText(), probe);
                assertEquals("not bound", socket.get("message").asText(), probe);
            }
            HttpResponse<String> api = proxy.send("GET", proxy.v2() + "/health", null);
            assertEquals(200, api.statusCode());
            assertEquals("OK", api.body());
            assertEquals(NotificationApiV2.BASE_PATH, proxy.v2().substring(proxy.v2().indexOf("/api")));
        }
    }

    @Test
    void should_not_be_ready_when_the_store_cannot_be_written() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(work)) {
            Path moved = work.resolve("store-moved");
            Files.move(proxy.storePath(), moved);
            Files.writeString(proxy.storePath(), "not a directory");
            HttpResponse<String> ready = proxy.send("GET", proxy.management() + "/health/ready?exposureLevel=full&data=true", null);
            assertEquals(503, ready.statusCode());
            JsonNode store = check(JSON.readTree(ready.body()), "store");
            assertEquals("DOWN", store.get("status").asText());
            assertEquals("not a directory", store.get("message").asText());
            assertEquals(200, proxy.send("GET", proxy.management() + "/health/live", null).statusCode(),
                    "a broken store is not fixed by a restart, so liveness stays up");
        }
    }

    private static JsonNode check(JsonNode health, String name) {
        return StreamSupport.stream(health.get("checks").spliterator(), false)
                .filter(check -> check.get("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    private static List<String> names(JsonNode health) {
        return StreamSupport.stream(health.get("checks").spliterator(), false).map(c -> c.get("name").asText()).toList();
    }
}
