package io.ptpproxy.subscription;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who gets the events of one publisher address, resolved when the snapshot is built: one
 * subscription per endpoint that takes every event, and those limited to an instance (of other
 * endpoints), checked against each event.
 */
record Recipients(List<Subscription> always, List<Limited> limited) {

    /**
     * @param subscriptions the subscriptions covering the address, in creation order
     * @param coverage what each subscription covers, by SubscriptionId
     * @param endpoints each subscription's {@link EndpointKey}, by SubscriptionId
     */
    static Recipients of(List<Subscription> subscriptions, Map<String, Coverage> coverage,
                         Map<String, String> endpoints) {
        Map<String, Subscription> always = new LinkedHashMap<>();
        for (Subscription subscription : subscriptions) {
            if (coverage.get(subscription.id()).instance() == null) {
                always.putIfAbsent(endpoints.get(subscription.id()), subscription);
            }
        }
        List<Limited> limited = new ArrayList<>();
        for (Subscription subscription : subscriptions) {
            String endpoint = endpoints.get(subscription.id());
            String instance = coverage.get(subscription.id()).instance();
            if (instance != null && !always.containsKey(endpoint)) {
                limited.add(new Limited(subscription, endpoint, instance));
            }
        }
        return new Recipients(List.copyOf(always.values()), List.copyOf(limited));
    }

    /** @return the recipients of an event naming these instances; no allocation when none is limited */
    List<Subscription> of(Set<String> instances) {
        if (limited.isEmpty()) {
            return always;
        }
        List<Subscription> recipients = new ArrayList<>(always);
        Set<String> endpoints = new HashSet<>();
        for (Limited candidate : limited) {
            if (instances.contains(candidate.instance()) && endpoints.add(candidate.endpoint())) {
                recipients.add(candidate.subscription());
            }
        }
        return recipients;
    }

    /** A subscription limited to the events naming one instance. */
    record Limited(Subscription subscription, String endpoint, String instance) {
    }
}
