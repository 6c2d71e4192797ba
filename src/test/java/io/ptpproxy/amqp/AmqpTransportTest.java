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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.ptpproxy.fixtures.EmbeddedBroker;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RecordingSubscriber.Received;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.V1Golden;
import io.ptpproxy.fixtures.SocketWriter;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
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
    private static final String SYNC_STATE = NODE + "/sync/sync-status/sync-state";
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
            subscriber.next(Duration.ofSeconds(10));
            awaitHealth(proxy, "UP");
            BrokerSubscriptions receivers = new BrokerSubscriptions(proxy.context());
            String receiver = receivers.open(List.of(LOCK_STATE), "seda:received").get(LOCK_STATE);
            awaitReceiverAttached(proxy, receiver);

            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writer.line(PORT_LINE).line("ptp4l[2.0]: [ptp4l.0.config] master offset 7 s2 freq 0 path delay 1");
            }
            JsonNode pushed = assertEvent(lockState("ens5fx", "LOCKED", 7), subscriber.next(Duration.ofSeconds(10)).body());
            Message message = consumer.next(Duration.ofSeconds(10));
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
            assertEquals(OffsetDateTime.parse(pushed.get("time").asText()).toInstant().truncatedTo(ChronoUnit.MILLIS),
                    ((Date) amqp.getApplicationProperty("cloudEvents:time")).toInstant(),
                    "the same time, as an AMQP timestamp (milliseconds)");
            assertEquals(V1Golden.data("binary-lock-state", "LOCKED", "7"), body(message));

            CloudEvent received = proxy.context().createConsumerTemplate().receiveBody("seda:received", 5000, CloudEvent.class);
            assertNotNull(received, "a receiver opened through BrokerSubscriptions hands the event over, decoded");
            assertEquals("0.3", received.getSpecVersion().toString());
            assertEquals(pushed.get("id").asText(), received.getId());
            assertEquals(LOCK_STATE, received.getSource().toString());
            assertEquals(LOCK_STATE, received.getSubject());
            assertEquals("event.sync.ptp-status.ptp-state-change", received.getType());
            assertEquals(OffsetDateTime.parse(pushed.get("time").asText()).toInstant().truncatedTo(ChronoUnit.MILLIS),
                    received.getTime().toInstant());
            assertEquals("application/json", received.getDataContentType());
            assertEquals(body(message), new String(received.getData().toBytes(), StandardCharsets.UTF_8));
            receivers.close(receiver);
            assertNull(proxy.context().getRoute(receiver));
        }
    }

    /**
     * The broker is stopped mid-stream and started again. The consumers read queues the broker
     * configuration puts on the lock-state and sync-state addresses at every start, so they collect
     * what the proxy sends after the restart whether or not they are back yet: exactly the event the
     * send route held when the broker went away and the newest {@code amqp.buffer-size} events, then
     * new ones. Each offset line that flips the lock state publishes a lock-state event then a
     * sync-state event.
     */
    @Test
    void should_keep_http_subscribers_served_through_a_broker_outage_and_send_what_it_buffered_after_it() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(Map.of(LOCK_STATE, "lock-state-collector", SYNC_STATE, "sync-state-collector"));
             RunningProxy proxy = RunningProxy.start(work, Map.of("transport.host", broker.url(),
                     "amqp.buffer-size", "3", "amqp.reconnect-max-ms", "300"));
             BrokerConsumer consumer = BrokerConsumer.openQueue(broker.url(), LOCK_STATE + "::lock-state-collector");
             BrokerConsumer syncState = BrokerConsumer.openQueue(broker.url(), SYNC_STATE + "::sync-state-collector");
             RecordingSubscriber subscriber = RecordingSubscriber.start();
             SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
            subscriber.next(Duration.ofSeconds(10));
            awaitHealth(proxy, "UP");
            writer.line(PORT_LINE).line("ptp4l[2.0]: [ptp4l.0.config] master offset 1 s2 freq 0 path delay 1");
            subscriber.next(Duration.ofSeconds(10));
            assertEquals(List.of("LOCKED/1"), values(consumer.next(1, Duration.ofSeconds(10))), "flowing before the outage");
            assertEquals(List.of("LOCKED"), values(syncState.next(1, Duration.ofSeconds(10))));

            broker.stop();
            awaitHealth(proxy, "DOWN");
            assertTrue(consumer.await(BrokerLink.State.INTERRUPTED, Duration.ofSeconds(10)), "the test consumer sees it");
            List<Long> offsets = new ArrayList<>();
            long taken = proxy.linesTaken();
            for (int i = 0; i < 12; i++) {
                long offset = i % 2 == 0 ? 500 + i : 5 + i;
                offsets.add(offset);
                writer.line("ptp4l[3.0]: [ptp4l.0.config] master offset " + offset + " s2 freq 0 path delay 1");
                if (i == 0) {
                    // the send route takes the first one and waits with it for the broker
                    assertEvent(lockState("ens5fx", "FREERUN", offset), subscriber.next(Duration.ofSeconds(10)).body());
                    awaitInFlight(proxy, "broker-send", 1);
                }
            }
            assertEquals("{\"status\":\"UP\"}", proxy.send("GET", proxy.management() + "/health/ready", null).body(),
                    "the proxy stays ready for its HTTP subscribers");
            List<Received> during = subscriber.next(11, Duration.ofSeconds(10));
            for (int i = 1; i < 12; i++) {
                assertEvent(lockState("ens5fx", i % 2 == 0 ? "FREERUN" : "LOCKED", offsets.get(i)), during.get(i - 1).body());
            }
            // the deliver route hands an event to the broker buffer after its outboxes, and a line's
            // sync-state event (no HTTP subscriber) after its lock-state event: the last events reach
            // the buffer after the HTTP subscriber has them, so wait until every line is through
            proxy.awaitLinesProcessed(taken + 12, Duration.ofSeconds(10));
            String metrics = proxy.send("GET", proxy.management() + "/metrics", null).body();
            assertEquals(3.0, metric(metrics, "ptp_proxy_amqp_buffered_events"), "the buffer holds its size");
            assertEquals(20.0, metric(metrics, "ptp_proxy_amqp_dropped_events_total"),
                    "of 24 events (12 lock-state, 12 sync-state), 1 in flight, the newest 3 buffered, 20 dropped and counted");

            broker.startAgain();
            awaitHealth(proxy, "UP");
            assertEquals(List.of("FREERUN/500", "LOCKED/16"), values(consumer.next(2, Duration.ofSeconds(10))),
                    "after the outage: the lock-state event in flight, then the buffered one of the last line");
            assertEquals(List.of("FREERUN", "LOCKED"), values(syncState.next(2, Duration.ofSeconds(10))),
                    "the sync-state events of the last two lines, buffered");
            writer.line("ptp4l[4.0]: [ptp4l.0.config] master offset 900 s2 freq 0 path delay 1");
            assertEvent(lockState("ens5fx", "FREERUN", 900), subscriber.next(Duration.ofSeconds(10)).body());
            assertEquals(List.of("FREERUN/900"), values(consumer.next(1, Duration.ofSeconds(10))),
                    "then new events, and nothing in between");
            assertEquals(List.of("FREERUN"), values(syncState.next(1, Duration.ofSeconds(10))));
        }
    }

    /** Waits until the route holds this many exchanges in flight. */
    private static void awaitInFlight(RunningProxy proxy, String routeId, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && proxy.context().getInflightRepository().size(routeId) != count) {
            Thread.sleep(10);
        }
        assertEquals(count, proxy.context().getInflightRepository().size(routeId), "in flight on " + routeId);
    }

    /** The values of each message, joined by {@code /}: {@code FREERUN/500} for lock state, {@code LOCKED} for sync state. */
    private static List<String> values(List<Message> messages) throws Exception {
        List<String> described = new ArrayList<>();
        for (Message message : messages) {
            List<String> values = new ArrayList<>();
            parse(body(message)).get("values").forEach(value -> values.add(value.get("value").asText()));
            described.add(String.join("/", values));
        }
        return described;
    }

    /** The receiver's link is attached once its route's listener container holds its consumer. */
    private static void awaitReceiverAttached(RunningProxy proxy, String routeId) throws InterruptedException {
        assertTrue(new BrokerSubscriptions(proxy.context()).awaitAttached(List.of(routeId), Duration.ofSeconds(10)),
                routeId + " attached");
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
            return open(url, session -> session.createTopic(address));
        }

        /** A consumer of a queue, e.g. {@code <address>::<queue>} (Artemis's fully qualified queue name). */
        static BrokerConsumer openQueue(String url, String queue) throws Exception {
            return open(url, session -> session.createQueue(queue));
        }

        private static BrokerConsumer open(String url, DestinationFactory destination) throws Exception {
            Connection connection = new JmsConnectionFactory("failover:(" + url + ")?failover.maxReconnectDelay=300")
                    .createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            BrokerConsumer consumer = new BrokerConsumer(connection, session.createConsumer(destination.create(session)));
            ((JmsConnection) connection).addConnectionListener(consumer.link);
            connection.start();
            return consumer;
        }

        /** Names the destination on a session. */
        @FunctionalInterface
        private interface DestinationFactory {
            Destination create(Session session) throws JMSException;
        }

        Message next(Duration timeout) throws Exception {
            return consumer.receive(timeout.toMillis());
        }

        /** @return the next {@code count} messages; fails when they do not all come in time */
        List<Message> next(int count, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<Message> messages = new ArrayList<>();
            while (messages.size() < count) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                Message message = left > 0 ? consumer.receive(left) : null;
                if (message == null) {
                    throw new AssertionError("received " + messages.size() + " of " + count + " messages: "
                            + values(messages));
                }
                messages.add(message);
            }
            return messages;
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
