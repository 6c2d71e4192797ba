package io.ptpproxy.legacy;

import java.util.List;
import java.util.UUID;

import io.ptpproxy.delivery.Outboxes;
import io.ptpproxy.event.EventKind;
import io.ptpproxy.event.PublishedEvent;
import io.ptpproxy.event.ResourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery for the v1 side, through the same non-blocking outboxes as v2: an issued event goes to
 * every v1 subscription of its address (as the cloud-native event JSON, {@code id} = the
 * subscription id) and to every consumer sidecar registered for it (as a CloudEvent 0.3); an event
 * a sidecar receives from its publisher goes to its v1 subscriptions the same way. A subscription
 * to the v1 clock-class name ({@code …/ptp-clock-class-change}) gets the clock-class events under
 * the name it subscribed with, and one to {@code …/clock-class} gets events received under the v1
 * name (as AMQP-era publishers send them).
 */
public final class V1Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(V1Delivery.class);

    private final V1SubscriptionStore subscriptions;
    private final TransportClients clients;
    private final V1EventFormat format;
    private final Outboxes applications;
    private final Outboxes sidecars;

    /**
     * @param subscriptions the v1 API's subscriptions
     * @param clients the consumer sidecars registered over the transport
     * @param format renders the v1 forms
     * @param applications the outboxes of subscriber endpoints (shared with v2)
     * @param sidecars the outboxes of registered sidecars (binary CloudEvents to their {@code /event})
     */
    public V1Delivery(V1SubscriptionStore subscriptions, TransportClients clients, V1EventFormat format,
                      Outboxes applications, Outboxes sidecars) {
        this.subscriptions = subscriptions;
        this.clients = clients;
        this.format = format;
        this.applications = applications;
        this.sidecars = sidecars;
    }

    /** Queues an issued event for the v1 subscriptions and registered sidecars of its address; never waits. */
    public void deliver(PublishedEvent event) {
        if (subscriptions.all().isEmpty() && clients.matching(event.address()).isEmpty()
                && clients.matching(legacyName(event.address())).isEmpty()) {
            return;
        }
        V1Event v1 = format.fromPublished(event);
        for (String address : addresses(event.address())) {
            for (Registration client : clients.matching(address)) {
                V1Event named = v1.withSource(address);
                sidecars.enqueue(client.transportUrl(), new PublishedEvent(event.id(), event.type(), address,
                        format.structured(named)));
            }
        }
        relay(v1);
    }

    /** Queues an event for the v1 subscriptions of its resource (an event a sidecar received); never waits. */
    public void relay(V1Event event) {
        for (String address : addresses(event.source())) {
            for (V1Subscription subscription : subscriptions.matching(address)) {
                if (!subscription.hasEndpoint()) {
                    LOG.info("v1 event {} for {} (subscription {} has no endpointUri)", event.type(), address,
                            subscription.id());
                    continue;
                }
                byte[] body = format.applicationJson(event.withSource(address), subscription.id());
                EventKind kind = ResourceType.ofAddress(address).map(EventKind.class::cast)
                        .orElseGet(() -> EventKind.of(event.source(), event.type()));
                applications.enqueue(subscription.endpointUri(), new PublishedEvent(idOf(event), kind, address, body));
            }
        }
    }

    /** The address itself, and for clock class its other name too (v1/AMQP-era or current). */
    private static List<String> addresses(String address) {
        String legacy = legacyName(address);
        if (!legacy.equals(address)) {
            return List.of(address, legacy);
        }
        String current = currentName(address);
        return current.equals(address) ? List.of(address) : List.of(address, current);
    }

    private static String legacyName(String address) {
        return renamed(address, ResourceType.CLOCK_CLASS.suffix(), ResourceType.LEGACY_CLOCK_CLASS_SUFFIX);
    }

    /** An event received under the v1 name (from an AMQP-era publisher) also reaches subscriptions to the current one. */
    private static String currentName(String address) {
        return renamed(address, ResourceType.LEGACY_CLOCK_CLASS_SUFFIX, ResourceType.CLOCK_CLASS.suffix());
    }

    private static String renamed(String address, String suffix, String replacement) {
        return address.endsWith(suffix) ? address.substring(0, address.length() - suffix.length()) + replacement
                : address;
    }

    private static UUID idOf(V1Event event) {
        try {
            return UUID.fromString(event.id());
        } catch (IllegalArgumentException notAUuid) {
            return UUID.randomUUID();
        }
    }
}
