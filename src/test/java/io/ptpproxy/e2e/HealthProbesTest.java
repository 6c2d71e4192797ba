package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptpproxy.api.NotificationApiV2;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kubernetes probes on the real management server: readiness (socket bound, store readable and
 * writable, routes started) and liveness (context, socket), with their JSON details; the API's own
 * health answers 200 only while the socket is bound, and a deleted socket file is bound again.
 */
class HealthProbesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOCK_STATE = "/cluster/node/" + RunningProxy.NODE + "/sync/ptp-status/lock-state";
    private static final String SLAVE = "ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED";
    private static final String OFFSET = "ptp4l[1.0]: [ptp4l.0.config] master offset -3 s2 freq 0 path delay 1";

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
    void should_fail_both_probes_and_the_api_health_while_the_socket_is_gone() throws Exception {
        // no re-binding during the test: the socket stays gone
        try (RunningProxy proxy = RunningProxy.start(work, Map.of("socket.check-ms", "600000"))) {
            HttpResponse<String> before = proxy.send("GET", proxy.v2() + "/health", null);
            assertEquals(200, before.statusCode());
            assertEquals("OK", before.body());
            Files.delete(proxy.socketPath());
            for (String probe : List.of("/health/ready", "/health/live")) {
                HttpResponse<String> response = proxy.send("GET", proxy.management() + probe + "?exposureLevel=full&data=true", null);
                assertEquals(503, response.statusCode(), probe);
                JsonNode socket = check(JSON.readTree(response.body()), "socket");
                assertEquals("DOWN", socket.get("status").asText(), probe);
                assertEquals("not bound", socket.get("message").asText(), probe);
            }
            // the daemon starts ptp4l once health answers 200: not while its lines would be lost
            for (String api : List.of(proxy.v2(), proxy.v1())) {
                HttpResponse<String> health = proxy.send("GET", api + "/health", null);
                assertEquals(503, health.statusCode(), api);
                assertEquals("event socket not bound yet", health.body(), api);
            }
            assertEquals(NotificationApiV2.BASE_PATH, proxy.v2().substring(proxy.v2().indexOf("/api")));
        }
    }

    @Test
    void should_bind_a_deleted_socket_file_again_and_take_lines_on_it() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(work, Map.of("socket.check-ms", "200"));
             RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
            assertNotNull(subscriber.next(Duration.ofSeconds(10)), "initial notification");
            Files.delete(proxy.socketPath());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline
                    && proxy.send("GET", proxy.v2() + "/health", null).statusCode() != 200) {
                Thread.sleep(20);
            }
            assertEquals(200, proxy.send("GET", proxy.v2() + "/health", null).statusCode(), "bound again");
            assertEquals(0140000, (Integer) Files.getAttribute(proxy.socketPath(), "unix:mode") & 0170000,
                    "a socket again");
            assertEquals(200, proxy.send("GET", proxy.management() + "/health/live", null).statusCode());
            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writer.line(SLAVE).line(OFFSET);
                RecordingSubscriber.Received event = subscriber.next(Duration.ofSeconds(10));
                assertNotNull(event, "lines on the new socket become events");
                assertTrue(event.body().contains("\"value\":\"LOCKED\""), event.body());
            }
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
