package io.ptpproxy.legacy;

/**
 * A consumer sidecar's link to one remote publisher: the seam a transport plugs into (HTTP, or the
 * AMQP broker's link). Over HTTP, events come back through the sidecar's own transport listener.
 */
public interface PublisherLink {

    /** @return the publisher's address, for logs */
    String name();

    /** @return true when the publisher answers its health check */
    boolean healthy();

    /**
     * A subscription was just created, before its 201: a link that receives the events itself (the
     * AMQP broker's) attaches for it here, so an event published right after the answer is not
     * missed. Registration with the publisher follows asynchronously. Nothing to do by default.
     */
    default void subscribed(V1Subscription subscription) {
        // events come to the sidecar's own transport listener
    }

    /** @return true when the publisher accepted the registration of these subscriptions */
    boolean register(Registration registration);

    /** @return true when the publisher accepted that the client and all its subscriptions are gone */
    boolean unregister(Registration registration);

    /** @return the publisher's current state of the resource, as a CloudEvent 0.3 */
    CurrentStateReply currentState(String resource, String clientId);
}
