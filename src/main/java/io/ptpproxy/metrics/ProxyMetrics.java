package io.ptpproxy.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ptpproxy.delivery.Outboxes;
import io.ptpproxy.http.RequestGuard;
import io.ptpproxy.ingest.SocketAdmission;
import io.ptpproxy.ptp.LineCounters;
import io.ptpproxy.ptp.RejectReason;
import io.ptpproxy.apiserver.ApiConnectionGuard;
import io.ptpproxy.apiauth.BearerTokenGuard;
import io.ptpproxy.subscription.SubscriptionStore;

/**
 * The proxy's own health figures, read from the objects that keep them when Prometheus scrapes:
 * socket lines by result and rejected lines by reason (upstream counts none), and the number of
 * subscriptions. Named {@code ptp_proxy_*} to stay apart from upstream's metric names.
 */
public final class ProxyMetrics {

    private ProxyMetrics() {
    }

    /** Registers the figures on the registry. */
    public static void bind(MeterRegistry registry, LineCounters lines, SubscriptionStore store) {
        FunctionCounter.builder("ptp_proxy_log_lines", lines, LineCounters::accepted)
                .description("Socket lines by result").tag("result", "accepted").register(registry);
        FunctionCounter.builder("ptp_proxy_log_lines", lines, LineCounters::ignored)
                .description("Socket lines by result").tag("result", "ignored").register(registry);
        FunctionCounter.builder("ptp_proxy_log_lines", lines, LineCounters::rejectedTotal)
                .description("Socket lines by result").tag("result", "rejected").register(registry);
        for (RejectReason reason : RejectReason.values()) {
            FunctionCounter.builder("ptp_proxy_rejected_lines", lines, counters -> counters.rejected(reason))
                    .description("Rejected socket lines by reason").tag("reason", reason.label()).register(registry);
        }
        Gauge.builder("ptp_proxy_subscriptions", store, SubscriptionStore::size)
                .description("Subscriptions in the store").register(registry);
    }

    /** Counts the REST API requests refused for a missing or wrong bearer token. */
    public static void bindUnauthorized(MeterRegistry registry, BearerTokenGuard tokens) {
        // the meter holds the guard weakly: it must be the guard itself (a method reference made here
        // would be collected and the counter read NaN)
        FunctionCounter.builder("ptp_proxy_http_requests_unauthorized", tokens, BearerTokenGuard::refused)
                .description("REST API requests answered 401 (no or a wrong bearer token, api.auth.token-file)")
                .register(registry);
    }

    /**
     * The REST API's connections (docs/reliability.md): open now, closed at once beyond
     * {@code api.max-connections}, closed for not sending a request head in time.
     */
    public static void bindApiConnections(MeterRegistry registry, ApiConnectionGuard connections) {
        Gauge.builder("ptp_proxy_api_connections", connections, ApiConnectionGuard::open)
                .description("Connections open on the REST API port").register(registry);
        FunctionCounter.builder("ptp_proxy_api_refused_connections", connections, ApiConnectionGuard::refusedByLimit)
                .description("REST API connections closed at once, by reason").tag("reason", "connection-limit")
                .register(registry);
        FunctionCounter.builder("ptp_proxy_api_refused_connections", connections,
                        ApiConnectionGuard::closedByHeaderTimeout)
                .description("REST API connections closed at once, by reason").tag("reason", "header-timeout")
                .register(registry);
    }

    /**
     * Registers what the configured limits refused or dropped (docs/reliability.md), and the socket
     * connections open now; over-long lines are already counted as {@code rejected_lines{reason="too-long"}}.
     */
    public static void bindLimits(MeterRegistry registry, SubscriptionStore store, SocketAdmission socket,
                                  Outboxes outboxes, RequestGuard requests) {
        FunctionCounter.builder("ptp_proxy_http_requests_too_large", requests, RequestGuard::tooLarge)
                .description("REST API requests answered 413 (body over camel.server.max-body-size)").register(registry);
        FunctionCounter.builder("ptp_proxy_subscriptions_refused", store, SubscriptionStore::refusedByLimit)
                .description("Subscriptions refused because store.max-subscriptions was reached").register(registry);
        Gauge.builder("ptp_proxy_socket_connections", socket, SocketAdmission::open)
                .description("Writers connected to the event socket").register(registry);
        for (SocketAdmission.Refusal reason : SocketAdmission.Refusal.values()) {
            FunctionCounter.builder("ptp_proxy_socket_refused_connections", socket, admission -> admission.refused(reason))
                    .description("Event socket connections closed at once, by reason").tag("reason", reason.label())
                    .register(registry);
        }
        for (SocketAdmission.Reclaim reason : SocketAdmission.Reclaim.values()) {
            FunctionCounter.builder("ptp_proxy_socket_reclaimed_connections", socket,
                            admission -> admission.reclaimed(reason))
                    .description("Admitted event socket writers closed for idling, by reason").tag("reason", reason.label())
                    .register(registry);
        }
        FunctionCounter.builder("ptp_proxy_outbox_dropped_events", outboxes, Outboxes::droppedTotal)
                .description("Events dropped (oldest first) from full subscriber outboxes").register(registry);
    }
}
