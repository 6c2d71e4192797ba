package io.ptpproxy.subscription;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import io.ptpproxy.subscription.SubscriptionStore.Reservation;

/**
 * The limit on subscriptions and the places held for those being created: a held place counts
 * against the limit and the duplicate check until it is committed or released. Not thread-safe:
 * only called under the store's write lock (but {@link #refusedByLimit} may be read at any time).
 */
final class Reservations {

    private final int maxSubscriptions;
    private final LongAdder refusedByLimit = new LongAdder();
    private final Map<String, Reservation> held = new HashMap<>();

    /** @param maxSubscriptions the most subscriptions, stored and held, at least 1 */
    Reservations(int maxSubscriptions) {
        if (maxSubscriptions < 1) {
            throw new StoreException("store.max-subscriptions must be at least 1, got " + maxSubscriptions);
        }
        this.maxSubscriptions = maxSubscriptions;
    }

    /**
     * Checks that {@code subscription} may take a place beside the stored ones: in this order, not
     * a duplicate (covered by a stored one of its endpoint, or the same ResourceAddress and EndpointUri
     * as a held one), not beyond the limit (counted), not a taken SubscriptionId.
     */
    void admit(Subscription subscription, SubscriptionIndex stored) {
        Optional<Subscription> existing = stored.findCovering(subscription.resourceAddress(), subscription.endpointUri())
                .or(() -> heldDuplicate(subscription));
        if (existing.isPresent()) {
            throw new DuplicateSubscriptionException(existing.get());
        }
        if (stored.size() + held.size() >= maxSubscriptions) {
            refusedByLimit.increment();
            throw new SubscriptionLimitException(maxSubscriptions);
        }
        if (stored.find(subscription.id()).isPresent() || held.containsKey(subscription.id())) {
            throw new IllegalArgumentException("subscription id " + subscription.id() + " already exists");
        }
    }

    void hold(Reservation reservation) {
        held.put(reservation.subscription().id(), reservation);
    }

    /** @return false when this reservation is not held (committed or released already) */
    boolean take(Reservation reservation) {
        return held.remove(reservation.subscription().id()) == reservation;
    }

    void release(Reservation reservation) {
        held.remove(reservation.subscription().id(), reservation);
    }

    int maxSubscriptions() {
        return maxSubscriptions;
    }

    long refusedByLimit() {
        return refusedByLimit.sum();
    }

    private Optional<Subscription> heldDuplicate(Subscription subscription) {
        return held.values().stream().map(Reservation::subscription)
                .filter(other -> other.resourceAddress().equals(subscription.resourceAddress())
                        && other.endpointUri().equals(subscription.endpointUri()))
                .findFirst();
    }
}
