package io.ptpproxy.legacy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.ptpproxy.subscription.ClientId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer-sidecar mode (upstream's v1 consumer proxy): the application's subscriptions are
 * registered with every remote publisher, at start, on each new subscription, and again at every
 * health check that finds a publisher healthy (a restart, a late start), so the application never
 * has to subscribe again. CurrentState is asked of the publishers.
 */
public final class ConsumerSidecar implements V1Backend {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerSidecar.class);

    private final List<PublisherLink> publishers;
    private final V1SubscriptionStore store;
    private final String transportUrl;
    private final String clientId;
    private final Map<PublisherLink, Boolean> registered = new ConcurrentHashMap<>();
    private final ExecutorService registrations = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "publisher-registration");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param publishers the publishers to register with
     * @param store the application's v1 subscriptions
     * @param transportUrl this sidecar's transport URL, where publishers send events; its UUID v3 is the client id
     */
    public ConsumerSidecar(List<PublisherLink> publishers, V1SubscriptionStore store, String transportUrl) {
        this.publishers = new CopyOnWriteArrayList<>(publishers);
        this.store = store;
        this.transportUrl = transportUrl;
        this.clientId = ClientId.of(transportUrl);
        this.publishers.forEach(publisher -> registered.put(publisher, false));
    }

    /**
     * Adds a publisher link a transport brings along (the AMQP broker's, which the Camel-free main
     * configuration cannot create); it is registered with at the next health check.
     */
    public void addPublisher(PublisherLink publisher) {
        registered.put(publisher, false);
        publishers.add(publisher);
    }

    /** @return this sidecar's client id at the publishers */
    public String clientId() {
        return clientId;
    }

    /**
     * The health handshake, run periodically: every healthy publisher gets every subscription
     * registered again. The publisher ignores a registration it already has (nothing is written),
     * so a publisher that restarted without its store between two checks, unseen, is caught at the
     * next one.
     */
    public void checkPublishers() {
        for (PublisherLink publisher : publishers) {
            if (publisher.healthy()) {
                registerWith(publisher);
            } else if (registered.put(publisher, false)) {
                LOG.warn("Publisher {} is not healthy; its subscriptions are registered again once it is",
                        publisher.name());
            }
        }
    }

    /** Links that receive events themselves attach at once (before the 201); registration follows. */
    @Override
    public void subscribed(V1Subscription subscription) {
        publishers.forEach(publisher -> publisher.subscribed(subscription));
        registrations.execute(() -> publishers.forEach(this::registerWith));
    }

    @Override
    public void unsubscribedAll() {
        Registration none = new Registration(clientId, transportUrl, List.of());
        registrations.execute(() -> publishers.forEach(publisher -> publisher.unregister(none)));
    }

    @Override
    public CurrentStateReply currentState(String resource) {
        CurrentStateReply reply = CurrentStateReply.missing("event not found");
        for (PublisherLink publisher : publishers) {
            reply = publisher.currentState(resource, clientId);
            if (reply.isFound()) {
                return reply;
            }
            if (reply.message() != null && reply.message().contains("not registered")) {
                registered.put(publisher, false);
            }
        }
        return reply;
    }

    /** Stops the registration thread. */
    public void stop() {
        registrations.shutdownNow();
    }

    private void registerWith(PublisherLink publisher) {
        List<V1Subscription> subscriptions = store.all();
        if (subscriptions.isEmpty()) {
            registered.put(publisher, true);
            return;
        }
        boolean accepted = publisher.register(new Registration(clientId, transportUrl, subscriptions));
        boolean before = registered.put(publisher, accepted);
        if (accepted && !before) {
            LOG.info("Registered {} subscription(s) with publisher {}", subscriptions.size(), publisher.name());
        }
    }
}
