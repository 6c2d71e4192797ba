package io.ptpproxy.wiring;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ptpproxy.api.ApiHealth;
import io.ptpproxy.api.NotificationApiV2;
import io.ptpproxy.api.PublisherApi;
import io.ptpproxy.apiauth.BearerTokenGuard;
import io.ptpproxy.apiserver.ApiConnectionGuard;
import io.ptpproxy.apiserver.RouterGuards;
import io.ptpproxy.callback.EndpointPolicy;
import io.ptpproxy.delivery.Outboxes;
import io.ptpproxy.delivery.VertxEventPoster;
import io.ptpproxy.event.EventIssuer;
import io.ptpproxy.http.RequestGuard;
import io.ptpproxy.ingest.EventSocket;
import io.ptpproxy.legacy.V1SubscriptionStore;
import io.ptpproxy.metrics.ProxyMetrics;
import io.ptpproxy.publisher.PublisherSource;
import io.ptpproxy.publisher.PublisherStore;
import io.ptpproxy.source.ResourceCatalogue;
import io.ptpproxy.subscription.SubscriptionStore;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST API v2 and the publisher API ({@code notificationApiV2}, {@code publisherApi}, {@code apiHealth};
 * {@code routes/api-v2.yaml}, {@code routes/api-v1.yaml}) and what the API server (ApiHttpServer, from
 * MainApp's factory) puts in front of every route: the request guard, the optional bearer token
 * ({@code apiRouterGuards}) and the connection limits ({@code apiConnectionGuard}).
 */
public final class ApiConfiguration implements CamelConfiguration {

    private final Once once = new Once();

    private static final Logger LOG = LoggerFactory.getLogger(ApiConfiguration.class);

    @BeanInject("nodeName")
    private String nodeName;
    @BeanInject("operatingMode")
    private OperatingMode mode;
    @BeanInject("metricsRegistry")
    private PrometheusMeterRegistry meters;
    @BeanInject("eventSocket")
    private EventSocket socket;
    @BeanInject("subscriptionStore")
    private SubscriptionStore store;
    @BeanInject("v1SubscriptionStore")
    private V1SubscriptionStore v1Store;
    @BeanInject("resourceCatalogue")
    private ResourceCatalogue catalogue;
    @BeanInject("publisherStore")
    private PublisherStore publisherStore;
    @BeanInject("publisherSource")
    private PublisherSource publisherSource;
    @BeanInject("eventIssuer")
    private EventIssuer issuer;
    @BeanInject("eventPoster")
    private VertxEventPoster poster;
    @BeanInject("endpointPolicy")
    private EndpointPolicy endpointPolicy;
    @BeanInject("outboxes")
    private Outboxes outboxes;
    @PropertyInject(value = "api.port", defaultValue = "9043")
    private int apiPort;
    @PropertyInject(value = "transport.host", defaultValue = "localhost")
    private String transportHost;
    @PropertyInject(value = "delivery.timeout-ms", defaultValue = "2000")
    private long deliveryTimeoutMs;
    @PropertyInject(value = "api.auth.token-file", defaultValue = "")
    private String tokenFile;
    @PropertyInject(value = "api.credentials-reload-ms", defaultValue = "10000")
    private long credentialsReloadMs;
    @PropertyInject(value = "api.tls.cert-file", defaultValue = "")
    private String tlsCertFile;

    @BindToRegistry("requestGuard")
    public RequestGuard requestGuard() {
        RequestGuard made = once.find("requestGuard");
        return made != null ? made : once.keep("requestGuard", new RequestGuard());
    }

    /** @return health: ready while the socket is bound, when the PTP source runs */
    @BindToRegistry("apiHealth")
    public ApiHealth apiHealth() {
        ApiHealth made = once.find("apiHealth");
        return made != null ? made : once.keep("apiHealth",
                new ApiHealth(mode.ptpSource() ? socket::bound : () -> true));
    }

    /**
     * @return the bearer token (when {@code api.auth.token-file} is set), then the request guard; checked
     *         once started to be installed (else a token or TLS asked for fails the start)
     */
    @BindToRegistry(RouterGuards.BEAN)
    public RouterGuards apiRouterGuards(CamelContext context, @BeanInject("requestGuard") RequestGuard requests) {
        RouterGuards made = once.find(RouterGuards.BEAN);
        if (made != null) {
            return made;
        }
        BearerTokenGuard tokens = tokenGuard();
        if (tokens != null) {
            ProxyMetrics.bindUnauthorized(meters, tokens);
        }
        RouterGuards guards = new RouterGuards(tokens == null ? List.of(requests) : List.of(tokens, requests));
        boolean tls = !tlsCertFile.isBlank();
        Lifecycle.onStarted(context, () -> checkGuards(guards, tokens != null, tls));
        return once.keep(RouterGuards.BEAN, guards);
    }

    /** @return the API port's connection limits ({@code api.max-connections}, idle and header timeouts) */
    @BindToRegistry(ApiConnectionGuard.BEAN)
    public ApiConnectionGuard apiConnectionGuard(CamelContext context) {
        ApiConnectionGuard made = once.find(ApiConnectionGuard.BEAN);
        if (made != null) {
            return made;
        }
        ApiConnectionGuard connections = ApiConnectionGuard.from(
                key -> context.getPropertiesComponent().resolveProperty(key).orElse(null));
        ProxyMetrics.bindApiConnections(meters, connections);
        return once.keep(ApiConnectionGuard.BEAN, connections);
    }

    /** @return API v2; also names the generated OpenAPI document's server: UriLocation's host, the API port */
    @BindToRegistry("notificationApiV2")
    public NotificationApiV2 notificationApiV2(CamelContext context) {
        NotificationApiV2 made = once.find("notificationApiV2");
        if (made != null) {
            return made;
        }
        String host = TransportAddresses.transportHost(transportHost, nodeName);
        context.getRestConfiguration().setApiHost(host + ":" + apiPort);
        return once.keep("notificationApiV2",
                new NotificationApiV2(store, catalogue, issuer, poster, endpointPolicy, outboxes, host, apiPort,
                        Duration.ofMillis(deliveryTimeoutMs)));
    }

    @BindToRegistry("publisherApi")
    public PublisherApi publisherApi() {
        PublisherApi made = once.find("publisherApi");
        return made != null ? made : once.keep("publisherApi",
                new PublisherApi(publisherStore, publisherSource, catalogue, poster, endpointPolicy,
                        Duration.ofMillis(deliveryTimeoutMs), id -> v1Store.find(id).isPresent(), apiPort));
    }

    /** The optional bearer-token authentication of the API ({@code api.auth.token-file}), or null. */
    private BearerTokenGuard tokenGuard() {
        if (tokenFile.isBlank()) {
            return null;
        }
        try {
            return new BearerTokenGuard(Path.of(tokenFile.strip()), Duration.ofMillis(credentialsReloadMs),
                    Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The API server installs the guards before it listens. Where the runtime provides its own HTTP
     * server (Camel K on Quarkus), nothing did: the API then works without the request guard, and says
     * so; a configured token or TLS cannot be enforced there, so start-up fails rather than run open.
     */
    private void checkGuards(RouterGuards guards, boolean tokenRequired, boolean tls) {
        if (guards.installed()) {
            if (tokenRequired) {
                LOG.info("REST API: bearer token required on the subscription, publisher and CurrentState endpoints");
            }
            return;
        }
        if (tokenRequired || tls) {
            throw new IllegalStateException((tokenRequired ? "api.auth.token-file" : "api.tls.cert-file")
                    + " is set, but the API port " + apiPort + " is not served by the proxy's own HTTP server, "
                    + "which enforces it");
        }
        LOG.warn("The API port {} is not served by the proxy's own HTTP server: 413s are not counted and form "
                + "bodies are decoded by the HTTP server", apiPort);
    }
}
