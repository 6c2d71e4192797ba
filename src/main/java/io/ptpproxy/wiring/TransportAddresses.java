package io.ptpproxy.wiring;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/** How upstream's node name, --transport-host and --http-event-publishers values become names and URLs. */
final class TransportAddresses {

    private TransportAddresses() {
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
        String resolved = transportHost.replace("NODE_NAME", shortName(nodeName));
        String withScheme = resolved.contains("://") ? resolved : "http://" + resolved;
        String host = URI.create(withScheme).getHost();
        return host == null ? resolved : host;
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
        String resolved = address.replace("NODE_NAME", shortName(nodeName));
        String withScheme = resolved.contains("://") ? resolved : "http://" + resolved;
        return withScheme.endsWith("/") ? withScheme.substring(0, withScheme.length() - 1) : withScheme;
    }

    private static String shortName(String nodeName) {
        int dot = nodeName.indexOf('.');
        return dot < 0 ? nodeName : nodeName.substring(0, dot);
    }
}
