package io.ptpproxy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.ptpproxy.api.LegacySubscriptions;
import io.ptpproxy.legacy.LocalV1Backend;
import io.ptpproxy.legacy.NotificationApiV1;
import io.ptpproxy.api.NotificationApiV2;
import io.ptpproxy.api.PublisherApi;
import io.ptpproxy.api.ApiHealth;
import io.ptpproxy.http.RequestGuard;
import io.ptpproxy.legacy.V1Backend;
import io.ptpproxy.delivery.Outboxes;
import io.ptpproxy.delivery.RetryPolicy;
import io.ptpproxy.delivery.VertxEventPoster;
import io.ptpproxy.legacy.V1Delivery;
import io.ptpproxy.demo.DemoFeed;
import io.ptpproxy.demo.DemoSubscriber;
import io.ptpproxy.event.EventIssuer;
import io.ptpproxy.event.OranEventFormat;
import io.ptpproxy.health.ProbeHealthCheck;
import io.ptpproxy.health.SocketProbe;
import io.ptpproxy.health.StoreProbe;
import io.ptpproxy.legacy.V1EventFormat;
import io.ptpproxy.ingest.EventSocket;
import io.ptpproxy.ingest.LineDecoderFactory;
import io.ptpproxy.ingest.SocketAdmission;
import io.ptpproxy.ingest.SocketGate;
import io.ptpproxy.ingest.SocketPermissionsPolicy;
import io.ptpproxy.ingest.SocketWatch;
import io.ptpproxy.metrics.DeliveryMetrics;
import io.ptpproxy.metrics.FrameworkMetrics;
import io.ptpproxy.metrics.MissingHelp;
import io.ptpproxy.metrics.PrometheusClockMetrics;
import io.ptpproxy.metrics.UpstreamMetricsPath;
import io.ptpproxy.metrics.ProxyMetrics;
import io.ptpproxy.metrics.SubscriberLabels;
import io.ptpproxy.mock.MockSource;
import io.ptpproxy.linuxptp.PtpConfigFiles;
import io.ptpproxy.ptp.ClockStateTracker;
import io.ptpproxy.ptp.LineCounters;
import io.ptpproxy.ptp.OneShotHoldoverAlarm;
import io.ptpproxy.ptp.PtpConfigCatalog;
import io.ptpproxy.ptp.PtpEventSource;
import io.ptpproxy.ptp.PtpLogParser;
import io.ptpproxy.ptp.RejectReason;
import io.ptpproxy.publisher.PublisherSource;
import io.ptpproxy.publisher.PublisherStore;
import io.ptpproxy.apiserver.ApiConnectionGuard;
import io.ptpproxy.apiserver.RouterGuards;
import io.ptpproxy.apiauth.BearerTokenGuard;
import io.ptpproxy.callback.EndpointPolicy;
import io.ptpproxy.callback.SubscriberClientOptions;
import io.ptpproxy.source.ResourceCatalogue;
import io.ptpproxy.status.RejectedLinesReport;
import io.ptpproxy.status.StateChangeLog;
import io.ptpproxy.status.StatusBoard;
import io.ptpproxy.subscription.Coverage;
import io.ptpproxy.subscription.SubscriptionStore;
import io.ptpproxy.legacy.V1SubscriptionStore;
import io.ptpproxy.legacy.BinaryEventPoster;
import io.ptpproxy.legacy.ConsumerSidecar;
import io.ptpproxy.legacy.HttpPublisherLink;
import io.ptpproxy.legacy.PublisherLink;
import io.ptpproxy.legacy.TransportApi;
import io.ptpproxy.legacy.TransportClients;
import io.ptpproxy.warmup.EventPathWarmUp;
import io.vertx.core.Vertx;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the domain objects the routes call by name, from {@code application.properties}. This is
 * the only place that knows how the pieces are put together; each is a plain class.
 */
