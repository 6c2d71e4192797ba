package io.ptpproxy.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpMethod;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;

/**
 * Serves the Prometheus scrape at upstream's path ({@code /metrics}) on the management server, next to
 * Camel's {@code /observe/metrics}: existing ServiceMonitors and dashboards scrape {@code :9091/metrics}.
 * Camel Main has no setting for a second metrics path and platform-http routes live on the API server,
 * so the handler is added to the management server's own router once it runs.
 */
public final class UpstreamMetricsPath implements StartupListener {

    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final String path;
    private final PrometheusMeterRegistry registry;

    /**
     * @param path the path to serve, e.g. {@code /metrics}
     * @param registry the registry scraped at {@code /observe/metrics}
     */
    public UpstreamMetricsPath(String path, PrometheusMeterRegistry registry) {
        this.path = path;
        this.registry = registry;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server == null || server.getRouter() == null) {
            return;
        }
        server.getRouter().route(path).method(HttpMethod.GET).blockingHandler(request ->
                request.response().putHeader("Content-Type", CONTENT_TYPE).end(registry.scrape()));
    }
}
