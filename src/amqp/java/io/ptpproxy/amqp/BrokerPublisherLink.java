package io.ptpproxy.amqp;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.ptpproxy.api.CurrentStateReply;
import io.ptpproxy.subscription.V1Subscription;
import io.ptpproxy.transport.PublisherLink;
import io.ptpproxy.transport.Registration;

/**
 * A consumer sidecar's link to the publishers through the AMQP broker, as upstream's AMQP-era
 * sidecar: registering a subscription opens a receiver on its resource address (api-contract §8, the
 * link address is the address itself), and every event received there goes to the application like
 * one posted to the sidecar's HTTP transport. Unregistering closes them all.
 */
public final class BrokerPublisherLink implements PublisherLink {

    /** Where received events go: the route that hands them to the application. */
    static final String EVENTS = "direct:broker-event";

    private final BrokerLink broker;
    private final BrokerSubscriptions receivers;
    private final Map<String, String> openReceivers = new ConcurrentHashMap<>();

    /**
     * @param broker the shared broker connection's state
     * @param receivers opens and closes receivers on the shared connection
     */
    public BrokerPublisherLink(BrokerLink broker, BrokerSubscriptions receivers) {
        this.broker = broker;
        this.receivers = receivers;
    }

    @Override
    public String name() {
        return "AMQP broker " + broker.status().broker();
    }

    @Override
    public boolean healthy() {
        return broker.status().state() == BrokerLink.State.CONNECTED;
    }

    /** Opens a receiver for each subscribed resource that has none yet (the receivers reconnect with the connection). */
    @Override
    public synchronized boolean register(Registration registration) {
        Set<String> resources = registration.subscriptions().stream().map(V1Subscription::resource)
                .filter(resource -> !resource.isEmpty() && !openReceivers.containsKey(resource))
                .collect(Collectors.toSet());
        openReceivers.putAll(receivers.open(resources, EVENTS));
        return true;
    }

    @Override
    public synchronized boolean unregister(Registration registration) {
        openReceivers.values().forEach(receivers::close);
        openReceivers.clear();
        return true;
    }

    /** Upstream asked over the broker with a 5 s wait (§8); not built here: the application is told so. */
    @Override
    public CurrentStateReply currentState(String resource, String clientId) {
        return CurrentStateReply.missing("CurrentState is not available through the AMQP broker");
    }
}
