package io.ptpproxy.wiring;

import java.time.Clock;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ptpproxy.metrics.MissingHelp;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every concern shares: the node's name ({@code nodeName}), the wall clock ({@code clock}), the
 * meter registry ({@code metricsRegistry}) and the {@link OperatingMode} ({@code operatingMode}),
 * whose switches it publishes for the routes' {@code autoStartup} (every {@code source-ptp},
 * {@code sidecar} and {@code transport} route starts by them). First in
 * {@code camel.main.configuration-classes}: the classes after it inject these beans.
 *
 * <p>How the wiring is built, here and in the classes after it: Camel Main creates each listed class
 * in list order, injects its {@code @PropertyInject} and {@code @BeanInject} fields (beans of the
 * classes listed before it), then calls its {@code @BindToRegistry} methods, parameterless first, then
 * those whose parameters (bound by name) come from them, then those whose parameters come from these;
 * it does all this a second time before calling every class's {@code configure} in list order, and
 * before any route is created ({@link Once} makes each bean once). A bean method makes its bean and
 * registers what the bean needs at start or stop; {@code configure} is for work over the beans of
 * several concerns.
 */
public final class NodeConfiguration implements CamelConfiguration {

    private final Once once = new Once();

    private static final Logger LOG = LoggerFactory.getLogger(NodeConfiguration.class);

    @PropertyInject(value = "node.name", defaultValue = "")
    private String configuredNodeName;
    @PropertyInject(value = "api.port", defaultValue = "9043")
    private int apiPort;
    @PropertyInject(value = "api.version", defaultValue = "2.0")
    private String apiVersion;
    @PropertyInject(value = "source.ptp.enabled", defaultValue = "true")
    private boolean ptpConfigured;
    @PropertyInject(value = "http.event-publishers", defaultValue = "")
    private String eventPublishers;
    @PropertyInject(value = "transport.amqp-enabled", defaultValue = "false")
    private boolean amqpTransport;
    @PropertyInject(value = "transport.host", defaultValue = "localhost")
    private String transportHost;

    /** @return the node name of resource addresses: {@code node.name}, else this host's name */
    @BindToRegistry("nodeName")
    public String nodeName() {
        String made = once.find("nodeName");
        return made != null ? made : once.keep("nodeName", TransportAddresses.nodeName(configuredNodeName));
    }

    /**
     * The wall clock of every bean that tells time (the state tracker, events, the status page): a
     * {@code clock} bound before start is kept, as any bean bound by name replaces the wiring's
     * default (tests bind a settable one with {@code Main.bind}); otherwise the system's UTC clock.
     */
    @BindToRegistry("clock")
    public Clock clock(Registry registry) {
        Clock made = once.find("clock");
        if (made != null) {
            return made;
        }
        Clock bound = registry.lookupByNameAndType("clock", Clock.class);
        return once.keep("clock", bound != null ? bound : Clock.systemUTC());
    }

    /**
     * The registry camel-micrometer-prometheus scrapes (it binds it as {@code metricsRegistry}), so
     * route and clock metrics share one endpoint; created here when metrics start later. Camel's
     * meters without a description get one ({@link MissingHelp}).
     */
    @BindToRegistry("metricsRegistry")
    public PrometheusMeterRegistry metricsRegistry(Registry registry) {
        PrometheusMeterRegistry made = once.find("metricsRegistry");
        if (made != null) {
            return made;
        }
        PrometheusMeterRegistry existing = registry.lookupByNameAndType("metricsRegistry",
                PrometheusMeterRegistry.class);
        PrometheusMeterRegistry meters = existing != null ? existing
                : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        meters.config().meterFilter(new MissingHelp());
        return once.keep("metricsRegistry", meters);
    }

    /**
     * Decides the mode and publishes its switches, which override the configured values, for the
     * routes to start by.
     *
     * @return publisher or consumer sidecar, which sources, which transport listener
     */
    @BindToRegistry("operatingMode")
    public OperatingMode operatingMode(CamelContext context, @BeanInject("nodeName") String nodeName) {
        OperatingMode made = once.find("operatingMode");
        if (made != null) {
            return made;
        }
        if (!apiVersion.startsWith("1") && !apiVersion.startsWith("2")) {
            throw new IllegalStateException("--api-version must be 1.x or 2.x, got " + apiVersion);
        }
        OperatingMode mode = OperatingMode.decide(ptpConfigured, eventPublishers, amqpTransport, transportHost,
                nodeName, apiPort);
        mode.routeSwitches().forEach(context.getPropertiesComponent()::addOverrideProperty);
        LOG.info(mode.describe(apiVersion));
        return once.keep("operatingMode", mode);
    }
}
