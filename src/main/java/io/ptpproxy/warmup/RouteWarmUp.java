package io.ptpproxy.warmup;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ptpproxy.callback.EndpointPolicy;
import io.ptpproxy.callback.SubscriberClientOptions;
import io.ptpproxy.delivery.Outboxes;
import io.ptpproxy.delivery.RetryPolicy;
import io.ptpproxy.delivery.VertxEventPoster;
import io.ptpproxy.event.EventIssuer;
import io.ptpproxy.event.OranEventFormat;
import io.ptpproxy.ingest.LineDecoderFactory;
import io.ptpproxy.ingest.SocketAdmission;
import io.ptpproxy.ingest.SocketGate;
import io.ptpproxy.metrics.DeliveryMetrics;
import io.ptpproxy.metrics.FrameworkMetrics;
import io.ptpproxy.metrics.PrometheusClockMetrics;
import io.ptpproxy.metrics.SubscriberLabels;
import io.ptpproxy.ptp.ClockStateTracker;
import io.ptpproxy.ptp.LineCounters;
import io.ptpproxy.ptp.PtpConfigCatalog;
import io.ptpproxy.ptp.PtpConfigSource;
import io.ptpproxy.ptp.PtpLogParser;
import io.ptpproxy.ptp.RejectReason;
import io.ptpproxy.subscription.Subscription;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupSummaryLevel;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.RoutePolicySupport;

/**
 * The real {@code ingest} and {@code publish} routes ({@code routes/source-ptp.yaml},
 * {@code routes/publish.yaml}) run once more, in a throwaway {@link CamelContext} on throwaway beans
 * bound under the names the routes use: synthetic linuxptp lines are written through a UNIX socket
 * of its own into its netty consumer, and the events go through outboxes and the proxy's Vert.x
 * poster to a loopback sink. Compiled code belongs to methods, not to routes, so this compiles what
 * the first real events would otherwise run interpreted: the socket read and line framing, Camel's
 * processors between the beans (route policies, the splitter, the {@code direct:} hop, the bean and
 * method-expression calls, the route metrics' per-exchange work) and the HTTP client's request write
 * and response read.
 *
 * <p>Nothing of it stays or shows: its socket is in a temporary directory of its own (mode 0700,
 * deleted afterwards), its metrics go to a registry of its own, its state-change log and subscription
 * store are stand-ins that neither log nor write, its v1 delivery has no subscribers, its Vert.x
 * instance (the sink's server and the poster's client) is closed, and its context is stopped without
 * any start-up summary.
 */
final class RouteWarmUp {

