package io.ptpproxy.wiring;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * How this proxy runs, decided once at start from its properties; the routes start by its
 * switches, which {@link NodeConfiguration} publishes under the property names the routes name in
 * {@code autoStartup}:
 * <ul>
 *   <li>{@code source.ptp.enabled} ({@link #ptpSource}): the PTP source (socket, ingest routes) runs
 *       when it is configured on (PTP_PLUGIN) and the proxy is not a consumer sidecar of HTTP
 *       publishers ({@code http.event-publishers} set): a sidecar's events come from its publishers.</li>
 *   <li>{@code sidecar.enabled} ({@link #sidecar}): a consumer sidecar when {@code http.event-publishers}
 *       names publishers, or when the AMQP transport is on ({@code transport.amqp-enabled}) and there is
 *       no PTP source: it then subscribes through the broker ({@link #viaBroker}), as upstream's
 *       AMQP-era sidecar. Otherwise the proxy publishes the events of its own sources.</li>
 *   <li>{@code transport.port} and {@code transport.listener-enabled} ({@link #transportPort},
 *       {@link #transportListener}): the v1 HTTP transport listens on the port of an http(s)
 *       {@code transport.host} when it names one; a second listener only when that is not the API port.</li>
 * </ul>
 *
 * @param ptpSource whether the PTP source runs
 * @param sidecar whether this proxy is a consumer sidecar (its v1 API backed by publishers)
 * @param viaBroker whether the sidecar subscribes through the AMQP broker
 * @param publishers the HTTP publishers' transport URLs (empty unless a sidecar of HTTP publishers)
 * @param transportUrl this proxy's own transport URL (where publishers send a sidecar its events)
 * @param transportPort the port the v1 HTTP transport is served on
 * @param transportListener whether that port is a listener of its own (not the API port)
 */
public record OperatingMode(boolean ptpSource, boolean sidecar, boolean viaBroker, List<String> publishers,
                            String transportUrl, int transportPort, boolean transportListener) {

    public OperatingMode {
        publishers = List.copyOf(publishers);
    }

    /**
     * @param ptpConfigured {@code source.ptp.enabled} as configured
     * @param eventPublishers {@code http.event-publishers}: a comma list of publisher transport addresses
     * @param amqpTransport {@code transport.amqp-enabled}
     * @param transportHost {@code transport.host}
     * @param nodeName the node's name (replaces {@code NODE_NAME} in the addresses)
     * @param apiPort {@code api.port}
     * @return the mode these settings select
     */
    public static OperatingMode decide(boolean ptpConfigured, String eventPublishers, boolean amqpTransport,
                                       String transportHost, String nodeName, int apiPort) {
        List<String> publishers = TransportAddresses.eventPublishers(eventPublishers, nodeName);
        boolean ptpSource = ptpConfigured && publishers.isEmpty();
        boolean viaBroker = amqpTransport && !ptpSource;
        String transportUrl = TransportAddresses.transportUrl(transportHost, nodeName);
        URI transport = URI.create(transportUrl);
        // only an http(s) transport host has an HTTP listener of its own (not amqp://, for example)
        boolean http = transport.getScheme().startsWith("http");
        int port = !http || transport.getPort() < 0 ? apiPort : transport.getPort();
        return new OperatingMode(ptpSource, !publishers.isEmpty() || viaBroker, viaBroker, publishers, transportUrl,
                port, port != apiPort);
    }

    /** @return the switches the routes start by, by property name */
    public Map<String, String> routeSwitches() {
        return Map.of("source.ptp.enabled", Boolean.toString(ptpSource),
                "sidecar.enabled", Boolean.toString(sidecar),
                "transport.port", Integer.toString(transportPort),
                "transport.listener-enabled", Boolean.toString(transportListener));
    }

    /** @return the start-up log line naming the mode */
    public String describe(String apiVersion) {
        return sidecar
                ? "Consumer-sidecar mode (API v" + apiVersion + "): publishers "
                        + (viaBroker ? "through the AMQP broker" : publishers) + ", own transport " + transportUrl
                : "Publisher mode (default API v" + apiVersion + "); v1 transport on port " + transportPort;
    }
}
