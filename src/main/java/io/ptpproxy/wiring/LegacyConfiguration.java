package io.ptpproxy.wiring;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.ptpproxy.callback.EndpointPolicy;
import io.ptpproxy.delivery.Outboxes;
import io.ptpproxy.delivery.VertxEventPoster;
import io.ptpproxy.legacy.BinaryEventPoster;
import io.ptpproxy.legacy.ConsumerSidecar;
import io.ptpproxy.legacy.HttpPublisherLink;
import io.ptpproxy.legacy.LocalV1Backend;
import io.ptpproxy.legacy.NotificationApiV1;
import io.ptpproxy.legacy.PublisherLink;
import io.ptpproxy.legacy.TransportApi;
import io.ptpproxy.legacy.TransportClients;
import io.ptpproxy.legacy.V1Delivery;
import io.ptpproxy.legacy.V1EventFormat;
import io.ptpproxy.legacy.V1SubscriptionStore;
import io.ptpproxy.source.ResourceCatalogue;
import io.ptpproxy.subscription.SubscriptionStore;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/**
 * The legacy v1 API: its subscriptions ({@code v1SubscriptionStore}) and REST API
 * ({@code notificationApiV1}, {@code routes/api-v1.yaml}), the v1 HTTP transport where consumer
 * sidecars register ({@code transportClients}, {@code transportApi}, {@code routes/transport.yaml}),
 * their delivery ({@code v1Delivery}, route {@code deliver}), and the consumer-sidecar mode
 * ({@code consumerSidecar}, {@code routes/sidecar.yaml}), which backs the v1 API when the
 * {@link OperatingMode} is a sidecar; otherwise this proxy's own sources do ({@code localV1Backend}).
 */
public final class LegacyConfiguration implements CamelConfiguration {

    private final Once once = new Once();

    @BeanInject("operatingMode")
    private OperatingMode mode;
    @BeanInject("clock")
    private Clock clock;
    @BeanInject("resourceCatalogue")
    private ResourceCatalogue catalogue;
    @BeanInject("eventPoster")
    private VertxEventPoster poster;
    @BeanInject("endpointPolicy")
    private EndpointPolicy endpointPolicy;
    @BeanInject("outboxes")
    private Outboxes outboxes;
    @BeanInject("outboxesFactory")
    private OutboxesFactory outboxesFactory;
    @BeanInject("subscriptionStore")
    private SubscriptionStore subscriptions;
    @PropertyInject(value = "store.path", defaultValue = "store")
    private String storePath;
    @PropertyInject(value = "api.port", defaultValue = "9043")
    private int apiPort;
    @PropertyInject(value = "v1.endpoint-check-timeout-ms", defaultValue = "10000")
    private long endpointCheckTimeoutMs;

    @BindToRegistry("v1EventFormat")
    public V1EventFormat v1EventFormat() {
        V1EventFormat made = once.find("v1EventFormat");
        return made != null ? made : once.keep("v1EventFormat", new V1EventFormat());
    }

    /** @return the v1 subscriptions; their endpoints share the v2 outboxes, and count as subscribed there */
    @BindToRegistry("v1SubscriptionStore")
    public V1SubscriptionStore v1SubscriptionStore() {
        V1SubscriptionStore made = once.find("v1SubscriptionStore");
        if (made != null) {
            return made;
        }
        V1SubscriptionStore store = V1SubscriptionStore.open(Path.of(storePath));
        // an evicted endpoint gets a new outbox only once it is subscribed again
        outboxes.subscribedWhen(endpoint -> subscriptions.hasEndpoint(endpoint) || store.hasEndpoint(endpoint));
        return once.keep("v1SubscriptionStore", store);
    }

    @BindToRegistry("transportClients")
    public TransportClients transportClients() {
        TransportClients made = once.find("transportClients");
        return made != null ? made : once.keep("transportClients", TransportClients.open(Path.of(storePath)));
    }

    /** @return the v1 state of this proxy's own sources */
    @BindToRegistry("localV1Backend")
    public LocalV1Backend localV1Backend(@BeanInject("v1EventFormat") V1EventFormat format) {
        LocalV1Backend made = once.find("localV1Backend");
        return made != null ? made : once.keep("localV1Backend", new LocalV1Backend(catalogue, format, clock));
    }

    /** @return the sidecar of the HTTP publishers the mode names (the AMQP transport adds the broker's) */
    @BindToRegistry("consumerSidecar")
    public ConsumerSidecar consumerSidecar(CamelContext context,
                                           @BeanInject("v1SubscriptionStore") V1SubscriptionStore store) {
        ConsumerSidecar made = once.find("consumerSidecar");
        if (made != null) {
            return made;
        }
        ConsumerSidecar sidecar = new ConsumerSidecar(
                mode.publishers().stream().map(url -> (PublisherLink) new HttpPublisherLink(url)).toList(), store,
                mode.transportUrl());
        Lifecycle.onStop(context, sidecar::stop);
        return once.keep("consumerSidecar", sidecar);
    }

    /**
     * @return delivers to v1 subscribers (through the shared outboxes) and to registered sidecars,
     *         whose outboxes post binary CloudEvents and are closed as Camel begins to stop
     */
    @BindToRegistry("v1Delivery")
    public V1Delivery v1Delivery(CamelContext context, @BeanInject("v1SubscriptionStore") V1SubscriptionStore store,
                                 @BeanInject("transportClients") TransportClients clients,
                                 @BeanInject("v1EventFormat") V1EventFormat format) {
        V1Delivery made = once.find("v1Delivery");
        if (made != null) {
            return made;
        }
        Outboxes sidecarOutboxes = outboxesFactory.create(new BinaryEventPoster(poster::postWithHeaders, format),
                clients::removeByUrl);
        sidecarOutboxes.subscribedWhen(clients::hasUrl);
        Lifecycle.onStopping(context, sidecarOutboxes::close);
        return once.keep("v1Delivery", new V1Delivery(store, clients, format, outboxes, sidecarOutboxes));
    }

    @BindToRegistry("transportApi")
    public TransportApi transportApi(@BeanInject("transportClients") TransportClients clients,
                                     @BeanInject("v1Delivery") V1Delivery delivery,
                                     @BeanInject("localV1Backend") LocalV1Backend local,
                                     @BeanInject("v1EventFormat") V1EventFormat format) {
        TransportApi made = once.find("transportApi");
        return made != null ? made : once.keep("transportApi",
                new TransportApi(clients, delivery, local, format, endpointPolicy));
    }

    /** @return the v1 API, backed by the publishers in consumer-sidecar mode, else by this proxy's sources */
    @BindToRegistry("notificationApiV1")
    public NotificationApiV1 notificationApiV1(@BeanInject("v1SubscriptionStore") V1SubscriptionStore store,
                                               @BeanInject("consumerSidecar") ConsumerSidecar sidecar,
                                               @BeanInject("localV1Backend") LocalV1Backend local) {
        NotificationApiV1 made = once.find("notificationApiV1");
        return made != null ? made : once.keep("notificationApiV1",
                new NotificationApiV1(store, mode.sidecar() ? sidecar : local,
                        poster, endpointPolicy, apiPort, Duration.ofMillis(endpointCheckTimeoutMs)));
    }
}
