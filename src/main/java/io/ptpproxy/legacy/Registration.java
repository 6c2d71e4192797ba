package io.ptpproxy.legacy;

import java.util.List;

/**
 * A consumer sidecar's registration with a publisher (upstream's Subscriber record, §6.2): who it
 * is, where its transport listens, and the resources it wants.
 *
 * @param clientId UUID v3 of {@code transportUrl}
 * @param transportUrl the sidecar's transport base URL; events go to {@code <transportUrl>/event}
 * @param subscriptions the subscriptions (only their ids and resources matter to the publisher)
 */
public record Registration(String clientId, String transportUrl, List<V1Subscription> subscriptions) {

    public Registration {
        subscriptions = List.copyOf(subscriptions);
    }

    /** @return true when the subscriptions include exactly this resource */
    public boolean wants(String resource) {
        return subscriptions.stream().anyMatch(s -> s.resource().equals(resource));
    }
}
