package io.ptpproxy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the upstream cloud-event-proxy flags and environment variables onto the keys of
 * {@code application.properties}. Precedence: command-line flag, then environment variable, then
 * the properties file. Flags take {@code --flag=value} or {@code --flag value}; {@code --demo} alone
 * or as {@code --demo=true|false}. A value that cannot work (a port that is not a number, a switch
 * that is not true or false) is refused here, naming the flag or variable it came from.
 */
public final class CommandLine {

    /**
     * One option.
     *
     * @param flag the command-line flag, or null for an environment variable only
     * @param env the environment variable
     * @param property the application property it sets
     * @param help one line for {@code --help}
     */
    record Option(String flag, String env, String property, String help) {
    }

    static final List<Option> OPTIONS = List.of(
            new Option("--api-port", "API_PORT", "api.port", "REST API port (9043)"),
            new Option("--store-path", "STORE_PATH", "store.path", "directory of the subscription files"),
            new Option("--transport-host", "TRANSPORT_HOST", "transport.host",
                    "host named in subscription UriLocation; amqp://host[:port] also publishes to that AMQP broker"),
            new Option("--metrics-addr", "METRICS_ADDR", "metrics.addr", "metrics listen address (:9091)"),
            new Option("--socket-path", "SOCKET_PATH", "socket.path",
                    "UNIX socket the linuxptp daemon writes to (/cloud-native/events.sock)"),
            new Option("--ptp-config-dir", "PTP_CONFIG_DIR", "ptp.config-dir",
                    "directory of the daemon's ptp4l.N.config files (/var/run)"),
            new Option("--ptp-profile-path", "PTP_PROFILE_PATH", "ptp.profile-path",
                    "directory of the PtpConfig profile file named after the node (/etc/linuxptp)"),
            new Option("--node-name", "NODE_NAME", "node.name", "node name used in resource addresses"),
            new Option("--status-page", "STATUS_PAGE", "status.enabled",
                    "serve the status page at /status on the API port (true|false; on with --demo)"),
            new Option("--api-version", "API_VERSION", "api.version",
                    "REST API version called the default (2.0; v1 and v2 are both served)"),
            new Option("--http-event-publishers", "HTTP_EVENT_PUBLISHERS", "http.event-publishers",
                    "consumer-sidecar mode: comma list of publisher transport URLs"),
            new Option("--api-tls-cert", "API_TLS_CERT", "api.tls.cert-file",
                    "PEM certificate chain: TLS on the API port (default: plain HTTP)"),
            new Option("--api-tls-key", "API_TLS_KEY", "api.tls.key-file", "PEM private key of the API certificate"),
            new Option("--api-tls-client-ca", "API_TLS_CLIENT_CA", "api.tls.client-ca-file",
                    "PEM client CA bundle: clients must present a certificate from it (mutual TLS)"),
            new Option("--api-token-file", "API_TOKEN_FILE", "api.auth.token-file",
                    "bearer tokens, one per line, required on the API but health"),
            new Option("--subscriber-ca-bundle", "SUBSCRIBER_CA_BUNDLE", "delivery.tls.ca-bundle",
                    "PEM CA bundle trusted for https subscriber callbacks (default: the JVM's)"));

    /** Upstream's plugin switches, environment variables only (upstream has no flags for them). */
    static final List<Option> SWITCHES = List.of(
            new Option(null, "PTP_PLUGIN", "source.ptp.enabled", "PTP source: linuxptp lines from the socket (true)"),
            new Option(null, "MOCK_PLUGIN", "source.mock.enabled",
                    "mock source: an event on /cluster/node/<node>/mock every 45 s (false)"));

    /** Properties set by {@code --demo}, unless given explicitly: a self-contained work directory. */
    static final Map<String, String> DEMO_DEFAULTS = Map.of(
            "socket.path", "target/demo/events.sock",
            "store.path", "target/demo/store",
            "ptp.config-dir", "target/demo/run",
            "ptp.profile-path", "target/demo/profiles");

