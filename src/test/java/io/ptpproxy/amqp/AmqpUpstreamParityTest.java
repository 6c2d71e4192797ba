package io.ptpproxy.amqp;

import static io.ptpproxy.fixtures.OranEventAssert.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.ptpproxy.fixtures.EmbeddedBroker;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RecordingSubscriber.Received;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.V1Golden;
import io.ptpproxy.fixtures.SocketWriter;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: parity with the AMQP-era Go proxies on a real Artemis broker, in both roles. Clock class
 * goes out under its AMQP-era name and reaches a v1 application subscribed under it; CurrentState
 * travels through the broker with upstream's status request (return address, 5 s wait); a new
 * subscription's first event right after its 201 arrives. The far side is either this proxy or a
 * plain AMQP client behaving as a Go proxy does on the wire ({@link GoPeer}).
 */
class AmqpUpstreamParityTest {

    private static final String NODE = "/cluster/node/" + RunningProxy.NODE;
    private static final String LOCK_STATE = NODE + "/sync/ptp-status/lock-state";
    private static final String CLOCK_CLASS_AMQP = NODE + "/sync/ptp-status/ptp-clock-class-change";
    private static final String PORT_LINE =
            "ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED";
    /** The v1 data of golden files {@code v1-events/binary-*.json} (on ens5fx, node1) with these values. */
    private static final String LOCKED_7 = V1Golden.data("binary-lock-state", "LOCKED", "7");
    private static final String CLASS_6 = V1Golden.data("binary-clock-class", "6");
    private static final Set<String> CLOUD_EVENT_PROPERTIES = Set.of("cloudEvents:specversion", "cloudEvents:id",
            "cloudEvents:source", "cloudEvents:subject", "cloudEvents:type", "cloudEvents:time");

    @TempDir
    Path work;

