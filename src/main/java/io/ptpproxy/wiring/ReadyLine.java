package io.ptpproxy.wiring;

import java.util.ArrayList;
import java.util.List;

/**
 * The one log line that says the proxy is serving, with everything an operator points a tool at:
 * the daemon's socket, the API, the management server as bound (scrape and health paths) and how
 * many subscriptions came back from the store.
 *
 * @param socket absolute path of the linuxptp socket, or null when the PTP source is off
 * @param api base URL of REST API v2
 * @param management base URL of the management server, or null when it is off
 * @param metricsPaths the scrape paths on the management server
 * @param statusPage URL of the status page, or null when it is off
 * @param restored subscriptions restored from the store (v2 and v1)
 */
record ReadyLine(String socket, String api, String management, List<String> metricsPaths, String statusPage,
                 int restored) {

    /** @return the line, e.g. {@code Ready: socket /run/events.sock, API http://0.0.0.0:9043/…, …} */
    String text() {
        List<String> parts = new ArrayList<>();
        parts.add(socket == null ? "socket off (no PTP source)" : "socket " + socket);
        parts.add("API " + api + " (v1 beside it, OpenAPI at /openapi.json)");
        if (management == null) {
            parts.add("management off");
        } else {
            List<String> paths = new ArrayList<>(metricsPaths);
            paths.add("/observe/health");
            parts.add("management " + management + " (" + String.join(", ", paths) + ")");
        }
        if (statusPage != null) {
            parts.add("status page " + statusPage);
        }
        parts.add(restored + " subscription(s) restored");
        return "Ready: " + String.join(", ", parts);
    }
}
