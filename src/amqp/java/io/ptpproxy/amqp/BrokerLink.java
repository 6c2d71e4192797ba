package io.ptpproxy.amqp;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.qpid.jms.JmsConnectionListener;
import org.apache.qpid.jms.message.JmsInboundMessageDispatch;

/**
 * What the proxy knows about its broker connection, from qpid-jms's connection events: the state
 * the health check reports, and the broker URL last reached or lost.
 */
public final class BrokerLink implements JmsConnectionListener {

    /** Connection states, as the health check reports them. */
    public enum State {
        /** Not connected yet since start-up (first attempt running or retrying). */
        CONNECTING,
        /** Connected; events flow. */
        CONNECTED,
        /** Connection lost; qpid-jms failover is reconnecting, sends wait. */
        INTERRUPTED,
        /** qpid-jms gave up (reconnect attempts exhausted); a new connection is made on the next send. */
        FAILED
    }

    /**
     * @param state the connection state
     * @param broker the broker URL concerned, or the failure message
     */
    public record Status(State state, String broker) {
    }

    private final AtomicReference<Status> status;

    public BrokerLink(String brokerUrl) {
        this.status = new AtomicReference<>(new Status(State.CONNECTING, brokerUrl));
    }

    /** @return the current state */
    public Status status() {
        return status.get();
    }

    @Override
    public void onConnectionEstablished(URI remoteURI) {
        status.set(new Status(State.CONNECTED, remoteURI.toString()));
    }

    @Override
    public void onConnectionFailure(Throwable error) {
        status.set(new Status(State.FAILED, String.valueOf(error.getMessage())));
    }

    @Override
    public void onConnectionInterrupted(URI remoteURI) {
        status.set(new Status(State.INTERRUPTED, remoteURI.toString()));
    }

    @Override
    public void onConnectionRestored(URI remoteURI) {
        status.set(new Status(State.CONNECTED, remoteURI.toString()));
    }

    @Override
    public void onInboundMessage(JmsInboundMessageDispatch envelope) {
        // only the connection's state matters here
    }

    @Override
    public void onSessionClosed(Session session, Throwable cause) {
        // sessions are re-created by the Spring JMS template and listener containers
    }

    @Override
    public void onConsumerClosed(MessageConsumer consumer, Throwable cause) {
        // consumers are re-created by their listener container
    }

    @Override
    public void onProducerClosed(MessageProducer producer, Throwable cause) {
        // producers are re-created per send by the Spring JMS template
    }
}