    /** The AMQP transport's configuration class, only in ptp-event-proxy-amqp-runner.jar (docs/transports.md). */
    static final String AMQP_CONFIGURATION = "io.ptpproxy.amqp.AmqpConfiguration";
    /**
     * The wiring, one configuration class per concern, in the order Camel Main runs them (each injects
     * beans of those before it): {@code camel.main.configuration-classes} of application.properties.
     */
    public static final String CONFIGURATION_CLASSES = "io.ptpproxy.wiring.NodeConfiguration,"
            + "io.ptpproxy.wiring.DemoConfiguration,io.ptpproxy.wiring.PtpConfiguration,"
            + "io.ptpproxy.wiring.IngestConfiguration,io.ptpproxy.wiring.DeliveryConfiguration,"
            + "io.ptpproxy.wiring.SourceConfiguration,io.ptpproxy.wiring.LegacyConfiguration,"
            + "io.ptpproxy.wiring.ApiConfiguration,io.ptpproxy.wiring.StatusConfiguration,"
            + "io.ptpproxy.wiring.MetricsConfiguration";

    /**
     * Every route file, named (a wildcard makes Camel inflate the whole runner jar to find them), in
     * the order Camel starts them: a route after those it sends to, the REST APIs last, so that the
     * first 200 from v2 {@code health} finds every route started: {@code camel.main.routes-include-pattern}
     * of application.properties.
     */
    public static final String ROUTES = "classpath:routes/respond.yaml,classpath:routes/publish.yaml,"
            + "classpath:routes/source-ptp.yaml,classpath:routes/source-mock.yaml,"
            + "classpath:routes/source-publisher-api.yaml,classpath:routes/transport.yaml,"
            + "classpath:routes/sidecar.yaml,classpath:routes/operator-log.yaml,"
            + "classpath:routes/demo.yaml,classpath:routes/status.yaml,classpath:routes/openapi.yaml,"
            + "classpath:routes/api-v1.yaml,classpath:routes/api-v2.yaml";
    /** The AMQP transport's route files (routes-amqp/), only in ptp-event-proxy-amqp-runner.jar. */
    public static final String AMQP_ROUTES = "classpath:routes-amqp/amqp.yaml";

    /** Properties whose value is a TCP port. */
    private static final Set<String> PORTS = Set.of("api.port");
    /** Properties whose value is true or false. */
    private static final Set<String> SWITCH_PROPERTIES = Set.of("status.enabled");

    private CommandLine() {
    }

