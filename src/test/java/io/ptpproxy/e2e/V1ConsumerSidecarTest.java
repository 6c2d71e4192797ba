package io.ptpproxy.e2e;

import static io.ptpproxy.e2e.ApiV1ConformanceTest.PORT_LINE;
import static io.ptpproxy.e2e.ApiV1ConformanceTest.R;
import static io.ptpproxy.e2e.ApiV1ConformanceTest.assertV1CurrentState;
import static io.ptpproxy.e2e.ApiV1ConformanceTest.assertV1Event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RecordingSubscriber.Received;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import io.ptpproxy.subscription.ClientId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The v1 two-sidecar model over loopback: proxy A publishes (real socket ingest, v1 transport on
 * its own port), proxy B runs in consumer-sidecar mode with {@code --http-event-publishers} = A's
 * transport, and a real HTTP application subscribes on B's v1 API, exactly as a v1 vDU does.
 */
class V1ConsumerSidecarTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path work;

    @Test
    void should_bring_publisher_events_and_current_state_to_a_v1_application_through_the_sidecar() throws Exception {
        int transportA = RunningProxy.freePort();
        try (RunningProxy a = publisher(work.resolve("a"), transportA);
             RunningProxy b = sidecar(work.resolve("b"), transportA);
             RecordingSubscriber app = RecordingSubscriber.start()) {
            String id = subscribe(b, app);
            awaitRegistered(a, b);

            lock(a, 7);
            assertV1Event(event(app), id, R, "LOCKED", "7");

            HttpResponse<String> state = b.send("GET", b.v1() + R + "/CurrentState", null);
            assertEquals(200, state.statusCode(), state.body());
            assertV1CurrentState(state.body(), "LOCKED", "7");

            HttpResponse<String> notSubscribed = b.send("GET",
                    b.v1() + "/cluster/node/node1/sync/sync-status/os-clock-sync-state/CurrentState", null);
            assertEquals(400, notSubscribed.statusCode());
            assertEquals("{\"error\":\"subscription not found\"}", notSubscribed.body());
            // nothing else: a marker, not a silence; one more change, through the same publisher and
            // sidecar, must be the next request the application gets
            try (SocketWriter writer = SocketWriter.connect(a.socketPath())) {
                writer.line("ptp4l[2.0]: [ptp4l.0.config] master offset 900 s2 freq 0 path delay 1");
            }
            assertV1Event(event(app), id, R, "FREERUN", "900");
        }
    }

    @Test
    void should_keep_sending_to_the_sidecar_after_a_publisher_restart_from_its_store() throws Exception {
        int transportA = RunningProxy.freePort();
        Path storeA = work.resolve("a");
        RunningProxy a = publisher(storeA, transportA);
        // the sidecar checks health too rarely to notice the restart: only the publisher's store can help
        try (RunningProxy b = rarelyCheckingSidecar(work.resolve("b"), transportA);
             RecordingSubscriber app = RecordingSubscriber.start()) {
            String id = subscribe(b, app);
            awaitRegistered(a, b);
            lock(a, 7);
            assertV1Event(event(app), id, R, "LOCKED", "7");

            a.close();
            a = publisher(storeA, transportA);
            lock(a, 8);
            assertV1Event(event(app), id, R, "LOCKED", "8");
        } finally {
            a.close();
        }
    }

    @Test
    void should_register_again_with_a_publisher_restarted_without_its_store() throws Exception {
        int transportA = RunningProxy.freePort();
        RunningProxy a = publisher(work.resolve("a"), transportA);
        try (RunningProxy b = sidecar(work.resolve("b"), transportA); RecordingSubscriber app = RecordingSubscriber.start()) {
            String id = subscribe(b, app);
            awaitRegistered(a, b);
            lock(a, 7);
            assertV1Event(event(app), id, R, "LOCKED", "7");

            a.close();
            a = publisher(work.resolve("a-empty"), transportA);
            awaitRegistered(a, b);
            lock(a, 9);
            assertV1Event(event(app), id, R, "LOCKED", "9");
        } finally {
            a.close();
        }
    }

    @Test
    void should_register_its_stored_subscriptions_again_when_the_sidecar_restarts() throws Exception {
        int transportA = RunningProxy.freePort();
        int transportB = RunningProxy.freePort();
        Path storeB = work.resolve("b");
        try (RecordingSubscriber app = RecordingSubscriber.start()) {
            String id;
            try (RunningProxy b = sidecarAt(storeB, transportA, transportB)) {
                id = subscribe(b, app);
            }
            try (RunningProxy a = publisher(work.resolve("a"), transportA);
                 RunningProxy b = sidecarAt(storeB, transportA, transportB)) {
                awaitRegistered(a, b);
                lock(a, 6);
                assertV1Event(event(app), id, R, "LOCKED", "6");
            }
        }
    }

    @Test
    void should_register_with_a_publisher_that_starts_after_the_sidecar() throws Exception {
        int transportA = RunningProxy.freePort();
        try (RunningProxy b = sidecar(work.resolve("b"), transportA); RecordingSubscriber app = RecordingSubscriber.start()) {
            String id = subscribe(b, app);
            try (RunningProxy a = publisher(work.resolve("a"), transportA)) {
                awaitRegistered(a, b);
                lock(a, 5);
                assertV1Event(event(app), id, R, "LOCKED", "5");
            }
        }
    }

    private static RunningProxy publisher(Path dir, int transportPort) throws Exception {
        return RunningProxy.start(dir, Map.of("transport.host", "127.0.0.1:" + transportPort));
    }

    private static RunningProxy sidecar(Path dir, int publisherTransportPort) throws Exception {
        return sidecar(dir, publisherTransportPort, RunningProxy.freePort(), 200);
    }

    private static RunningProxy rarelyCheckingSidecar(Path dir, int publisherTransportPort) throws Exception {
        return sidecar(dir, publisherTransportPort, RunningProxy.freePort(), 600_000);
    }

    /** A sidecar whose own transport stays on one port across restarts, as a Service name would. */
    private static RunningProxy sidecarAt(Path dir, int publisherTransportPort, int ownTransportPort) throws Exception {
        return sidecar(dir, publisherTransportPort, ownTransportPort, 200);
    }

    private static RunningProxy sidecar(Path dir, int publisherTransportPort, int ownTransportPort,
                                        int healthCheckMillis) throws Exception {
        return RunningProxy.start(dir, Map.of(
                "transport.host", "127.0.0.1:" + ownTransportPort,
                "http.event-publishers", "127.0.0.1:" + publisherTransportPort,
                "api.version", "1.0",
                "sidecar.health-check-ms", Integer.toString(healthCheckMillis)));
    }

    /** Subscribes the application on the sidecar and takes the empty-body endpoint check. */
    private static String subscribe(RunningProxy sidecar, RecordingSubscriber app) throws Exception {
        HttpResponse<String> created = sidecar.send("POST", sidecar.v1() + "/subscriptions",
                "{\"endpointUri\":\"" + app.uri() + "\",\"resource\":\"" + R + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("", app.next(WAIT).body());
        return MAPPER.readTree(created.body()).get("id").asText();
    }

    /** Waits until the publisher has stored the sidecar's registration. */
    private static void awaitRegistered(RunningProxy publisher, RunningProxy sidecar) throws Exception {
        String transportUrl = sidecar.context().resolvePropertyPlaceholders("http://{{transport.host}}");
        Path file = publisher.storePath().resolve("transport").resolve(ClientId.of(transportUrl) + ".json");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(file), "registration stored at " + file);
    }

    private static void lock(RunningProxy publisher, int offset) throws Exception {
        try (SocketWriter writer = SocketWriter.connect(publisher.socketPath())) {
            writer.line(PORT_LINE);
            writer.line("ptp4l[2.0]: [ptp4l.0.config] master offset " + offset + " s2 freq 0 path delay 1");
        }
    }

    private static String event(RecordingSubscriber app) throws Exception {
        Received received = app.next(WAIT);
        assertNotNull(received, "an event at the application");
        assertEquals("application/json", received.header("Content-Type"));
        return received.body();
    }
}