    /**
     * The sidecar also has an HTTP publisher that accepts connections and never answers, so its
     * registration thread is busy for 2 s after each subscription: the broker receiver must not wait
     * for it (it did: issue 21's late receiver).
     */
    @Test
    void should_bring_events_at_once_and_clock_class_under_its_amqp_era_name_and_current_state_to_a_v1_sidecar()
            throws Exception {
        ServerSocket silentPublisher = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             RunningProxy publisher = RunningProxy.start(work.resolve("a"), Map.of("transport.host", broker.url()));
             RunningProxy sidecar = RunningProxy.start(work.resolve("b"), Map.of("transport.host", broker.url(),
                     "source.ptp.enabled", "false",
                     "http.event-publishers", "http://127.0.0.1:" + silentPublisher.getLocalPort()));
             RecordingSubscriber app = RecordingSubscriber.start();
             RecordingSubscriber currentNameApp = RecordingSubscriber.start();
             GoPeer collector = GoPeer.connect(broker.url());
             SocketWriter writer = SocketWriter.connect(publisher.socketPath())) {
            MessageConsumer clockClassStream = collector.receiver(CLOCK_CLASS_AMQP);
            awaitConnected(publisher);
            awaitConnected(sidecar);

            // the first event right after the 201 is delivered: the receiver attached before the answer
            String lockStateId = subscribe(sidecar, app, LOCK_STATE);
            writer.line(PORT_LINE).line("ptp4l[2.0]: [ptp4l.0.config] master offset 7 s2 freq 0 path delay 1");
            Received first = app.next(Duration.ofSeconds(10));
            assertNotNull(first, "the first event after the 201 reached the application");
            JsonNode locked = parse(first.body());
            assertEquals(lockStateId, locked.get("id").asText());
            assertEquals(LOCK_STATE, locked.get("source").asText());
            assertEquals(parse(LOCKED_7), locked.get("data"));

            // clock class under the AMQP-era name, from the publisher to an application subscribed under it
            String clockClassId = subscribe(sidecar, app, CLOCK_CLASS_AMQP);
            String currentNameId = subscribe(sidecar, currentNameApp, NODE + "/sync/ptp-status/clock-class");
            writer.line("ptp4l[3.0]: [ptp4l.0.config] CLOCK_CLASS_CHANGE 6");
            JsonNode clockClass = parse(app.next(Duration.ofSeconds(10)).body());
            assertEquals(clockClassId, clockClass.get("id").asText());
            assertEquals(CLOCK_CLASS_AMQP, clockClass.get("source").asText());
            assertEquals("event.sync.ptp-status.ptp-clock-class-change", clockClass.get("type").asText());
            assertEquals(parse(CLASS_6), clockClass.get("data"));
            Received underCurrentName = currentNameApp.next(Duration.ofSeconds(10));
            assertNotNull(underCurrentName, "a subscription under the current name gets it too");
            assertEquals(currentNameId, parse(underCurrentName.body()).get("id").asText());
            assertEquals(NODE + "/sync/ptp-status/clock-class", parse(underCurrentName.body()).get("source").asText());
            assertEquals(parse(CLASS_6), parse(underCurrentName.body()).get("data"));
            Message onTheWire = clockClassStream.receive(5000);
            assertNotNull(onTheWire, "a plain consumer of the AMQP-era address gets it too");
            assertUpstreamShape(onTheWire, CLOCK_CLASS_AMQP, "event.sync.ptp-status.ptp-clock-class-change", CLASS_6);
            assertEquals(OffsetDateTime.parse(clockClass.get("time").asText()).toInstant().truncatedTo(ChronoUnit.MILLIS),
                    ((Date) GoPeer.property(onTheWire, "cloudEvents:time")).toInstant(),
                    "the event's time, to the millisecond an AMQP timestamp holds");

            // CurrentState through the broker: the sidecar asks, the publisher answers (the HTTP one now refuses)
            silentPublisher.close();
            awaitAttached(publisher, "broker-receiver:" + LOCK_STATE + BrokerStatusResponder.STATUS);
            awaitAttached(publisher, "broker-receiver:" + CLOCK_CLASS_AMQP + BrokerStatusResponder.STATUS);
            HttpResponse<String> lockState = sidecar.send("GET", sidecar.v1() + LOCK_STATE + "/CurrentState", null);
            assertEquals(200, lockState.statusCode(), lockState.body());
            JsonNode state = parse(lockState.body());
            assertEquals("0.3", state.get("specversion").asText());
            assertEquals("event.sync.ptp-status.ptp-state-change", state.get("type").asText());
            assertEquals(LOCK_STATE, state.get("source").asText());
            assertEquals(LOCK_STATE, state.get("subject").asText());
            assertEquals("application/json", state.get("datacontenttype").asText());
            assertEquals(parse(LOCKED_7), state.get("data"));
            HttpResponse<String> clockClassState =
                    sidecar.send("GET", sidecar.v1() + CLOCK_CLASS_AMQP + "/CurrentState", null);
            assertEquals(200, clockClassState.statusCode(), clockClassState.body());
            assertEquals(CLOCK_CLASS_AMQP, parse(clockClassState.body()).get("source").asText());
            assertEquals(parse(CLASS_6), parse(clockClassState.body()).get("data"));
        } finally {
            silentPublisher.close();
        }
    }

    @Test
    void should_answer_a_go_sidecars_status_request_on_its_return_address_and_nowhere_else() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             RunningProxy publisher = RunningProxy.start(work, Map.of("transport.host", broker.url()));
             GoPeer go = GoPeer.connect(broker.url());
             SocketWriter writer = SocketWriter.connect(publisher.socketPath())) {
            MessageConsumer events = go.receiver(LOCK_STATE);
            awaitConnected(publisher);
            writer.line(PORT_LINE).line("ptp4l[2.0]: [ptp4l.0.config] master offset 7 s2 freq 0 path delay 1");
            assertUpstreamShape(events.receive(5000), LOCK_STATE, "event.sync.ptp-status.ptp-state-change", LOCKED_7);
            awaitAttached(publisher, "broker-receiver:" + LOCK_STATE + BrokerStatusResponder.STATUS);

            // return addresses that would reach the event stream or the status address itself are not answered
            go.send(LOCK_STATE + "/status", request(LOCK_STATE), null);
            go.send(LOCK_STATE + "/status", request(LOCK_STATE + "/status"), null);
            MessageConsumer answers = go.receiver(LOCK_STATE + "/aBcDe");
            go.send(LOCK_STATE + "/status", request(LOCK_STATE + "/aBcDe"), null);

            Message answer = answers.receive(5000);
            assertNotNull(answer, "answered on the return address");
            assertUpstreamShape(answer, LOCK_STATE, "event.sync.ptp-status.ptp-state-change", LOCKED_7);
            int producers = broker.producers();
            for (String id : List.of("fGhIj", "kLmNo", "pQrSt")) {
                MessageConsumer more = go.receiver(LOCK_STATE + "/" + id);
                go.send(LOCK_STATE + "/status", request(LOCK_STATE + "/" + id), null);
                assertNotNull(more.receive(5000), "answered on " + id);
                more.close();
            }
            assertEquals(producers, broker.producers(), "answering on new return addresses leaves no sender behind");
            // the refused requests came first on the same receiver, so anything sent for them was sent before this answer
            assertNull(events.receive(500), "nothing sent to the event stream");
        }
    }

    @Test
    void should_ask_a_go_publisher_for_current_state_through_the_broker_and_time_out_as_upstream() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             RunningProxy sidecar = RunningProxy.start(work, Map.of("transport.host", broker.url(),
                     "source.ptp.enabled", "false"));
             RecordingSubscriber app = RecordingSubscriber.start();
             GoPeer go = GoPeer.connect(broker.url())) {
            MessageConsumer requests = go.receiver(LOCK_STATE + "/status");
            awaitConnected(sidecar);
            subscribe(sidecar, app, LOCK_STATE);

            CompletableFuture<HttpResponse<String>> asked = CompletableFuture.supplyAsync(() -> currentState(sidecar));
            Message request = requests.receive(5000);
            assertNotNull(request, "the status request reached <resource>/status");
            String returnAddress = (String) GoPeer.property(request, "cloudEvents:source");
            assertTrue(returnAddress.matches(LOCK_STATE + "/[A-Za-z]{5}"), returnAddress);
            assertEquals("0.3", GoPeer.property(request, "cloudEvents:specversion"));
            assertEquals(LOCK_STATE, GoPeer.property(request, "cloudEvents:subject"));
            assertInstanceOf(Date.class, GoPeer.property(request, "cloudEvents:time"));
            String id = UUID.randomUUID().toString();
            go.send(returnAddress, Map.of("id", id, "source", LOCK_STATE, "subject", LOCK_STATE,
                    "type", "event.sync.ptp-status.ptp-state-change"), LOCKED_7);

            HttpResponse<String> answered = asked.get(10, TimeUnit.SECONDS);
            assertEquals(200, answered.statusCode(), answered.body());
            JsonNode state = parse(answered.body());
            assertEquals(id, state.get("id").asText());
            assertEquals("0.3", state.get("specversion").asText());
            assertEquals(LOCK_STATE, state.get("source").asText());
            assertEquals("event.sync.ptp-status.ptp-state-change", state.get("type").asText());
            assertEquals(parse(LOCKED_7), state.get("data"));

            long start = System.nanoTime();
            HttpResponse<String> unanswered = currentState(sidecar);
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertNotNull(requests.receive(1000), "asked again");
            assertEquals(400, unanswered.statusCode());
            assertEquals("{\"error\":\"timeout waiting for status\"}", unanswered.body());
            assertTrue(waitedMs >= 5000 && waitedMs < 9000, "waited upstream's 5 s: " + waitedMs + " ms");
        }
    }

    /** upstream's message shape: CloudEvents 0.3 binary mode, JSON content type, one data section, non-durable. */
    private static void assertUpstreamShape(Message message, String address, String type, String data) throws Exception {
        assertNotNull(message);
        assertEquals(CLOUD_EVENT_PROPERTIES, GoPeer.propertyNames(message));
        assertEquals("0.3", GoPeer.property(message, "cloudEvents:specversion"));
        assertEquals(address, GoPeer.property(message, "cloudEvents:source"));
        assertEquals(address, GoPeer.property(message, "cloudEvents:subject"));
        assertEquals(type, GoPeer.property(message, "cloudEvents:type"));
        assertInstanceOf(Date.class, GoPeer.property(message, "cloudEvents:time"), "an AMQP timestamp");
        UUID.fromString((String) GoPeer.property(message, "cloudEvents:id"));
        assertEquals("application/json", GoPeer.facade(message).getContentType().toString());
        assertEquals(data, GoPeer.body(message));
        assertEquals(DeliveryMode.NON_PERSISTENT, message.getJMSDeliveryMode(), "non-durable, as upstream's");
    }

    private static Map<String, Object> request(String returnAddress) {
        return Map.of("id", UUID.randomUUID().toString(), "source", returnAddress, "subject", LOCK_STATE,
                "type", "status");
    }

    /** Creates a v1 subscription on the sidecar, checks its 201 and the endpoint check, returns its id. */
    private static String subscribe(RunningProxy sidecar, RecordingSubscriber app, String resource) throws Exception {
        HttpResponse<String> created = sidecar.send("POST", sidecar.v1() + "/subscriptions",
                "{\"endpointUri\":\"" + app.uri() + "\",\"resource\":\"" + resource + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        Received check = app.next(Duration.ofSeconds(10));
        assertEquals("", check.body(), "the empty-body endpoint check");
        return parse(created.body()).get("id").asText();
    }

    private static HttpResponse<String> currentState(RunningProxy sidecar) {
        try {
            return sidecar.send("GET", sidecar.v1() + LOCK_STATE + "/CurrentState", null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitConnected(RunningProxy proxy) throws InterruptedException {
        BrokerLink link = proxy.bean("brokerLink", BrokerLink.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && link.status().state() != BrokerLink.State.CONNECTED) {
            Thread.sleep(20);
        }
        assertEquals(BrokerLink.State.CONNECTED, link.status().state());
    }

    private static void awaitAttached(RunningProxy proxy, String routeId) throws InterruptedException {
        assertTrue(new BrokerSubscriptions(proxy.context()).awaitAttached(Set.of(routeId), Duration.ofSeconds(10)),
                routeId + " attached");
    }
}