    /**
     * @param args the command-line arguments
     * @param env the process environment
     * @return the property overrides, or empty when {@code --help} was asked for
     * @throws IllegalArgumentException on an unknown flag or a flag without its value
     */
    public static Optional<Map<String, String>> parse(String[] args, Map<String, String> env) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (Option option : SWITCHES) {
            String value = env.get(option.env());
            if (value != null && !value.isBlank()) {
                overrides.put(option.property(), Boolean.toString(Boolean.parseBoolean(value.trim())));
            }
        }
        for (Option option : OPTIONS) {
            String value = env.get(option.env());
            if (value != null && !value.isBlank()) {
                overrides.put(option.property(), checked(option.env(), option.property(), value));
            }
        }
        boolean demo = Boolean.parseBoolean(env.getOrDefault("DEMO", "false"));
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return Optional.empty();
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--demo")) {
                demo = arg.equals(name) || bool(name, arg.substring(name.length() + 1));
                continue;
            }
            Option option = find(name);
            if (arg.contains("=")) {
                flags.put(option.property(), checked(name, option.property(), arg.substring(arg.indexOf('=') + 1)));
            } else if (i + 1 < args.length) {
                flags.put(option.property(), checked(name, option.property(), args[++i]));
            } else {
                throw new IllegalArgumentException("Flag " + name + " needs a value");
            }
        }
        if (demo) {
            overrides.put("demo.enabled", "true");
            DEMO_DEFAULTS.forEach(overrides::putIfAbsent);
        }
        overrides.putAll(flags);
        String metricsAddr = overrides.remove("metrics.addr");
        if (metricsAddr != null) {
            overrides.putAll(metricsListen(metricsAddr));
        }
        return Optional.of(overrides);
    }

    /**
     * The AMQP transport switch, as upstream: a {@code --transport-host} of {@code amqp://host[:port]}
     * (or {@code amqps://}) also publishes every event to that broker, so its routes and configuration
     * are loaded; {@code amqp://nohup} means no broker.
     *
     * @param overrides the property overrides in force
     * @return the extra properties the transport needs (none for HTTP)
     * @throws IllegalArgumentException when the AMQP transport is asked of a jar without it
     */
    public static Map<String, String> transportOverrides(Map<String, String> overrides) {
        String transport = overrides.getOrDefault("transport.host", "");
        boolean amqp = transport.startsWith("amqp://") || transport.startsWith("amqps://");
        if (!amqp || transport.equals("amqp://nohup")) {
            return Map.of();
        }
        try {
            Class.forName(AMQP_CONFIGURATION, false, CommandLine.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("--transport-host " + transport
                    + " needs the AMQP transport: run ptp-event-proxy-amqp-runner.jar");
        }
        // the broker's host means nothing to an HTTP subscriber: UriLocation names localhost, the default
        return Map.of("transport.amqp-enabled", "true",
                "amqp.url", transport,
                "transport.host", "localhost",
                "camel.main.routes-include-pattern", ROUTES + "," + AMQP_ROUTES,
                "camel.main.configuration-classes", CONFIGURATION_CLASSES + "," + AMQP_CONFIGURATION);
    }

    /** @return the value, when it can work for the property; {@code source} names the flag or variable */
    private static String checked(String source, String property, String value) {
        if (PORTS.contains(property)) {
            port(source, value.strip());
        } else if (SWITCH_PROPERTIES.contains(property)) {
            bool(source, value);
        }
        return value;
    }

    private static void port(String source, String value) {
        boolean number = !value.isEmpty() && value.length() <= 5 && value.chars().allMatch(Character::isDigit);
        if (!number || Integer.parseInt(value) > 65535) {
            throw new IllegalArgumentException(source + ": not a port number: " + value);
        }
    }

    private static boolean bool(String source, String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException(source + ": not true or false: " + value);
        }
        return Boolean.parseBoolean(text);
    }

    /** Splits upstream's {@code [host]:port} metrics address into the management server settings. */
    static Map<String, String> metricsListen(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("--metrics-addr must be [host]:port, got " + address);
        }
        String host = colon == 0 ? "0.0.0.0" : address.substring(0, colon);
        String port = address.substring(colon + 1);
        port("--metrics-addr", port);
        return Map.of("camel.management.host", host, "camel.management.port", port);
    }

    /** @return the usage text */
    public static String usage() {
        StringBuilder text = new StringBuilder("Usage: java -jar ptp-event-proxy-runner.jar [options]\n");
        for (Option option : OPTIONS) {
            text.append(String.format("  %-22s %-18s %s%n", option.flag() + "=V", "(" + option.env() + ")",
                    option.help()));
        }
        text.append(String.format("  %-22s %-18s %s%n", "--demo[=true|false]", "(DEMO=true)",
                "replay a recorded linuxptp session into the socket and print the events"));
        for (Option option : SWITCHES) {
            text.append(String.format("  %-22s %-18s %s%n", "", "(" + option.env() + "=true|false)", option.help()));
        }
        return text.toString();
    }

    private static Option find(String flag) {
        return OPTIONS.stream()
                .filter(option -> option.flag().equals(flag))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown flag " + flag + "\n" + usage()));
    }
}
