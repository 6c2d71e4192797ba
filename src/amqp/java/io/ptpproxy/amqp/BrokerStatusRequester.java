package io.ptpproxy.amqp;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.ptpproxy.legacy.CurrentStateReply;
import io.ptpproxy.legacy.V1EventFormat;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

/**
 * The consumer sidecar's side of upstream's CurrentState over the broker (api-contract.md §8): a
 * receiver on a fresh return address {@code <resource>/<5 random letters>} is attached first, then
 * a status request whose {@code source} is that return address goes to {@code <resource>/status},
 * and the publisher's answer is awaited there for up to 5 s. The answer, a CloudEvent in binary
 * mode, becomes the structured CloudEvent 0.3 the v1 API answers with. The exchange runs on a
 * thread of its own, so a connection lost meanwhile (the failover connection then waits for the
 * broker) never holds the API's thread beyond the wait.
 */
public final class BrokerStatusRequester {

    /** upstream's answer when the publisher does not answer in time */
    static final String TIMEOUT = "timeout waiting for status";
    /** The CloudEvent type of a status request (the publisher reads only its source). */
    static final String REQUEST_TYPE = "status";
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final int RETURN_ID_LENGTH = 5;
    /** Beyond the wait, for attaching the receiver and sending the request. */
    private static final long CONNECTION_GRACE_MS = 2000;

    private final ConnectionFactory connections;
    private final BrokerLink broker;
    private final CloudEventAmqpBinding binding;
    private final V1EventFormat format;
    private final Duration wait;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService requests = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "amqp-status-request");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param connections the proxy's shared broker connection
     * @param broker its state: no request is made while it is not connected
     * @param binding writes the request and reads the answer
     * @param format renders the answer as the v1 API answers CurrentState
     * @param wait how long to wait for the answer (upstream: 5 s)
     */
    public BrokerStatusRequester(ConnectionFactory connections, BrokerLink broker, CloudEventAmqpBinding binding,
                                 V1EventFormat format, Duration wait) {
        this.connections = connections;
        this.broker = broker;
        this.binding = binding;
        this.format = format;
        this.wait = wait;
    }

    /**
     * @param resource the subscribed resource, e.g. {@code /cluster/node/node1/sync/ptp-status/lock-state}
     * @return the publisher's current state of it, with {@code source} and {@code subject} the
     *     resource as asked; or why there is none
     */
    public CurrentStateReply currentState(String resource) {
        BrokerLink.Status status = broker.status();
        if (status.state() != BrokerLink.State.CONNECTED) {
            return CurrentStateReply.missing("AMQP broker " + status.state().name().toLowerCase() + ": "
                    + status.broker());
        }
        String address = BrokerEventFormat.brokerAddress(resource);
        String returnAddress = address + "/" + returnId();
        Future<Message> asked = requests.submit(() -> ask(address + BrokerStatusResponder.STATUS, returnAddress));
        try {
            // the failover connection makes every call wait while it reconnects: bound the whole exchange
            Message answer = asked.get(wait.toMillis() + CONNECTION_GRACE_MS, TimeUnit.MILLISECONDS);
            if (answer == null) {
                return CurrentStateReply.missing(TIMEOUT);
            }
            CloudEvent state = binding.decode(answer);
            if (!resource.equals(state.getSubject())) {
                state = CloudEventBuilder.v03(state).withSource(URI.create(resource)).withSubject(resource).build();
            }
            return CurrentStateReply.found(format.structured(state));
        } catch (TimeoutException e) {
            asked.cancel(true);
            return CurrentStateReply.missing(TIMEOUT);
        } catch (ExecutionException e) {
            return CurrentStateReply.missing("AMQP broker: " + e.getCause());
        } catch (InterruptedException e) {
            asked.cancel(true);
            Thread.currentThread().interrupt();
            return CurrentStateReply.missing(TIMEOUT);
        } catch (IllegalArgumentException e) {
            return CurrentStateReply.missing("status answer is not a CloudEvent: " + e.getMessage());
        }
    }

    /** Attaches the receiver before sending, so the answer cannot pass before anyone listens. */
    private Message ask(String statusAddress, String returnAddress) throws JMSException {
        Connection connection = connections.createConnection();
        connection.start();
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer answers = session.createConsumer(session.createTopic(returnAddress))) {
            try (MessageProducer requests = session.createProducer(session.createTopic(statusAddress))) {
                requests.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
                BytesMessage request = session.createBytesMessage();
                binding.write(CloudEventBuilder.v03()
                        .withId(UUID.randomUUID().toString())
                        .withType(REQUEST_TYPE)
                        .withSource(URI.create(returnAddress))
                        .withSubject(statusAddress.substring(0, statusAddress.length() - BrokerStatusResponder.STATUS.length()))
                        .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                        .build(), request);
                requests.send(request);
            }
            return answers.receive(wait.toMillis());
        }
    }

    private String returnId() {
        StringBuilder id = new StringBuilder(RETURN_ID_LENGTH);
        for (int i = 0; i < RETURN_ID_LENGTH; i++) {
            id.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return id.toString();
    }
}
