package io.ptpproxy.subscription;

/**
 * A subscription with the same ResourceAddress and EndpointUri already exists (the API answers 409).
 */
public class DuplicateSubscriptionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Subscription existing;

    /**
     * @param existing the subscription already in the store
     */
    public DuplicateSubscriptionException(Subscription existing) {
        super("subscription " + existing.id() + " already exists for " + existing.resourceAddress()
                + " -> " + existing.endpointUri());
        this.existing = existing;
    }

    /** Returns the subscription that is already in the store. */
    public Subscription existing() {
        return existing;
    }
}
