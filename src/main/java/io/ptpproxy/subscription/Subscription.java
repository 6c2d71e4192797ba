package io.ptpproxy.subscription;

/**
 * One v2 subscription: events about {@code resourceAddress} are pushed to {@code endpointUri}.
 *
 * @param id the SubscriptionId (a UUID v4 chosen by the API)
 * @param resourceAddress the subscribed address, e.g. {@code /cluster/node/n1/sync/ptp-status/lock-state};
 *     matched by exact string equality
 * @param endpointUri the subscriber's callback URI; it identifies the client
 * @param uriLocation the URI of this subscription in the REST API
 */
public record Subscription(String id, String resourceAddress, String endpointUri, String uriLocation) {

    /** Rejects a missing component. */
    public Subscription {
        requireNonNull(id, "id");
        requireNonNull(resourceAddress, "resourceAddress");
        requireNonNull(endpointUri, "endpointUri");
        requireNonNull(uriLocation, "uriLocation");
    }

    /** Returns the identifier of the client (endpoint) this subscription belongs to, see {@link ClientId}. */
    public String clientId() {
        return ClientId.of(endpointUri);
    }

    private static void requireNonNull(String value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " cannot be null");
        }
    }
}
