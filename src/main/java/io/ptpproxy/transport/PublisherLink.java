package io.ptpproxy.transport;

import io.ptpproxy.api.CurrentStateReply;

/**
 * A consumer sidecar's link to one remote publisher: the seam a transport plugs into (HTTP today,
 * AMQP later). Events come back through the sidecar's own transport listener.
 */
public interface PublisherLink {

    /** @return the publisher's address, for logs */
    String name();

    /** @return true when the publisher answers its health check */
    boolean healthy();

    /** @return true when the publisher accepted the registration of these subscriptions */
    boolean register(Registration registration);

    /** @return true when the publisher accepted that the client and all its subscriptions are gone */
    boolean unregister(Registration registration);

    /** @return the publisher's current state of the resource, as a CloudEvent 0.3 */
    CurrentStateReply currentState(String resource, String clientId);
}
