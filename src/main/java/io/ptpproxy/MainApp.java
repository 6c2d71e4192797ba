package io.ptpproxy;

import java.util.Map;
import java.util.Optional;

import io.ptpproxy.apiserver.ApiServerFactory;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.main.Main;

/**
 * Starts the PTP event proxy: Camel Main with the routes in {@code routes/} and the wiring of
 * {@code io.ptpproxy.wiring} ({@code camel.main.configuration-classes}).
 */
public final class MainApp {

    /** How Camel's injector words a failure of a configuration class's {@code @BindToRegistry} methods. */
    private static final String POST_PROCESSING = "Error during post processing of bean";

    private MainApp() {
    }

    public static void main(String[] args) throws Exception {
        Optional<Map<String, String>> overrides;
        try {
            overrides = CommandLine.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (overrides.isEmpty()) {
            System.out.print(CommandLine.usage());
            return;
        }
        // the README's plain `java -jar` runs the proxy with the flags it ships with
        Optional<Integer> childExit = ProductionJvm.relaunchIfDefault(args);
        if (childExit.isPresent()) {
            System.exit(childExit.get());
            return;
        }
        ProductionJvm.watchLauncher();
        try {
            newMain(overrides.get()).run();
        } catch (Exception e) {
            System.err.println("ptp-event-proxy cannot start: " + rootMessage(e));
            System.exit(1);
        }
    }

    /** @return the message of the innermost cause, which names what is wrong (a path, a port) */
    static String rootMessage(Throwable failure) {
        Throwable error = failure;
        // a failure in the wiring's bean methods comes wrapped by Camel's injector, naming only the object
        while (error instanceof RuntimeCamelException && error.getCause() != null && error.getMessage() != null
                && error.getMessage().startsWith(POST_PROCESSING)) {
            error = error.getCause();
        }
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = error.getMessage() != null ? error.getMessage() : cause.toString();
        boolean causeNamed = cause.getMessage() != null && message.contains(cause.getMessage());
        return cause == error || causeNamed ? message : message + " (" + cause + ")";
    }

    /**
     * @param overrides properties that take precedence over {@code application.properties}
     * @return a Camel Main ready to run, configured exactly as the proxy runs in production
     */
    public static Main newMain(Map<String, String> overrides) {
        Main main = new Main();
        // the REST API's HTTP server: guards before any route, TLS when api.tls.* is set
        main.bind("apiServerFactory", new ApiServerFactory());
        overrides.forEach(main::addOverrideProperty);
        CommandLine.transportOverrides(overrides).forEach(main::addOverrideProperty);
        return main;
    }
}
