package io.ptpproxy.subscription;

/** Thrown when the store already holds {@code store.max-subscriptions} subscriptions. */
public final class SubscriptionLimitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SubscriptionLimitException(int limit) {
        super("the store holds the maximum of " + limit + " subscriptions (store.max-subscriptions)");
    }
}
