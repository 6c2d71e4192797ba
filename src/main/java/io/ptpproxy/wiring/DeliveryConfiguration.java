package io.ptpproxy.wiring;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ptpproxy.callback.EndpointPolicy;
import io.ptpproxy.callback.SubscriberClientOptions;
import io.ptpproxy.delivery.Outboxes;
import io.ptpproxy.delivery.RetryPolicy;
import io.ptpproxy.delivery.VertxEventPoster;
import io.ptpproxy.event.EventIssuer;
import io.ptpproxy.event.OranEventFormat;
import io.ptpproxy.metrics.DeliveryMetrics;
import io.ptpproxy.metrics.SubscriberLabels;
import io.ptpproxy.subscription.Coverage;
import io.ptpproxy.subscription.SubscriptionStore;
import io.vertx.core.Vertx;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Subscriptions and delivery: the v2 subscription store ({@code subscriptionStore}), the events
 * issued ({@code eventIssuer}, route {@code publish}), the SSRF guard of every callback URL
 * ({@code endpointPolicy}), the HTTP poster ({@code eventPoster}) and the per-subscriber outboxes
 * ({@code outboxes}, route {@code publish}), made by the one
 * {@code outboxesFactory} the v1 delivery shares.
 */
public final class DeliveryConfiguration implements CamelConfiguration {

    private final Once once = new Once();

    @BeanInject("nodeName")
    private String nodeName;
    @BeanInject("clock")
    private Clock clock;
    @BeanInject("metricsRegistry")
    private PrometheusMeterRegistry meters;
    @PropertyInject(value = "store.path", defaultValue = "store")
    private String storePath;
    @PropertyInject(value = "store.max-subscriptions", defaultValue = "10000")
    private int maxSubscriptions;
    @PropertyInject(value = "api.port", defaultValue = "9043")
    private int apiPort;
    @PropertyInject(value = "endpoint.allowed-hosts", defaultValue = "")
    private String allowedHosts;
    @PropertyInject(value = "endpoint.denied-hosts", defaultValue = "")
    private String deniedHosts;
    @PropertyInject(value = "endpoint.allowed-cidrs", defaultValue = "")
    private String allowedCidrs;
    @PropertyInject(value = "endpoint.denied-cidrs", defaultValue = EndpointPolicy.DEFAULT_DENIED_CIDRS)
    private String deniedCidrs;
    @PropertyInject(value = "delivery.tls.ca-bundle", defaultValue = "")
    private String caBundle;
    @PropertyInject(value = "delivery.timeout-ms", defaultValue = "2000")
    private long timeoutMs;
    @PropertyInject(value = "delivery.outbox-capacity", defaultValue = "1000")
    private int outboxCapacity;
    @PropertyInject(value = "delivery.evict-after-failures", defaultValue = "10")
    private int evictAfterFailures;
    @PropertyInject(value = "delivery.retry-initial-ms", defaultValue = "100")
    private long retryInitialMs;
    @PropertyInject(value = "delivery.retry-max-ms", defaultValue = "1000")
    private long retryMaxMs;
    @PropertyInject(value = "delivery.retry-server-error-attempts", defaultValue = "3")
    private int retryServerErrorAttempts;
    @PropertyInject(value = "metrics.subscriber-label-limit", defaultValue = "100")
    private int subscriberLabelLimit;

    @BindToRegistry("subscriptionStore")
    public SubscriptionStore subscriptionStore() {
        SubscriptionStore made = once.find("subscriptionStore");
        return made != null ? made : once.keep("subscriptionStore",
                SubscriptionStore.open(Path.of(storePath), maxSubscriptions,
                        Coverage.resolver(nodeName)));
    }

    @BindToRegistry("eventIssuer")
    public EventIssuer eventIssuer() {
        EventIssuer made = once.find("eventIssuer");
        return made != null ? made : once.keep("eventIssuer", new EventIssuer(new OranEventFormat(), clock));
    }

    /** @return where subscriber, publisher and sidecar callback URLs may point ({@code endpoint.*}) */
    @BindToRegistry("endpointPolicy")
    public EndpointPolicy endpointPolicy() {
        EndpointPolicy made = once.find("endpointPolicy");
        if (made != null) {
            return made;
        }
        try {
            return once.keep("endpointPolicy", EndpointPolicy.of(allowedHosts, deniedHosts, allowedCidrs, deniedCidrs));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid endpoint policy: " + e.getMessage(), e);
        }
    }

    /** @return the outboxes' size, eviction and retry policy, for every delivery */
    @BindToRegistry("outboxesFactory")
    public OutboxesFactory outboxesFactory() {
        OutboxesFactory made = once.find("outboxesFactory");
        return made != null ? made : once.keep("outboxesFactory",
                new OutboxesFactory(outboxCapacity, evictAfterFailures,
                        new RetryPolicy(Duration.ofMillis(retryInitialMs), Duration.ofMillis(retryMaxMs),
                                retryServerErrorAttempts)));
    }

    /** @return posts events to subscribers, each destination checked against the policy first */
    @BindToRegistry("eventPoster")
    public VertxEventPoster eventPoster(CamelContext context, @BeanInject("endpointPolicy") EndpointPolicy policy) {
        VertxEventPoster made = once.find("eventPoster");
        return made != null ? made : once.keep("eventPoster", new VertxEventPoster(() -> deliveryVertx(context),
                SubscriberClientOptions.create(caBundle), policy, Duration.ofMillis(timeoutMs)));
    }

    /**
     * @return the v2 subscribers' outboxes, observed by the delivery metrics; closed as Camel begins
     *         to stop, so failures during shutdown do not count towards evicting anyone
     */
    @BindToRegistry("outboxes")
    public Outboxes outboxes(CamelContext context, @BeanInject("outboxesFactory") OutboxesFactory factory,
                             @BeanInject("eventPoster") VertxEventPoster poster,
                             @BeanInject("subscriptionStore") SubscriptionStore store) {
        Outboxes made = once.find("outboxes");
        if (made != null) {
            return made;
        }
        Outboxes outboxes = factory.create(poster, store::removeClient);
        outboxes.observe(new DeliveryMetrics(meters, new SubscriberLabels(subscriberLabelLimit), outboxes::stats));
        Lifecycle.onStopping(context, outboxes::close);
        return once.keep("outboxes", outboxes);
    }

    /**
     * The Vert.x instance subscribers are posted from: the API server's (no threads of its own for
     * delivery), else one in the registry (Camel K's runtime), else a new one stopped with Camel.
     */
    private Vertx deliveryVertx(CamelContext context) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(apiPort));
        if (router != null) {
            return router.vertx();
        }
        Vertx bound = context.getRegistry().findSingleByType(Vertx.class);
        if (bound != null) {
            return bound;
        }
        Vertx created = Vertx.vertx();
        Lifecycle.onStop(context, created::close);
        return created;
    }
}