    /** The routes run, from the files the proxy runs them from. */
    private static final List<String> ROUTE_FILES = List.of("classpath:routes/source-ptp.yaml",
            "classpath:routes/publish.yaml");
    private static final String ROUTES = "ingest,publish";
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);

    private final CamelContext proxy;
    private final int changes;
    private final Duration budget;

    /**
     * @param proxy the proxy's started context: its route metrics are mirrored, and the warm-up stops
     *     early when it stops
     * @param changes synthetic lock-state flips to write
     * @param budget how long the whole warm-up may take; it stops early beyond
     */
    RouteWarmUp(CamelContext proxy, int changes, Duration budget) {
        this.proxy = proxy;
        this.changes = changes;
        this.budget = budget;
    }

    /**
     * Runs the warm-up and removes everything it made.
     *
     * @return how many changes reached the sink
     * @throws Exception when the throwaway routes cannot be set up (the caller falls back)
     */
    int run() throws Exception {
        long deadline = System.nanoTime() + budget.toNanos();
        Path directory = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), directoryPrefix());
        try {
            return runIn(directory, deadline);
        } finally {
            delete(directory);
        }
    }

    /** @return the start of the temporary directory's name: this process's, so that a test can find what it left */
    static String directoryPrefix() {
        return "ptp-warm-up-" + ProcessHandle.current().pid() + "-";
    }

    /**
     * On a Vert.x instance of its own, closed afterwards with the sink's server and the poster's client:
     * on the proxy's own, the poster's delivery loop could not be told apart from the proxy's (deployed
     * when a subscription comes in during the warm-up) to be undeployed.
     */
    private int runIn(Path directory, long deadline) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (LoopbackSink sink = LoopbackSink.start(vertx, STEP_TIMEOUT)) {
            return drive(directory, meters, vertx, sink, deadline);
        } finally {
            meters.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private int drive(Path directory, PrometheusMeterRegistry meters, Vertx vertx, LoopbackSink sink, long deadline)
            throws Exception {
        Path socket = directory.resolve("events.sock");
        LineCounters counters = new LineCounters();
        SinkRecipients recipients = new SinkRecipients(new Subscription("warm-up",
                "/cluster/node/" + EventPathWarmUp.NODE + "/sync/ptp-status/lock-state", sink.endpoint(),
                sink.endpoint()));
        VertxEventPoster poster = new VertxEventPoster(() -> vertx, SubscriberClientOptions.create(""),
                EndpointPolicy.of("", "", "", EndpointPolicy.DEFAULT_DENIED_CIDRS), STEP_TIMEOUT);
        Outboxes outboxes = new Outboxes(poster, 16, Integer.MAX_VALUE, endpoint -> { },
                new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(1), 0));
        outboxes.observe(new DeliveryMetrics(meters, new SubscriberLabels(1), outboxes::stats));
        try (DefaultCamelContext camel = new DefaultCamelContext(false)) {
            camel.getCamelContextExtension().setName("event-path-warm-up");
            camel.disableJMX();
            camel.setStartupSummaryLevel(StartupSummaryLevel.Off);
            camel.getShutdownStrategy().setTimeout(STEP_TIMEOUT.toSeconds());
            Map.of("socket.path", socket.toString(), "source.ptp.enabled", "true", "transport.amqp-enabled", "false")
                    .forEach(camel.getPropertiesComponent()::addInitialProperty);
            bindBeans(camel.getRegistry(), directory, meters, counters, recipients, outboxes);
            measureLikeTheProxy(camel, meters);
            camel.setRouteFilterPattern(ROUTES, null);
            PluginHelper.getRoutesLoader(camel).loadRoutes(ROUTE_FILES.stream()
                    .map(file -> ResourceHelper.resolveResource(camel, file)).toArray(Resource[]::new));
            camel.start();
            try (SocketChannel writer = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                writer.connect(UnixDomainSocketAddress.of(socket));
                return write(writer, counters, recipients, sink, deadline);
            }
        } finally {
            outboxes.close();
        }
    }

    /**
     * Per change: one read of the flipping lines (an event), then one read of the same lines again
     * (no event), as the daemon's steady lines between changes; each written once the one before has
     * been counted, so that every write is a read of its own, as lines a second apart are.
     */
    private int write(SocketChannel writer, LineCounters counters, SinkRecipients recipients, LoopbackSink sink,
                      long deadline) throws IOException, InterruptedException, TimeoutException {
        long lines = 0;
        for (int change = 0; change < changes; change++) {
            if (!proxy.isStarted() || System.nanoTime() - deadline > 0) {
                return change;
            }
            List<String> read = EventPathWarmUp.lines(change);
            for (int repeat = 0; repeat < 2; repeat++) {
                writer.write(ByteBuffer.wrap((String.join("\n", read) + "\n").getBytes(StandardCharsets.UTF_8)));
                lines += read.size();
                awaitCounted(counters, lines, deadline);
            }
            if (!sink.awaitReceived(recipients.routed(), deadline)) {
                return change;
            }
        }
        return changes;
    }

    private static void awaitCounted(LineCounters counters, long lines, long deadline) throws TimeoutException {
        while (counters.accepted() + counters.ignored() + counters.rejectedTotal() < lines) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("lines not read in time");
            }
            LockSupport.parkNanos(50_000);
        }
    }

    private static void bindBeans(Registry registry, Path directory, MeterRegistry meters, LineCounters counters,
                                  SinkRecipients recipients, Outboxes outboxes) {
        PtpConfigCatalog catalog = new PtpConfigCatalog(() -> new PtpConfigSource.Contents(Map.of(), Map.of()));
        catalog.reload();
        ClockStateTracker tracker = new ClockStateTracker(EventPathWarmUp.NODE, catalog::profileFor, Clock.systemUTC(),
                new PrometheusClockMetrics(meters, EventPathWarmUp.NODE));
        // the socket's directory is the warm-up's own (0700): the file mode policy has nothing to do
        registry.bind("socketPermissions", new RoutePolicySupport() { });
        registry.bind("socketGate", new SocketGate(new SocketAdmission(4, Set.of(), Duration.ofMinutes(1)),
                Duration.ofMinutes(1)));
        registry.bind("lineDecoder", new LineDecoderFactory(65536, () -> counters.reject(RejectReason.TOO_LONG)));
        registry.bind("ptpLogParser", new PtpLogParser());
        registry.bind("ptpConfigCatalog", catalog);
        registry.bind("lineCounters", counters);
        registry.bind("clockStateTracker", tracker);
        registry.bind("stateChangeLog", new QuietStateChangeLog());
        registry.bind("eventIssuer", new EventIssuer(new OranEventFormat(), Clock.systemUTC()));
        registry.bind("frameworkMetrics", new FrameworkMetrics(meters, () -> 1, () -> 1));
        registry.bind("subscriptionStore", recipients);
        registry.bind("outboxes", outboxes);
        registry.bind("v1Delivery", new NoV1Subscribers());
    }

    /** The proxy's route metrics (camel.metrics.*), on the warm-up's own registry, so their per-exchange work runs too. */
    private void measureLikeTheProxy(CamelContext camel, MeterRegistry meters) {
        for (RoutePolicyFactory factory : proxy.getRoutePolicyFactories()) {
            if (factory instanceof MicrometerRoutePolicyFactory routeMetrics) {
                MicrometerRoutePolicyFactory copy = new MicrometerRoutePolicyFactory();
                copy.setMeterRegistry(meters);
                copy.setNamingStrategy(routeMetrics.getNamingStrategy());
                copy.setPolicyConfiguration(routeMetrics.getPolicyConfiguration());
                copy.setSkipCamelInfo(routeMetrics.isSkipCamelInfo());
                copy.setDurationUnit(routeMetrics.getDurationUnit());
                camel.addRoutePolicyFactory(copy);
            }
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
