package io.ptpproxy.amqp;

import static io.ptpproxy.fixtures.OranEventAssert.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ptpproxy.fixtures.EmbeddedBroker;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RecordingSubscriber.Received;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import io.ptpproxy.fixtures.V1Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A v1 consumer sidecar subscribing through the broker instead of HTTP, as upstream's AMQP-era pair:
 * proxy A publishes from its socket to a real Artemis broker, proxy B (AMQP transport, no PTP source)
 * is the application's sidecar, and a real HTTP application subscribed on B's v1 API gets A's events.
 */
class AmqpConsumerSidecarTest {

    private static final String NODE = "/cluster/node/" + RunningProxy.NODE;
    private static final String LOCK_STATE = NODE + "/sync/ptp-status/lock-state";
    private static final String PORT_LINE =
            "ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED";

    @TempDir
    Path work;

    @Test
    void should_bring_the_publishers_events_to_a_v1_application_through_the_broker() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             RunningProxy publisher = RunningProxy.start(work.resolve("a"), Map.of("transport.host", broker.url()));
             RunningProxy sidecar = RunningProxy.start(work.resolve("b"), Map.of("transport.host", broker.url(),
                     "source.ptp.enabled", "false", "sidecar.health-check-ms", "200"));
             RecordingSubscriber app = RecordingSubscriber.start()) {
            HttpResponse<String> created = sidecar.send("POST", sidecar.v1() + "/subscriptions",
                    "{\"endpointUri\":\"" + app.uri() + "\",\"resource\":\"" + LOCK_STATE + "\"}");
            assertEquals(201, created.statusCode(), created.body());
            String subscriptionId = parse(created.body()).get("id").asText();
            assertEquals("", app.next(Duration.ofSeconds(10)).body(), "the empty-body endpoint check");
            assertTrue(new BrokerSubscriptions(sidecar.context()).attached("broker-receiver:" + LOCK_STATE),
                    "the receiver attached before the 201");

            try (SocketWriter writer = SocketWriter.connect(publisher.socketPath())) {
                writer.line(PORT_LINE).line("ptp4l[2.0]: [ptp4l.0.config] master offset 7 s2 freq 0 path delay 1");
            }
            Received pushed = app.next(Duration.ofSeconds(10));
            assertNotNull(pushed, "the event reached the application through the broker");
            // v1 events carry the subscription id
            V1Golden.assertApplicationEvent("lock-state", pushed.body(), subscriptionId, LOCK_STATE, "LOCKED", "7");
            JsonNode event = parse(pushed.body());

            HttpResponse<String> state = sidecar.send("GET", sidecar.v1() + LOCK_STATE + "/CurrentState", null);
            assertEquals(200, state.statusCode(), state.body());
            assertEquals(event.get("data"), parse(state.body()).get("data"), "CurrentState through the broker");

            assertEquals(200, sidecar.send("DELETE", sidecar.v1() + "/subscriptions", null).statusCode());
            awaitNoRoute(sidecar, "broker-receiver:" + LOCK_STATE);
            assertNull(app.next(Duration.ofMillis(300)), "nothing else");
        }
    }

    @Test
    void should_attach_its_receivers_again_when_the_broker_comes_back() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             RunningProxy publisher = RunningProxy.start(work.resolve("a"), Map.of("transport.host", broker.url(),
                     "amqp.reconnect-max-ms", "300"));
             RunningProxy sidecar = RunningProxy.start(work.resolve("b"), Map.of("transport.host", broker.url(),
                     "source.ptp.enabled", "false", "amqp.reconnect-max-ms", "300"));
             RecordingSubscriber app = RecordingSubscriber.start();
             SocketWriter writer = SocketWriter.connect(publisher.socketPath())) {
            awaitState(publisher, BrokerLink.State.CONNECTED);
            awaitState(sidecar, BrokerLink.State.CONNECTED);
            HttpResponse<String> created = sidecar.send("POST", sidecar.v1() + "/subscriptions",
                    "{\"endpointUri\":\"" + app.uri() + "\",\"resource\":\"" + LOCK_STATE + "\"}");
            assertEquals(201, created.statusCode(), created.body());
            assertEquals("", app.next(Duration.ofSeconds(10)).body(), "the empty-body endpoint check");
            writer.line(PORT_LINE).line("ptp4l[2.0]: [ptp4l.0.config] master offset 7 s2 freq 0 path delay 1");
            assertEquals("LOCKED", value(app.next(Duration.ofSeconds(10))), "flowing before the outage");

            broker.stop();
            awaitState(publisher, BrokerLink.State.INTERRUPTED);
            awaitState(sidecar, BrokerLink.State.INTERRUPTED);
            broker.startAgain();
            // qpid-jms reports the connection restored once its sessions and consumers are
            awaitState(publisher, BrokerLink.State.CONNECTED);
            awaitState(sidecar, BrokerLink.State.CONNECTED);

            writer.line("ptp4l[3.0]: [ptp4l.0.config] master offset 900 s2 freq 0 path delay 1");
            Received after = app.next(Duration.ofSeconds(10));
            assertNotNull(after, "the receiver is back on the restarted broker");
            assertEquals("FREERUN", value(after));
        }
    }

    private static String value(Received received) {
        assertNotNull(received);
        return parse(received.body()).get("data").get("values").get(0).get("value").asText();
    }

    private static void awaitState(RunningProxy proxy, BrokerLink.State state) throws InterruptedException {
        BrokerLink link = proxy.bean("brokerLink", BrokerLink.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline && link.status().state() != state) {
            Thread.sleep(20);
        }
        assertEquals(state, link.status().state());
    }

    private static void awaitNoRoute(RunningProxy proxy, String routeId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && proxy.context().getRoute(routeId) != null) {
            Thread.sleep(20);
        }
        assertNull(proxy.context().getRoute(routeId), "receiver " + routeId + " closed with the subscriptions");
    }
}
