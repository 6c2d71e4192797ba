package io.ptpproxy.legacy;

/**
 * What the v1 API cannot answer by itself: the current state of a resource, and who must learn
 * about subscriptions. On a producer the state is local and nobody is told; on a consumer sidecar
 * both go to the remote publishers.
 */
public interface V1Backend {

    /** @return the current state of the resource as a CloudEvent 0.3 */
    CurrentStateReply currentState(String resource);

    /** A subscription was created; it returns at once (registration is asynchronous). */
    void subscribed(V1Subscription subscription);

    /** Every subscription was deleted; it returns at once. */
    void unsubscribedAll();
}
