package io.ptpproxy.example.consumer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpServer;

/**
 * An application consuming PTP fast events: serves {@code POST /event}, subscribes to the node's PTP
 * resources, reads their CurrentState, and keeps its subscriptions alive across proxy restarts.
 *
 * <p>Every health interval it checks {@code GET health} and lists the subscriptions; any of its
 * resources no longer listed for its callback (a proxy restarted without its store, an eviction) is
 * subscribed again. On shutdown it deletes its own subscriptions, and only those.
 */
public final class ConsumerApp implements AutoCloseable {

    private final ConsumerSettings settings;
    private final PrintStream out;
    private final NotificationApiClient api;
    /** resource address → our subscription id, for the addresses we hold a subscription to */
    private final Map<String, String> subscriptions = new ConcurrentHashMap<>();
    /** one thread: health checks and CurrentState reads never overlap */
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "consumer-checks");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean closed = new AtomicBoolean();
    private HttpServer server;
    /** null until the first check, so that the first answer is always printed */
    private volatile Boolean healthy;

    /**
     * @param settings what to subscribe to and where
     * @param out      where events and what the consumer does are printed, one line each
     */
    public ConsumerApp(ConsumerSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.api = new NotificationApiClient(settings.apiBaseUrl(), settings.apiVersion());
    }

    /** Runs the consumer until the JVM stops (Ctrl-C, SIGTERM); then it unsubscribes. */
    public static void main(String[] args) {
        if (List.of(args).contains("--help")) {
            System.out.print(ConsumerSettings.USAGE);
            return;
        }
        ConsumerSettings settings;
        try {
            settings = ConsumerSettings.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(ConsumerSettings.USAGE);
            System.exit(2);
            return;
        }
        ConsumerApp app = new ConsumerApp(settings, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "consumer-shutdown"));
        try {
            app.start();
        } catch (IOException e) {
            System.err.println("cannot serve the callback on port " + settings.callbackPort() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /** Starts the callback server, then checks the proxy and subscribes at once and every health interval. */
    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(settings.callbackPort()), 0);
        server.createContext("/event", new EventCallback(settings.apiVersion(), out));
        server.start();
        pingOwnCallback();
        out.println("consumer started: callback " + settings.endpointUri() + ", API " + api.baseUrl()
                + ", resources " + settings.addresses());
        long health = settings.healthInterval().toMillis();
        checks.scheduleWithFixedDelay(this::checkProxy, 0, health, TimeUnit.MILLISECONDS);
        if (settings.statusCheck()) {
            long status = settings.statusInterval().toMillis();
            checks.scheduleWithFixedDelay(this::readAllCurrentStates, status, status, TimeUnit.MILLISECONDS);
        }
    }

    /** Deletes the subscriptions this consumer made (not anybody else's) and stops the callback. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        checks.shutdownNow();
        try {
            checks.awaitTermination(10, TimeUnit.SECONDS);
            for (Map.Entry<String, String> subscription : subscriptions.entrySet()) {
                unsubscribe(subscription.getKey(), subscription.getValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        subscriptions.clear();
        if (server != null) {
            server.stop(0);
        }
    }

    /**
     * Sends the callback an empty POST, as v1's validation ping does: the first request a cold JVM serves
     * can take longer than the 2 s the proxy waits for the answer to its initial notification.
     */
    private void pingOwnCallback() {
        URI callback = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/event");
        try {
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(callback).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            out.println("the callback does not answer on " + callback + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkProxy() {
        try {
            boolean nowHealthy = api.healthy();
            if (!Boolean.valueOf(nowHealthy).equals(healthy)) {
                out.println(nowHealthy ? "proxy healthy: " + api.baseUrl()
                        : "proxy unhealthy or unreachable: " + api.baseUrl() + " (checking again every "
                        + settings.healthInterval().toMillis() + " ms)");
            }
            healthy = nowHealthy;
            if (nowHealthy) {
                ensureSubscribed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // a scheduled task that throws is never run again: report and try at the next check
            out.println("checking the subscriptions failed: " + e);
        }
    }

    /** Subscribes every resource the proxy does not list for our callback; reads the state of the new ones. */
    private void ensureSubscribed() throws IOException, InterruptedException {
        Map<String, String> listed = api.subscriptionsOf(settings.endpointUri());
        List<String> gained = new ArrayList<>();
        for (String address : settings.addresses()) {
            String listedId = listed.get(address);
            if (listedId != null) {
                if (subscriptions.put(address, listedId) == null) {
                    // left by an earlier run that was killed before it could unsubscribe
                    out.println("already subscribed " + address + " (" + listedId + ")");
                    gained.add(address);
                }
                continue;
            }
            if (subscriptions.remove(address) != null) {
                out.println("subscription to " + address + " is gone (proxy restarted without its store?), subscribing again");
            }
            if (subscribe(address)) {
                gained.add(address);
            }
        }
        for (String address : gained) {
            readCurrentState(address);
        }
    }

    private boolean subscribe(String address) throws IOException, InterruptedException {
        NotificationApiClient.Created created = api.subscribe(address, settings.endpointUri());
        if (created.status() != 201) {
            out.println("subscribe " + address + " -> " + created.status() + hint(created.status()));
            return false;
        }
        subscriptions.put(address, created.subscriptionId());
        out.println("subscribed " + address + " -> 201 " + created.subscriptionId());
        return true;
    }

    private String hint(int status) {
        return switch (status) {
            case 400 -> " (the proxy could not deliver the initial notification to " + settings.endpointUri()
                    + ": is --local-api-addr reachable from the proxy?)";
            case 404 -> " (the proxy does not publish this resource: check NODE_NAME and CONSUMER_TYPE)";
            case 409 -> " (it exists already; taken over at the next check)";
            default -> "";
        };
    }

    private void readAllCurrentStates() {
        if (!Boolean.TRUE.equals(healthy)) {
            return;
        }
        try {
            for (String address : settings.addresses()) {
                if (subscriptions.containsKey(address)) {
                    readCurrentState(address);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            out.println("reading CurrentState failed: " + e);
        }
    }

    private void readCurrentState(String address) throws IOException, InterruptedException {
        NotificationApiClient.State state = api.currentState(address);
        if (state.status() != 200) {
            out.println("current-state " + address + " -> " + state.status()
                    + (state.status() == 404 ? " (no state known yet)" : ""));
            return;
        }
        try {
            out.println("current-state " + ReceivedEvent.fromEitherShape(state.body()).describe(Instant.now()));
        } catch (IllegalArgumentException e) {
            out.println("current-state " + address + " -> 200 but unreadable: " + e.getMessage());
        }
    }

    private void unsubscribe(String address, String id) throws InterruptedException {
        try {
            out.println("unsubscribed " + address + " -> " + api.unsubscribe(id));
        } catch (IOException e) {
            out.println("could not unsubscribe " + address + " (" + id + "): " + e);
        }
    }
}
