package io.ptpproxy.amqp;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.ptpproxy.legacy.CurrentStateReply;
import io.ptpproxy.legacy.PublisherLink;
import io.ptpproxy.legacy.Registration;
import io.ptpproxy.legacy.V1Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer sidecar's link to the publishers through the AMQP broker, as upstream's AMQP-era
 * sidecar: a new subscription attaches a receiver on its resource's broker address before its 201
 * (api-contract §8, the link address is the address itself, clock class under its AMQP-era name),
 * and every event received there goes to the application like one posted to the sidecar's HTTP
 * transport. Registering opens any receiver still missing; unregistering closes them all.
 * CurrentState is asked over the broker ({@link BrokerStatusRequester}).
 */
public final class BrokerPublisherLink implements PublisherLink {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerPublisherLink.class);
    /** Where received events go: the route that hands them to the application. */
    static final String EVENTS = "direct:broker-event";
    /** How long a new subscription waits for its receiver to attach before its 201 is answered anyway. */
    private static final Duration ATTACH_WAIT = Duration.ofSeconds(5);

    private final BrokerLink broker;
    private final BrokerSubscriptions receivers;
    private final BrokerStatusRequester status;
    private final Map<String, String> openReceivers = new ConcurrentHashMap<>();

    /**
     * @param broker the shared broker connection's state
     * @param receivers opens and closes receivers on the shared connection
     * @param status asks the publishers for CurrentState
     */
    public BrokerPublisherLink(BrokerLink broker, BrokerSubscriptions receivers, BrokerStatusRequester status) {
        this.broker = broker;
        this.receivers = receivers;
        this.status = status;
    }

    @Override
    public String name() {
        return "AMQP broker " + broker.status().broker();
    }

    @Override
    public boolean healthy() {
        return broker.status().state() == BrokerLink.State.CONNECTED;
    }

    /**
     * Opens the subscription's receiver and, while the broker is connected, waits until it is
     * attached: topics keep nothing for late receivers.
     */
    @Override
    public void subscribed(V1Subscription subscription) {
        Collection<String> opened = open(Set.of(subscription.resource()));
        try {
            if (healthy() && !receivers.awaitAttached(opened, ATTACH_WAIT)) {
                LOG.warn("Broker receiver for {} not attached within {} s", subscription.resource(),
                        ATTACH_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Opens a receiver for each subscribed resource that has none yet (the receivers reconnect with the connection). */
    @Override
    public boolean register(Registration registration) {
        open(registration.subscriptions().stream().map(V1Subscription::resource).collect(Collectors.toSet()));
        return true;
    }

    @Override
    public synchronized boolean unregister(Registration registration) {
        openReceivers.values().forEach(receivers::close);
        openReceivers.clear();
        return true;
    }

    /** Upstream's status request over the broker, answered within 5 s or {@code timeout waiting for status}. */
    @Override
    public CurrentStateReply currentState(String resource, String clientId) {
        return status.currentState(resource);
    }

    /** @return the receiver route ids of these resources' broker addresses, opening those missing */
    private synchronized Collection<String> open(Set<String> resources) {
        Set<String> addresses = resources.stream().filter(resource -> !resource.isEmpty())
                .map(BrokerEventFormat::brokerAddress).collect(Collectors.toSet());
        Set<String> missing = addresses.stream().filter(address -> !openReceivers.containsKey(address))
                .collect(Collectors.toSet());
        openReceivers.putAll(receivers.open(missing, EVENTS));
        return addresses.stream().map(openReceivers::get).toList();
    }
}
