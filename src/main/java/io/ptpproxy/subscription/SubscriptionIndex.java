package io.ptpproxy.subscription;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import io.ptpproxy.event.PublishedEvent;

/**
 * An immutable snapshot of all subscriptions, indexed for the lock-free reads: by id, by
 * ResourceAddress as written, by what each covers ({@link Coverage}, resolved once per subscription
 * and carried over to the next snapshot), and by publisher address with the {@link Recipients} of
 * its events resolved, so that an event costs one map lookup.
 */
final class SubscriptionIndex {

    private final Function<String, Coverage> coverageOf;
    private final List<Subscription> all;
    private final Map<String, Subscription> byId;
    private final Map<String, List<Subscription>> byAddress;
    private final Map<String, Coverage> coverage;
    private final Map<String, String> endpoints;
    private final Map<String, Recipients> byLeaf;
    private final Set<String> endpointUris;

    private SubscriptionIndex(List<Subscription> ordered, Function<String, Coverage> coverageOf,
                              SubscriptionIndex previous) {
        this.coverageOf = coverageOf;
        Map<String, Subscription> ids = new HashMap<>();
        Map<String, List<Subscription>> grouped = new HashMap<>();
        Map<String, Coverage> covered = new HashMap<>();
        Map<String, String> keys = new HashMap<>();
        Map<String, List<Subscription>> leaves = new HashMap<>();
        Set<String> uris = new HashSet<>();
        for (Subscription subscription : ordered) {
            ids.put(subscription.id(), subscription);
            grouped.computeIfAbsent(subscription.resourceAddress(), address -> new ArrayList<>()).add(subscription);
            Coverage known = previous == null ? null : previous.coverage.get(subscription.id());
            Coverage coverageOfThis = known != null ? known : coverageOf.apply(subscription.resourceAddress());
            covered.put(subscription.id(), coverageOfThis);
            keys.put(subscription.id(), known != null ? previous.endpoints.get(subscription.id())
                    : EndpointKey.of(subscription.endpointUri()));
            coverageOfThis.addresses().forEach(address -> leaves.computeIfAbsent(address, a -> new ArrayList<>())
                    .add(subscription));
            uris.add(subscription.endpointUri());
        }
        Map<String, List<Subscription>> addresses = new HashMap<>();
        grouped.forEach((address, list) -> addresses.put(address, List.copyOf(list)));
        Map<String, Recipients> recipients = new HashMap<>();
        leaves.forEach((address, list) -> recipients.put(address, Recipients.of(list, covered, keys)));
        // HashMap rather than Map.copyOf: lookups with a null key must answer "absent", not throw
        this.all = List.copyOf(ordered);
        this.byId = Collections.unmodifiableMap(ids);
        this.byAddress = Collections.unmodifiableMap(addresses);
        this.coverage = Collections.unmodifiableMap(covered);
        this.endpoints = Collections.unmodifiableMap(keys);
        this.byLeaf = Collections.unmodifiableMap(recipients);
        this.endpointUris = Collections.unmodifiableSet(uris);
    }

    /** @param coverageOf what a ResourceAddress covers, applied once per subscription */
    static SubscriptionIndex of(List<Subscription> ordered, Function<String, Coverage> coverageOf) {
        return new SubscriptionIndex(ordered, coverageOf, null);
    }

    /** @return the snapshot of {@code ordered}, reusing the coverage this one resolved */
    SubscriptionIndex with(List<Subscription> ordered) {
        return new SubscriptionIndex(ordered, coverageOf, this);
    }

    /** @return every subscription, in creation order, and {@code added} last */
    List<Subscription> plus(Subscription added) {
        List<Subscription> next = new ArrayList<>(all);
        next.add(added);
        return next;
    }

    /** @return the subscriptions, in order, without those {@code removed} selects */
    List<Subscription> without(Predicate<Subscription> removed) {
        return all.stream().filter(removed.negate()).toList();
    }

    List<Subscription> all() {
        return all;
    }

    int size() {
        return all.size();
    }

    Optional<Subscription> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    List<Subscription> matching(String resourceAddress) {
        return byAddress.getOrDefault(resourceAddress, List.of());
    }

    List<Subscription> recipients(PublishedEvent event) {
        Recipients recipients = byLeaf.get(event.address());
        return recipients == null ? List.of() : recipients.of(event.instances());
    }

    boolean hasEndpoint(String endpointUri) {
        return endpointUris.contains(endpointUri);
    }

    /** @return the subscription with exactly this ResourceAddress and EndpointUri */
    Optional<Subscription> findDuplicate(String resourceAddress, String endpointUri) {
        return matching(resourceAddress).stream()
                .filter(subscription -> subscription.endpointUri().equals(endpointUri))
                .findFirst();
    }

    /**
     * @return a subscription of the same endpoint ({@link EndpointKey}) whose coverage includes that of
     *     {@code resourceAddress}; for an exact address, {@link #findDuplicate}
     */
    Optional<Subscription> findCovering(String resourceAddress, String endpointUri) {
        Coverage wanted = coverageOf.apply(resourceAddress);
        if (wanted.exact()) {
            return findDuplicate(resourceAddress, endpointUri);
        }
        String endpoint = EndpointKey.of(endpointUri);
        return all.stream()
                .filter(subscription -> endpoints.get(subscription.id()).equals(endpoint))
                .filter(subscription -> coverage.get(subscription.id()).covers(wanted))
                .findFirst();
    }

    /** @return whether some subscription, of any endpoint, gets every event of {@code resourceAddress} */
    boolean isCovered(String resourceAddress) {
        Coverage wanted = coverageOf.apply(resourceAddress);
        return !matching(resourceAddress).isEmpty()
                || coverage.values().stream().anyMatch(covered -> covered.covers(wanted));
    }
}