public final class ProxyConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyConfiguration.class);
    /** Where the holdover alarm sends when a holdover deadline is due (routes/source-ptp.yaml). */
    private static final String HOLDOVER_DUE = "direct:holdover-due";

    @Override
    public void configure(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        Registry registry = context.getRegistry();
        String nodeName = nodeName(properties.resolveProperty("node.name").orElse(""));
        int apiPort = Integer.parseInt(required(properties, "api.port"));
        // tests bind their own clock to pass holdover timeouts without waiting
        Clock bound = registry.lookupByNameAndType("clock", Clock.class);
        Clock clock = bound != null ? bound : Clock.systemUTC();

        if (Boolean.parseBoolean(required(properties, "demo.enabled"))) {
            DemoFeed.writeConfig(Path.of(required(properties, "ptp.config-dir")));
        }
        PtpConfigCatalog catalog = new PtpConfigCatalog(new PtpConfigFiles(Path.of(required(properties, "ptp.config-dir")),
                Path.of(required(properties, "ptp.profile-path"), nodeName)));
        catalog.reload();
        LineCounters counters = new LineCounters();
        PrometheusMeterRegistry meterRegistry = meterRegistry(registry);
        PrometheusClockMetrics clockMetrics = new PrometheusClockMetrics(meterRegistry, nodeName);
        clockMetrics.thresholds(catalog.thresholdsByProfile());
        // nothing polls for holdover expiry: the holdover-timeout route (routes/source-ptp.yaml) runs
        // when the earliest deadline is due
        OneShotHoldoverAlarm holdoverAlarm = new OneShotHoldoverAlarm(clock, sender(context, HOLDOVER_DUE));
        addStopAction(context, holdoverAlarm::close);
        ClockStateTracker tracker = new ClockStateTracker(nodeName, catalog::profileFor, clock, clockMetrics,
                holdoverAlarm);
        SubscriptionStore store = SubscriptionStore.open(Path.of(required(properties, "store.path")),
                Integer.parseInt(required(properties, "store.max-subscriptions")), Coverage.resolver(nodeName));
        ProxyMetrics.bind(meterRegistry, counters, store);
        addUpstreamMetricsPath(context, properties, meterRegistry);
        EventIssuer issuer = new EventIssuer(new OranEventFormat(), clock);
        EndpointPolicy endpointPolicy = endpointPolicy(properties);
        VertxEventPoster poster = new VertxEventPoster(() -> deliveryVertx(context, apiPort),
                SubscriberClientOptions.create(properties.resolveProperty("delivery.tls.ca-bundle").orElse("")),
                endpointPolicy, Duration.ofMillis(Long.parseLong(required(properties, "delivery.timeout-ms"))));
        Outboxes outboxes = new Outboxes(poster,
                Integer.parseInt(required(properties, "delivery.outbox-capacity")),
                Integer.parseInt(required(properties, "delivery.evict-after-failures")),
                store::removeClient,
                new RetryPolicy(Duration.ofMillis(Long.parseLong(required(properties, "delivery.retry-initial-ms"))),
                        Duration.ofMillis(Long.parseLong(required(properties, "delivery.retry-max-ms"))),
                        Integer.parseInt(required(properties, "delivery.retry-server-error-attempts"))));
        outboxes.observe(new DeliveryMetrics(meterRegistry,
                new SubscriberLabels(Integer.parseInt(required(properties, "metrics.subscriber-label-limit"))),
                outboxes::stats));
        EventSocket socket = new EventSocket(Path.of(required(properties, "socket.path")));
        List<String> publishers = eventPublishers(properties.resolveProperty("http.event-publishers").orElse(""),
                nodeName);
        if (!publishers.isEmpty()) {
            // a consumer sidecar's events come from its publishers: no PTP source of its own
            properties.addOverrideProperty("source.ptp.enabled", "false");
        }
        boolean ptpEnabled = Boolean.parseBoolean(required(properties, "source.ptp.enabled"));
        if (ptpEnabled) {
            socket.prepare();
        }
        PublisherStore publisherStore = PublisherStore.open(Path.of(required(properties, "store.path")));
        PublisherSource publisherSource = new PublisherSource(publisherStore);
        MockSource mockSource = new MockSource(nodeName);
        // the enabled sources, in the order a subscription address is resolved and publishers listed;
        // each one's events come from its route in routes/source-*.yaml
        ResourceCatalogue catalogue = new ResourceCatalogue();
        if (ptpEnabled) {
            catalogue.register(new PtpEventSource(tracker, nodeName));
        }
        if (Boolean.parseBoolean(required(properties, "source.mock.enabled"))) {
            catalogue.register(mockSource);
        }
        catalogue.register(publisherSource);
        Duration deliveryTimeout = Duration.ofMillis(Long.parseLong(required(properties, "delivery.timeout-ms")));
        SocketAdmission admission = new SocketAdmission(Integer.parseInt(required(properties, "socket.max-connections")),
                SocketAdmission.parseUids(properties.resolveProperty("socket.allowed-uids").orElse("")),
                Duration.ofMillis(Long.parseLong(required(properties, "socket.idle-at-limit-ms"))));
        RequestGuard requestGuard = new RequestGuard();
        ProxyMetrics.bindLimits(meterRegistry, store, admission, outboxes, requestGuard);
        BearerTokenGuard tokenGuard = tokenGuard(properties);
        if (tokenGuard != null) {
            ProxyMetrics.bindUnauthorized(meterRegistry, tokenGuard);
        }
        // the API server (ApiHttpServer, from MainApp's factory) puts these in front of every route
        RouterGuards guards = new RouterGuards(tokenGuard == null ? List.of(requestGuard)
                : List.of(tokenGuard, requestGuard));
        registry.bind(RouterGuards.BEAN, guards);
        ApiConnectionGuard apiConnections = ApiConnectionGuard.from(key -> properties.resolveProperty(key).orElse(null));
        registry.bind(ApiConnectionGuard.BEAN, apiConnections);
        ProxyMetrics.bindApiConnections(meterRegistry, apiConnections);
        boolean tls = !properties.resolveProperty("api.tls.cert-file").orElse("").isBlank();
        context.addLifecycleStrategy(LifecycleStrategySupport.adapt(
                LifecycleStrategySupport.onCamelContextStarted(started -> checkGuards(apiPort, guards,
                        tokenGuard != null, tls))));

        registry.bind("ptpConfigCatalog", catalog);
        registry.bind("clockMetrics", clockMetrics);
        registry.bind("ptpLogParser", new PtpLogParser());
        registry.bind("lineCounters", counters);
        registry.bind("lineDecoder", new LineDecoderFactory(
                Integer.parseInt(required(properties, "socket.max-line-bytes")),
                () -> counters.reject(RejectReason.TOO_LONG)));
        registry.bind("socketPermissions", new SocketPermissionsPolicy(socket));
        registry.bind("socketWatch", new SocketWatch(socket, context, "ingest"));
        registry.bind("apiHealth", new ApiHealth(ptpEnabled ? socket::bound : () -> true));
        // also liveness: a socket path that stays wrong (socketWatch binds a deleted one again) needs a restart
        if (ptpEnabled) {
            registry.bind("socketHealth", new ProbeHealthCheck("socket", new SocketProbe(socket.path()), true));
        }
        registry.bind("storeHealth", new ProbeHealthCheck("store",
                new StoreProbe(Path.of(required(properties, "store.path"))), false));
        registry.bind("socketAdmission", admission);
        registry.bind("socketGate", new SocketGate(admission,
                Duration.ofMillis(Long.parseLong(required(properties, "socket.first-line-timeout-ms")))));
        registry.bind("clockStateTracker", tracker);
        registry.bind("eventIssuer", issuer);
        registry.bind("subscriptionStore", store);
        registry.bind("outboxes", outboxes);
        registry.bind("notificationApiV2", new NotificationApiV2(store, catalogue, issuer, poster, endpointPolicy, outboxes,
                transportHost(required(properties, "transport.host"), nodeName), apiPort, deliveryTimeout));
        // the generated OpenAPI document's server (OpenApiDocumentTest): UriLocation's host, the API port
        context.getRestConfiguration().setApiHost(transportHost(required(properties, "transport.host"), nodeName)
                + ":" + apiPort);
        registry.bind("resourceCatalogue", catalogue);
        registry.bind("mockSource", mockSource);
        registry.bind("publisherSource", publisherSource);
        V1SubscriptionStore v1Store = configureV1(context, catalogue, poster, endpointPolicy, outboxes, publishers,
                nodeName, apiPort, clock);
        // an evicted endpoint gets a new outbox only once it is subscribed again
        outboxes.subscribedWhen(endpoint -> store.hasEndpoint(endpoint) || v1Store.hasEndpoint(endpoint));
        LegacySubscriptions v1Subscriptions = id -> v1Store.find(id).isPresent();
        ReadyLine ready = readyLine(properties, ptpEnabled ? socket.path() : null, apiPort,
                store.size() + v1Store.all().size());
        EventPathWarmUp warmUp = new EventPathWarmUp(context,
                Integer.parseInt(required(properties, "startup.warm-up-changes")));
        registry.bind("eventPathWarmUp", warmUp);
        context.addLifecycleStrategy(LifecycleStrategySupport.adapt(
                LifecycleStrategySupport.onCamelContextStarted(started -> warmUp.startThen(() -> {
                    if (started.isStarted()) {
                        LOG.info(ready.text());
                    }
                }))));
        registry.bind("publisherApi", new PublisherApi(publisherStore, publisherSource, catalogue, poster,
                endpointPolicy, deliveryTimeout, v1Subscriptions, apiPort));
        // upstream counts the subscriptions of its one API; here both APIs' are active subscriptions
        registry.bind("frameworkMetrics", new FrameworkMetrics(meterRegistry, () -> store.size() + v1Store.all().size(),
                () -> catalogue.addresses().size()));
        registry.bind("stateChangeLog", new StateChangeLog());
        registry.bind("rejectedLinesReport", new RejectedLinesReport(counters));
        registry.bind("statusBoard", new StatusBoard(nodeName, tracker::currentValues, store::all, outboxes::stats,
                meterRegistry, clock, Integer.parseInt(required(properties, "status.offset-samples")),
                Long.parseLong(required(properties, "status.sample-ms")), counters::lastLineMillis,
                catalog::profilesByConfig));
        registry.bind("demoFeed", new DemoFeed(socket.path()));
        DemoSubscriber demoSubscriber = new DemoSubscriber(nodeName, apiPort,
                Integer.parseInt(required(properties, "demo.subscriber-port")));
        registry.bind("demoSubscriber", demoSubscriber);
        addStopAction(context, demoSubscriber::stop);
        // before any route stops: failures during shutdown must not count towards evicting anyone
        context.addLifecycleStrategy(LifecycleStrategySupport.adapt(
                LifecycleStrategySupport.onCamelContextStopping(stopping -> outboxes.close())));
    }

    /**
     * REST API v1, the v1 HTTP transport and, with {@code --http-event-publishers}, the consumer-sidecar
     * mode (no PTP source of its own; its events come from the publishers). Sets the derived
     * properties the routes start by: {@code sidecar.enabled},
     * {@code transport.port} and {@code transport.listener-enabled} (a second listener only when the
     * transport port is not the API port).
     */
    private static V1SubscriptionStore configureV1(CamelContext context, ResourceCatalogue catalogue,
                                    VertxEventPoster poster, EndpointPolicy endpointPolicy, Outboxes outboxes,
                                    List<String> publishers, String nodeName, int apiPort, Clock clock) {
        PropertiesComponent properties = context.getPropertiesComponent();
        Registry registry = context.getRegistry();
        String apiVersion = required(properties, "api.version");
        if (!apiVersion.startsWith("1") && !apiVersion.startsWith("2")) {
            throw new IllegalStateException("--api-version must be 1.x or 2.x, got " + apiVersion);
        }
        // with the AMQP transport, a proxy without a PTP source of its own is a consumer sidecar that
        // subscribes through the broker, as upstream's AMQP-era consumer sidecar (docs/transports.md)
        boolean brokerSidecar = Boolean.parseBoolean(properties.resolveProperty("transport.amqp-enabled").orElse("false"))
                && !Boolean.parseBoolean(required(properties, "source.ptp.enabled"));
        boolean sidecar = !publishers.isEmpty() || brokerSidecar;
        String transportUrl = transportUrl(required(properties, "transport.host"), nodeName);
        URI transport = URI.create(transportUrl);
        // only an http(s) transport host has an HTTP listener of its own (not amqp://, for example)
        boolean http = transport.getScheme().startsWith("http");
        int listenPort = !http || transport.getPort() < 0 ? apiPort : transport.getPort();
        properties.addOverrideProperty("sidecar.enabled", Boolean.toString(sidecar));
        properties.addOverrideProperty("transport.port", Integer.toString(listenPort));
        properties.addOverrideProperty("transport.listener-enabled", Boolean.toString(listenPort != apiPort));

        V1EventFormat format = new V1EventFormat();
        V1SubscriptionStore v1Store = V1SubscriptionStore.open(Path.of(required(properties, "store.path")));
        TransportClients clients = TransportClients.open(Path.of(required(properties, "store.path")));
        Outboxes sidecarOutboxes = new Outboxes(
                new BinaryEventPoster(poster::postWithHeaders, format),
                Integer.parseInt(required(properties, "delivery.outbox-capacity")),
                Integer.parseInt(required(properties, "delivery.evict-after-failures")),
                clients::removeByUrl,
                new RetryPolicy(Duration.ofMillis(Long.parseLong(required(properties, "delivery.retry-initial-ms"))),
                        Duration.ofMillis(Long.parseLong(required(properties, "delivery.retry-max-ms"))),
                        Integer.parseInt(required(properties, "delivery.retry-server-error-attempts"))));
        sidecarOutboxes.subscribedWhen(clients::hasUrl);
        V1Delivery delivery = new V1Delivery(v1Store, clients, format, outboxes, sidecarOutboxes);
        LocalV1Backend local = new LocalV1Backend(catalogue, format, clock);
        ConsumerSidecar consumerSidecar = new ConsumerSidecar(
                publishers.stream().map(url -> (PublisherLink) new HttpPublisherLink(url)).toList(), v1Store,
                transportUrl);
        V1Backend backend = sidecar ? consumerSidecar : local;
        registry.bind("v1SubscriptionStore", v1Store);
        registry.bind("v1Delivery", delivery);
        registry.bind("consumerSidecar", consumerSidecar);
        registry.bind("localV1Backend", local);
        registry.bind("transportApi", new TransportApi(clients, delivery, local, format, endpointPolicy));
        registry.bind("notificationApiV1", new NotificationApiV1(v1Store, backend, poster, endpointPolicy, apiPort,
                Duration.ofMillis(Long.parseLong(required(properties, "v1.endpoint-check-timeout-ms")))));
        addStopAction(context, consumerSidecar::stop);
        context.addLifecycleStrategy(LifecycleStrategySupport.adapt(
                LifecycleStrategySupport.onCamelContextStopping(stopping -> sidecarOutboxes.close())));
        LOG.info(sidecar ? "Consumer-sidecar mode (API v{}): publishers {}, own transport {}"
                : "Publisher mode (default API v{}); v1 transport on port {}", apiVersion,
                sidecar ? (brokerSidecar ? "through the AMQP broker" : publishers) : listenPort, transportUrl);
        return v1Store;
    }

    /** What the ready line names: the listeners as configured (bound), not as a client reaches them. */
    private static ReadyLine readyLine(PropertiesComponent properties, Path socket, int apiPort, int restored) {
        boolean tls = !properties.resolveProperty("api.tls.cert-file").orElse("").isBlank();
        String apiRoot = (tls ? "https://" : "http://") + properties.resolveProperty("camel.server.host").orElse("0.0.0.0")
                + ":" + apiPort;
        boolean management = Boolean.parseBoolean(properties.resolveProperty("camel.management.enabled").orElse("false"));
        List<String> metricsPaths = new ArrayList<>();
        properties.resolveProperty("metrics.upstream-path").filter(path -> !path.isBlank()).ifPresent(metricsPaths::add);
        metricsPaths.add("/observe/metrics");
        boolean statusPage = Boolean.parseBoolean(properties.resolveProperty("status.enabled").orElse("false"));
        return new ReadyLine(socket == null ? null : socket.toAbsolutePath().toString(),
                apiRoot + NotificationApiV2.BASE_PATH,
                management ? "http://" + properties.resolveProperty("camel.management.host").orElse("0.0.0.0") + ":"
                        + properties.resolveProperty("camel.management.port").orElse("9091") : null,
                metricsPaths, statusPage ? apiRoot + "/status" : null, restored);
    }

    /** The SSRF guard of every callback URL, from the {@code endpoint.*} lists. */
    private static EndpointPolicy endpointPolicy(PropertiesComponent properties) {
        try {
            return EndpointPolicy.of(properties.resolveProperty("endpoint.allowed-hosts").orElse(""),
                    properties.resolveProperty("endpoint.denied-hosts").orElse(""),
                    properties.resolveProperty("endpoint.allowed-cidrs").orElse(""),
                    properties.resolveProperty("endpoint.denied-cidrs").orElse(EndpointPolicy.DEFAULT_DENIED_CIDRS));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid endpoint policy: " + e.getMessage(), e);
        }
    }

    /**
     * upstream's --http-event-publishers: a comma list of publisher transport URLs, {@code http://}
     * added when no scheme is given, a literal {@code NODE_NAME} replaced as in --transport-host.
     */
    static List<String> eventPublishers(String list, String nodeName) {
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .map(entry -> transportUrl(entry, nodeName))
                .toList();
    }

    /** @return the full URL of a transport address: NODE_NAME replaced, {@code http://} added when missing */
    static String transportUrl(String address, String nodeName) {
        int dot = nodeName.indexOf('.');
        String resolved = address.replace("NODE_NAME", dot < 0 ? nodeName : nodeName.substring(0, dot));
        String withScheme = resolved.contains("://") ? resolved : "http://" + resolved;
        return withScheme.endsWith("/") ? withScheme.substring(0, withScheme.length() - 1) : withScheme;
    }

    /**
     * The registry camel-micrometer-prometheus scrapes (it binds it as {@code metricsRegistry}), so
     * route and clock metrics share one endpoint; created here when metrics start later. Camel's
     * meters without a description get one ({@link MissingHelp}).
     */
    private static PrometheusMeterRegistry meterRegistry(Registry registry) {
        PrometheusMeterRegistry existing = registry.lookupByNameAndType("metricsRegistry", PrometheusMeterRegistry.class);
        if (existing != null) {
            existing.config().meterFilter(new MissingHelp());
            return existing;
        }
        PrometheusMeterRegistry created = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        created.config().meterFilter(new MissingHelp());
        registry.bind("metricsRegistry", created);
        return created;
    }

    /**
     * The Vert.x instance subscribers are posted from: the API server's (no threads of its own for
     * delivery), else one in the registry (Camel K's runtime), else a new one stopped with Camel.
     */
    private static Vertx deliveryVertx(CamelContext context, int apiPort) {
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
        addStopAction(context, created::close);
        return created;
    }

    /**
     * The API server installs the guards before it listens. Where the runtime provides its own HTTP
     * server (Camel K on Quarkus), nothing did: the API then works without the request guard, and says
     * so; a configured token or TLS cannot be enforced there, so start-up fails rather than run open.
     */
    private static void checkGuards(int apiPort, RouterGuards guards, boolean tokenRequired, boolean tls) {
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

    /** The optional bearer-token authentication of the API ({@code api.auth.token-file}), or null. */
    private static BearerTokenGuard tokenGuard(PropertiesComponent properties) {
        String file = properties.resolveProperty("api.auth.token-file").orElse("");
        if (file.isBlank()) {
            return null;
        }
        long reload = Long.parseLong(properties.resolveProperty("api.credentials-reload-ms").orElse("10000"));
        try {
            return new BearerTokenGuard(Path.of(file.strip()), Duration.ofMillis(reload), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }



    /** Upstream serves its scrape at {@code /metrics}; Camel's stays at {@code /observe/metrics}. */
    private static void addUpstreamMetricsPath(CamelContext context, PropertiesComponent properties,
                                               PrometheusMeterRegistry meterRegistry) {
        String path = properties.resolveProperty("metrics.upstream-path").orElse("");
        if (!path.isBlank()) {
            try {
                context.addStartupListener(new UpstreamMetricsPath(path, meterRegistry));
            } catch (Exception e) {
                throw new IllegalStateException("Cannot serve metrics at " + path, e);
            }
        }
    }

    /** @return sends an empty message to {@code uri}, with a template made on first use and stopped with Camel */
    private static Runnable sender(CamelContext context, String uri) {
        AtomicReference<ProducerTemplate> template = new AtomicReference<>();
        addStopAction(context, () -> {
            ProducerTemplate made = template.get();
            if (made != null) {
                made.stop();
            }
        });
        return () -> template.updateAndGet(made -> made != null ? made : context.createProducerTemplate())
                .sendBody(uri, null);
    }

    private static void addStopAction(CamelContext context, Runnable action) {
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    action.run();
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("Cannot register a stop action", e);
        }
    }

    /** @return the node name, or this host's name when none is configured */
    static String nodeName(String configured) {
        if (!configured.isBlank()) {
            return configured;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * Upstream uses only the host part of --transport-host (a scheme is optional), with a literal
     * {@code NODE_NAME} replaced by the node name up to its first dot, so one manifest names the
     * per-node Service {@code ptp-event-publisher-service-NODE_NAME.<ns>.svc.cluster.local}.
     */
    static String transportHost(String transportHost, String nodeName) {
        int dot = nodeName.indexOf('.');
        String resolved = transportHost.replace("NODE_NAME", dot < 0 ? nodeName : nodeName.substring(0, dot));
        String withScheme = resolved.contains("://") ? resolved : "http://" + resolved;
        String host = URI.create(withScheme).getHost();
        return host == null ? resolved : host;
    }

    private static String required(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key)
                .orElseThrow(() -> new IllegalStateException("Missing configuration property " + key));
    }
}
