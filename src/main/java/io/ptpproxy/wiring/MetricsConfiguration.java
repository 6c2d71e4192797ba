package io.ptpproxy.wiring;

import java.nio.file.Path;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ptpproxy.delivery.Outboxes;
import io.ptpproxy.health.ProbeHealthCheck;
import io.ptpproxy.health.StoreProbe;
import io.ptpproxy.http.RequestGuard;
import io.ptpproxy.ingest.SocketAdmission;
import io.ptpproxy.legacy.V1SubscriptionStore;
import io.ptpproxy.metrics.FrameworkMetrics;
import io.ptpproxy.metrics.ProxyMetrics;
import io.ptpproxy.metrics.UpstreamMetricsPath;
import io.ptpproxy.ptp.LineCounters;
import io.ptpproxy.source.ResourceCatalogue;
import io.ptpproxy.subscription.SubscriptionStore;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/**
 * Metrics and health beyond each concern's own: the proxy's counters and limits over the other
 * concerns' beans ({@link ProxyMetrics}), upstream's framework metrics ({@code frameworkMetrics},
 * route {@code deliver}), upstream's scrape path
 * ({@code metrics.upstream-path}) and the store's health check ({@code storeHealth}). Listed after
 * the classes whose beans it measures.
 */
public final class MetricsConfiguration implements CamelConfiguration {

    private final Once once = new Once();

    @BeanInject("metricsRegistry")
    private PrometheusMeterRegistry meters;
    @BeanInject("lineCounters")
    private LineCounters counters;
    @BeanInject("socketAdmission")
    private SocketAdmission admission;
    @BeanInject("subscriptionStore")
    private SubscriptionStore store;
    @BeanInject("v1SubscriptionStore")
    private V1SubscriptionStore v1Store;
    @BeanInject("outboxes")
    private Outboxes outboxes;
    @BeanInject("requestGuard")
    private RequestGuard requests;
    @BeanInject("resourceCatalogue")
    private ResourceCatalogue catalogue;
    @PropertyInject(value = "store.path", defaultValue = "store")
    private String storePath;
    @PropertyInject(value = "metrics.upstream-path", defaultValue = "/metrics")
    private String upstreamPath;

    @BindToRegistry("storeHealth")
    public ProbeHealthCheck storeHealth() {
        ProbeHealthCheck made = once.find("storeHealth");
        return made != null ? made : once.keep("storeHealth",
                new ProbeHealthCheck("store", new StoreProbe(Path.of(storePath)), false));
    }

    /** @return upstream's subscription and publisher gauges; both APIs' subscriptions are active ones */
    @BindToRegistry("frameworkMetrics")
    public FrameworkMetrics frameworkMetrics() {
        FrameworkMetrics made = once.find("frameworkMetrics");
        return made != null ? made : once.keep("frameworkMetrics",
                new FrameworkMetrics(meters, () -> store.size() + v1Store.all().size(),
                        () -> catalogue.addresses().size()));
    }

    /** Registers the proxy's meters and upstream's scrape path ({@code /metrics}; Camel's stays at /observe/metrics). */
    @Override
    public void configure(CamelContext context) throws Exception {
        ProxyMetrics.bind(meters, counters, store);
        ProxyMetrics.bindLimits(meters, store, admission, outboxes, requests);
        if (!upstreamPath.isBlank()) {
            try {
                context.addStartupListener(new UpstreamMetricsPath(upstreamPath, meters));
            } catch (Exception e) {
                throw new IllegalStateException("Cannot serve metrics at " + upstreamPath, e);
            }
        }
    }
}
