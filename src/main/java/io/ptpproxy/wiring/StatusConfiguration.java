package io.ptpproxy.wiring;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ptpproxy.api.NotificationApiV2;
import io.ptpproxy.delivery.Outboxes;
import io.ptpproxy.ingest.EventSocket;
import io.ptpproxy.legacy.V1SubscriptionStore;
import io.ptpproxy.ptp.ClockStateTracker;
import io.ptpproxy.ptp.LineCounters;
import io.ptpproxy.ptp.PtpConfigCatalog;
import io.ptpproxy.status.RejectedLinesReport;
import io.ptpproxy.status.StateChangeLog;
import io.ptpproxy.status.StatusBoard;
import io.ptpproxy.subscription.SubscriptionStore;
import io.ptpproxy.warmup.EventPathWarmUp;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the operator reads: the status page ({@code statusBoard}, {@code routes/status.yaml}), the
 * log of state changes ({@code stateChangeLog}, route {@code publish}) and of rejected lines
 * ({@code rejectedLinesReport}, {@code routes/operator-log.yaml}), and the one ready line once
 * every route has started and the event path is warmed up ({@code eventPathWarmUp}).
 */
public final class StatusConfiguration implements CamelConfiguration {

    private final Once once = new Once();

    private static final Logger LOG = LoggerFactory.getLogger(ReadyLine.class);

    @BeanInject("nodeName")
    private String nodeName;
    @BeanInject("clock")
    private Clock clock;
    @BeanInject("operatingMode")
    private OperatingMode mode;
    @BeanInject("metricsRegistry")
    private PrometheusMeterRegistry meters;
    @BeanInject("lineCounters")
    private LineCounters counters;
    @BeanInject("eventSocket")
    private EventSocket socket;
    @BeanInject("ptpConfigCatalog")
    private PtpConfigCatalog catalog;
    @BeanInject("clockStateTracker")
    private ClockStateTracker tracker;
    @BeanInject("subscriptionStore")
    private SubscriptionStore store;
    @BeanInject("v1SubscriptionStore")
    private V1SubscriptionStore v1Store;
    @BeanInject("outboxes")
    private Outboxes outboxes;
    @PropertyInject(value = "status.offset-samples", defaultValue = "300")
    private int offsetSamples;
    @PropertyInject(value = "status.sample-ms", defaultValue = "1000")
    private long sampleMs;
    @PropertyInject(value = "status.enabled", defaultValue = "false")
    private boolean statusPage;
    @PropertyInject(value = "api.port", defaultValue = "9043")
    private int apiPort;
    @PropertyInject(value = "api.tls.cert-file", defaultValue = "")
    private String tlsCertFile;
    @PropertyInject(value = "camel.server.host", defaultValue = "0.0.0.0")
    private String serverHost;
    @PropertyInject(value = "camel.management.enabled", defaultValue = "false")
    private boolean management;
    @PropertyInject(value = "camel.management.host", defaultValue = "0.0.0.0")
    private String managementHost;
    @PropertyInject(value = "camel.management.port", defaultValue = "9091")
    private int managementPort;
    @PropertyInject(value = "metrics.upstream-path", defaultValue = "/metrics")
    private String upstreamMetricsPath;
    @PropertyInject(value = "startup.warm-up-changes", defaultValue = "400")
    private int warmUpChanges;

    @BindToRegistry("stateChangeLog")
    public StateChangeLog stateChangeLog() {
        StateChangeLog made = once.find("stateChangeLog");
        return made != null ? made : once.keep("stateChangeLog", new StateChangeLog());
    }

    @BindToRegistry("rejectedLinesReport")
    public RejectedLinesReport rejectedLinesReport() {
        RejectedLinesReport made = once.find("rejectedLinesReport");
        return made != null ? made : once.keep("rejectedLinesReport", new RejectedLinesReport(counters));
    }

    @BindToRegistry("statusBoard")
    public StatusBoard statusBoard() {
        StatusBoard made = once.find("statusBoard");
        return made != null ? made : once.keep("statusBoard",
                new StatusBoard(nodeName, tracker::currentValues, store::all,
                        outboxes::stats, meters, clock, offsetSamples, sampleMs, counters::lastLineMillis,
                        catalog::profilesByConfig));
    }

    /** @return runs the event path on throwaway beans once every route has started (docs/performance.md) */
    @BindToRegistry("eventPathWarmUp")
    public EventPathWarmUp eventPathWarmUp(CamelContext context) {
        EventPathWarmUp made = once.find("eventPathWarmUp");
        return made != null ? made : once.keep("eventPathWarmUp", new EventPathWarmUp(context, warmUpChanges));
    }

    /**
     * Once every route has started, warms the event path up on its own thread (the context's other
     * start-up callbacks, the AMQP link for one, must not wait for it), then logs the ready line.
     */
    @Override
    public void configure(CamelContext context) {
        ReadyLine ready = readyLine(store.size() + v1Store.all().size());
        EventPathWarmUp warmUp = eventPathWarmUp(context);
        Lifecycle.onStarted(context, () -> warmUp.startThen(() -> {
            if (context.isStarted()) {
                LOG.info(ready.text());
            }
        }));
    }

    /** What the ready line names: the listeners as configured (bound), not as a client reaches them. */
    private ReadyLine readyLine(int restored) {
        String apiRoot = (tlsCertFile.isBlank() ? "http://" : "https://") + serverHost + ":" + apiPort;
        List<String> metricsPaths = new ArrayList<>();
        if (!upstreamMetricsPath.isBlank()) {
            metricsPaths.add(upstreamMetricsPath);
        }
        metricsPaths.add("/observe/metrics");
        return new ReadyLine(mode.ptpSource() ? socket.path().toAbsolutePath().toString() : null,
                apiRoot + NotificationApiV2.BASE_PATH,
                management ? "http://" + managementHost + ":" + managementPort : null,
                metricsPaths, statusPage ? apiRoot + "/status" : null, restored);
    }
}
