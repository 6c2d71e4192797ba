package io.ptpproxy.example.consumer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the consumer is told, from upstream's flags and environment variables.
 *
 * @param localApiAddr    host:port of this consumer's callback as the proxy reaches it ({@code --local-api-addr})
 * @param publisherAddr   host:port of the proxy's REST API v2 ({@code --http-event-publishers}, first entry)
 * @param sidecarAddr     host:port of the local v1 consumer sidecar ({@code --api-addr}), used in v1 mode only
 * @param apiVersion      which API to speak ({@code --api-version})
 * @param nodeName        node whose resources to subscribe to ({@code NODE_NAME})
 * @param consumerType    which resources ({@code CONSUMER_TYPE})
 * @param statusCheck     whether to read CurrentState periodically ({@code ENABLE_STATUS_CHECK})
 * @param healthInterval  how often to check the proxy's health and our subscriptions ({@code --health-interval})
 * @param statusInterval  how often to read CurrentState when {@code statusCheck} ({@code --status-check-interval})
 */
public record ConsumerSettings(String localApiAddr, String publisherAddr, String sidecarAddr, ApiVersion apiVersion,
                               String nodeName, ConsumerType consumerType, boolean statusCheck,
                               Duration healthInterval, Duration statusInterval) {

    /** The flags, their defaults and meaning, as {@code --help} prints them. */
    public static final String USAGE = """
            usage: java -jar ptp-event-consumer.jar [flags]
              --local-api-addr=HOST:PORT        this consumer's callback, served on PORT at /event (localhost:8989)
              --http-event-publishers=HOST:PORT the proxy's REST API; a comma list is accepted, the first is used;
                                                NODE_NAME in it becomes the short node name (localhost:9043)
              --api-version=2.0|1.0             2.0: O-RAN API of the proxy; 1.0: legacy API of a local sidecar (2.0)
              --api-addr=HOST:PORT              the local v1 consumer sidecar, for --api-version=1.0 (127.0.0.1:8089)
              --health-interval=DURATION        health and subscription check, e.g. 30s, 500ms (30s)
              --status-check-interval=DURATION  CurrentState reads with ENABLE_STATUS_CHECK=true (60s)
            environment:
              NODE_NAME            node in the resource addresses (this host's name)
              CONSUMER_TYPE        PTP, MOCK or HW (PTP)
              ENABLE_STATUS_CHECK  true to read CurrentState periodically, not only after subscribing (false)
            """;

    private static final List<String> FLAGS = List.of("--local-api-addr", "--http-event-publishers", "--api-version",
            "--api-addr", "--health-interval", "--status-check-interval");

    public ConsumerSettings {
        Objects.requireNonNull(localApiAddr, "localApiAddr cannot be null");
        Objects.requireNonNull(publisherAddr, "publisherAddr cannot be null");
        Objects.requireNonNull(sidecarAddr, "sidecarAddr cannot be null");
        Objects.requireNonNull(apiVersion, "apiVersion cannot be null");
        Objects.requireNonNull(nodeName, "nodeName cannot be null");
        Objects.requireNonNull(consumerType, "consumerType cannot be null");
        Objects.requireNonNull(healthInterval, "healthInterval cannot be null");
        Objects.requireNonNull(statusInterval, "statusInterval cannot be null");
        if (healthInterval.isZero() || healthInterval.isNegative() || statusInterval.isZero() || statusInterval.isNegative()) {
            throw new IllegalArgumentException("intervals must be positive");
        }
        callbackPort(localApiAddr);
    }

    /**
     * Reads the flags ({@code --name=value} or {@code --name value}) and the environment.
     *
     * @throws IllegalArgumentException naming the flag or variable that is wrong
     */
    public static ConsumerSettings parse(String[] args, Map<String, String> env) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (!FLAGS.contains(name)) {
                throw new IllegalArgumentException("unknown flag " + arg);
            }
            if (equals < 0 && i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            flags.put(name, equals < 0 ? args[++i] : arg.substring(equals + 1));
        }
        String nodeName = env.getOrDefault("NODE_NAME", "").isBlank() ? localHostName() : env.get("NODE_NAME");
        String publisher = flags.getOrDefault("--http-event-publishers", "localhost:9043").split(",")[0].trim();
        return new ConsumerSettings(
                flags.getOrDefault("--local-api-addr", "localhost:8989"),
                hostAndPort(substituteNode(publisher, nodeName, env.get("NODE_IP"))),
                hostAndPort(flags.getOrDefault("--api-addr", "127.0.0.1:8089")),
                ApiVersion.parse(flags.getOrDefault("--api-version", "2.0")),
                nodeName,
                ConsumerType.parse(env.getOrDefault("CONSUMER_TYPE", "PTP")),
                Boolean.parseBoolean(env.getOrDefault("ENABLE_STATUS_CHECK", "false")),
                duration("--health-interval", flags.getOrDefault("--health-interval", "30s")),
                duration("--status-check-interval", flags.getOrDefault("--status-check-interval", "60s")));
    }

    /** @return the URL the consumer calls: the proxy's API in v2 mode, the local sidecar's in v1 mode */
    public String apiBaseUrl() {
        return "http://" + (apiVersion == ApiVersion.V2 ? publisherAddr : sidecarAddr) + apiVersion.basePath();
    }

    /** @return the callback URI given to the proxy, {@code http://<local-api-addr>/event} */
    public String endpointUri() {
        return "http://" + localApiAddr + "/event";
    }

    /** @return the port the callback server listens on (on all interfaces, as upstream) */
    public int callbackPort() {
        return callbackPort(localApiAddr);
    }

    /** @return the resource addresses to subscribe to */
    public List<String> addresses() {
        return consumerType.addressesOn(nodeName);
    }

    private static int callbackPort(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        try {
            return Integer.parseInt(hostAndPort.substring(colon + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("--local-api-addr must be HOST:PORT, not '" + hostAndPort + "'", e);
        }
    }

    /** Upstream's convention: NODE_IP (when set) or else NODE_NAME up to its first dot fills in the address. */
    private static String substituteNode(String address, String nodeName, String nodeIp) {
        if (nodeIp != null && !nodeIp.isBlank() && address.contains("NODE_IP")) {
            return address.replace("NODE_IP", nodeIp);
        }
        int dot = nodeName.indexOf('.');
        return address.replace("NODE_NAME", dot < 0 ? nodeName : nodeName.substring(0, dot));
    }

    private static String hostAndPort(String address) {
        return address.replaceFirst("^https?://", "").replaceFirst("/+$", "");
    }

    private static Duration duration(String flag, String text) {
        String value = text.trim();
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(value.endsWith("s") ? value.substring(0, value.length() - 1) : value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a duration such as 30s or 500ms, not '" + text + "'", e);
        }
    }

    /** The proxy names the node after this host when NODE_NAME is unset; so does the consumer, so the two agree. */
    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
