package io.ptpproxy.amqp;

import static io.ptpproxy.fixtures.OranEventAssert.assertEvent;
import static io.ptpproxy.fixtures.OranEventAssert.lockState;
import static io.ptpproxy.fixtures.OranEventAssert.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.ptpproxy.fixtures.EmbeddedBroker;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RecordingSubscriber.Received;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.apache.qpid.jms.JmsConnection;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.apache.qpid.jms.message.JmsMessage;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsMessageFacade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AMQP 1.0 transport against a real Artemis broker embedded in the test: socket lines in, the
 * exact v1 CloudEvent out of a real AMQP consumer on the resource address, HTTP subscribers
 * unaffected by a broker outage, drops counted, health DOWN then UP, and receivers opened through
 * {@link BrokerSubscriptions}.
 */
class AmqpTransportTest {

    private static final String NODE = "/cluster/node/" + RunningProxy.NODE;
    private static final String LOCK_STATE = NODE + "/sync/ptp-status/lock-state";
    private static final String MASTER = NODE + "/ens5fx/master";
    private static final String PORT_LINE =
            "ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED";

    @TempDir
    Path work;

    @Test
    void should_publish_every_event_to_its_resource_address_as_the_v1_cloudevent_beside_http() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             RunningProxy proxy = RunningProxy.start(work, Map.of("transport.host", broker.url()));
             BrokerConsumer consumer = BrokerConsumer.open(broker.url(), LOCK_STATE);
             RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
            subscriber.next(Duration.ofSeconds(2));
            awaitHealth(proxy, "UP");
            BrokerSubscriptions receivers = new BrokerSubscriptions(proxy.context());
            String receiver = receivers.open(List.of(LOCK_STATE), "seda:received").get(LOCK_STATE);
            awaitReceiverAttached(proxy, receiver);

            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writer.line(PORT_LINE).line("ptp4l[2.0]: [ptp4l.0.config] master offset 7 s2 freq 0 path delay 1");
            }
            JsonNode pushed = assertEvent(lockState("ens5fx", "LOCKED", 7), subscriber.next(Duration.ofSeconds(3)).body());
            Message message = consumer.next(Duration.ofSeconds(5));
            assertNotNull(message, "the broker consumer gets the event");

            AmqpJmsMessageFacade amqp = (AmqpJmsMessageFacade) ((JmsMessage) message).getFacade();
            assertEquals("application/json", amqp.getContentType().toString());
            assertEquals(Set.of("cloudEvents:specversion", "cloudEvents:id", "cloudEvents:source", "cloudEvents:subject",
                    "cloudEvents:type", "cloudEvents:time"), amqp.getApplicationPropertyNames(new TreeSet<>()));
            assertEquals("0.3", amqp.getApplicationProperty("cloudEvents:specversion"));
            assertEquals(pushed.get("id").asText(), amqp.getApplicationProperty("cloudEvents:id"),
                    "the same event id on both transports");
            assertEquals(LOCK_STATE, amqp.getApplicationProperty("cloudEvents:source"));
            assertEquals(LOCK_STATE, amqp.getApplicationProperty("cloudEvents:subject"));
            assertEquals("event.sync.ptp-status.ptp-state-change", amqp.getApplicationProperty("cloudEvents:type"));
            assertEquals(OffsetDateTime.parse(pushed.get("time").asText()),
                    OffsetDateTime.parse((String) amqp.getApplicationProperty("cloudEvents:time")));
            assertEquals("{\"version\":\"v1\",\"values\":["
                    + "{\"resource\":\"" + MASTER + "\",\"dataType\":\"notification\",\"valueType\":\"enumeration\",\"value\":\"LOCKED\"},"
                    + "{\"resource\":\"" + MASTER + "\",\"dataType\":\"metric\",\"valueType\":\"decimal64.3\",\"value\":\"7\"}]}",
                    body(message));

            CloudEvent received = proxy.context().createConsumerTemplate().receiveBody("seda:received", 5000, CloudEvent.class);
            assertNotNull(received, "a receiver opened through BrokerSubscriptions hands the event over, decoded");
            assertEquals("0.3", received.getSpecVersion().toString());
            assertEquals(pushed.get("id").asText(), received.getId());
            assertEquals(LOCK_STATE, received.getSource().toString());
            assertEquals(LOCK_STATE, received.getSubject());
            assertEquals("event.sync.ptp-status.ptp-state-change", received.getType());
            assertEquals(OffsetDateTime.parse(pushed.get("time").asText()), received.getTime());
            assertEquals("application/json", received.getDataContentType());
            assertEquals(body(message), new String(received.getData().toBytes(), StandardCharsets.UTF_8));
            receivers.close(receiver);
            assertNull(proxy.context().getRoute(receiver));
        }
    }

    @Test
    void should_keep_http_subscribers_served_through_a_broker_outage_and_resume_after_it() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             RunningProxy proxy = RunningProxy.start(work, Map.of("transport.host", broker.url(),
                     "amqp.buffer-size", "3", "amqp.reconnect-max-ms", "300"));
             BrokerConsumer consumer = BrokerConsumer.open(broker.url(), LOCK_STATE);
             RecordingSubscriber subscriber = RecordingSubscriber.start();
             SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
            subscriber.next(Duration.ofSeconds(2));
            awaitHealth(proxy, "UP");
            writer.line(PORT_LINE).line("ptp4l[2.0]: [ptp4l.0.config] master offset 1 s2 freq 0 path delay 1");
            subscriber.next(Duration.ofSeconds(3));
            assertNotNull(consumer.next(Duration.ofSeconds(5)), "flowing before the outage");

            broker.stop();
            awaitHealth(proxy, "DOWN");
            assertTrue(consumer.await(BrokerLink.State.INTERRUPTED, Duration.ofSeconds(10)), "the test consumer sees it");
            List<Long> offsets = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                long offset = i % 2 == 0 ? 500 + i : 5 + i;
                offsets.add(offset);
                writer.line("ptp4l[3.0]: [ptp4l.0.config] master offset " + offset + " s2 freq 0 path delay 1");
            }
            assertEquals("{\"status\":\"UP\"}", proxy.send("GET", proxy.management() + "/health/ready", null).body(),
                    "the proxy stays ready for its HTTP subscribers");
            List<Received> during = subscriber.next(12, Duration.ofSeconds(5));
            for (int i = 0; i < 12; i++) {
                assertEvent(lockState("ens5fx", i % 2 == 0 ? "FREERUN" : "LOCKED", offsets.get(i)), during.get(i).body());
            }
            String metrics = proxy.send("GET", proxy.management() + "/metrics", null).body();
            assertEquals(3.0, metric(metrics, "ptp_proxy_amqp_buffered_events"), "the buffer holds its size");
            assertTrue(metric(metrics, "ptp_proxy_amqp_dropped_events_total") >= 8,
                    "at most 3 buffered and 1 in flight, the rest dropped and counted: " + metrics);

            broker.startAgain();
            awaitHealth(proxy, "UP");
            assertTrue(consumer.await(BrokerLink.State.CONNECTED, Duration.ofSeconds(10)), "the test consumer reconnects");
            consumer.drain(Duration.ofMillis(500));
            writer.line("ptp4l[4.0]: [ptp4l.0.config] master offset 900 s2 freq 0 path delay 1");
            assertEvent(lockState("ens5fx", "FREERUN", 900), subscriber.next(Duration.ofSeconds(3)).body());
            Message after = consumer.next(Duration.ofSeconds(10));
            assertNotNull(after, "events flow to the broker again");
            assertTrue(body(after).contains("\"value\":\"900\""), body(after));
        }
    }

    /** The receiver's link is attached once its route's listener container runs; give it a moment. */
    private static void awaitReceiverAttached(RunningProxy proxy, String routeId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && !proxy.context().getRouteController().getRouteStatus(routeId).isStarted()) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
    }

    private static void awaitHealth(RunningProxy proxy, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = proxy.send("GET", proxy.management() + "/health", null).body();
            if (brokerState(last).equals(state)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("broker health never " + state + ": " + last);
    }

    /** The health endpoint lists the checks that are DOWN (default exposure level); UP means all are up. */
    private static String brokerState(String health) {
        JsonNode node = parse(health);
        for (JsonNode check : node.path("checks")) {
            if (check.path("name").asText().equals("amqp-broker")) {
                return check.path("status").asText();
            }
        }
        return node.path("status").asText();
    }

    private static double metric(String scrape, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$").matcher(scrape);
        if (!matcher.find()) {
            throw new AssertionError(name + " not exported");
        }
        return Double.parseDouble(matcher.group(2));
    }

    private static String body(Message message) throws Exception {
        BytesMessage bytes = (BytesMessage) message;
        bytes.reset();
        byte[] data = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(data);
        return new String(data, StandardCharsets.UTF_8);
    }

    /** A real AMQP consumer (qpid-jms, reconnecting) on one address, as a fleet collector would run it. */
    private static final class BrokerConsumer implements AutoCloseable {

        private final Connection connection;
        private final MessageConsumer consumer;
        private final BrokerLink link = new BrokerLink("test consumer");

        private BrokerConsumer(Connection connection, MessageConsumer consumer) {
            this.connection = connection;
            this.consumer = consumer;
        }

        static BrokerConsumer open(String url, String address) throws Exception {
            Connection connection = new JmsConnectionFactory("failover:(" + url + ")?failover.maxReconnectDelay=300")
                    .createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            BrokerConsumer consumer = new BrokerConsumer(connection, session.createConsumer(session.createTopic(address)));
            ((JmsConnection) connection).addConnectionListener(consumer.link);
            connection.start();
            return consumer;
        }

        Message next(Duration timeout) throws Exception {
            return consumer.receive(timeout.toMillis());
        }

        void drain(Duration quiet) throws Exception {
            while (consumer.receive(quiet.toMillis()) != null) {
                // events buffered during the outage: delivered if this consumer was back in time
            }
        }

        /** Waits until this consumer's connection (and so its link) is in the state. */
        boolean await(BrokerLink.State state, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (link.status().state() == state) {
                    return true;
                }
                Thread.sleep(20);
            }
            return false;
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }
}
