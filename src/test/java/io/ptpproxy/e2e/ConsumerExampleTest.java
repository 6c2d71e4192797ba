package io.ptpproxy.e2e;

import static io.ptpproxy.fixtures.OranEventAssert.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.ptpproxy.example.consumer.ApiVersion;
import io.ptpproxy.example.consumer.ConsumerApp;
import io.ptpproxy.example.consumer.ConsumerSettings;
import io.ptpproxy.example.consumer.ConsumerType;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import io.ptpproxy.subscription.ClientId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The consumer example (examples/consumer) run against the real proxy: what it subscribes, reads and prints. */
class ConsumerExampleTest {

    private static final String NODE = "/cluster/node/" + RunningProxy.NODE;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern TIMED = Pattern.compile(
            "time=(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z) latency=-?\\d+ms");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final String OS_CLOCK = NODE + "/sync/sync-status/os-clock-sync-state";
    private static final String CLOCK_CLASS = NODE + "/sync/ptp-status/clock-class";
    private static final String LOCK_STATE = NODE + "/sync/ptp-status/lock-state";
    private static final String GNSS = NODE + "/sync/gnss-status/gnss-sync-status";
    private static final String SYNC_STATE = NODE + "/sync/sync-status/sync-state";
    private static final Map<String, String> TYPES = Map.of(
            "/sync/sync-status/os-clock-sync-state", "event.sync.sync-status.os-clock-sync-state-change",
            "/sync/ptp-status/clock-class", "event.sync.ptp-status.ptp-clock-class-change",
            "/sync/ptp-status/lock-state", "event.sync.ptp-status.ptp-state-change",
            "/sync/gnss-status/gnss-sync-status", "event.sync.gnss-status.gnss-state-change",
            "/sync/sync-status/sync-state", "event.sync.sync-status.synchronization-state-change");

    @TempDir
    Path work;

    @Test
    void should_subscribe_read_current_state_print_events_and_resubscribe_after_a_restart() throws Exception {
        int apiPort = RunningProxy.freePort();
        Map<String, String> samePort = Map.of("api.port", Integer.toString(apiPort));
        List<String> lines = recorded("04-faulty-holdover-freerun.log");
        ConsumerSettings settings = v2Settings(apiPort, RunningProxy.freePort());
        String api = "http://127.0.0.1:" + apiPort + "/api/ocloudNotifications/v2";
        Printed printed = new Printed();
        try (RecordingSubscriber other = RecordingSubscriber.start()) {
            ConsumerApp consumer = new ConsumerApp(settings, printed.stream());
            try (RunningProxy proxy = RunningProxy.start(ocFixture("first"), samePort)) {
                write(proxy, lines.subList(0, 5));
                awaitLinesProcessed(proxy, 5);
                consumer.start();

                List<String> startUp = printed.take(17);
                assertEquals(List.of(
                        "consumer started: callback " + settings.endpointUri() + ", API " + api + ", resources "
                                + List.of(OS_CLOCK, CLOCK_CLASS, LOCK_STATE, GNSS, SYNC_STATE),
                        "proxy healthy: " + api,
                        osClock("event", "LOCKED", 5), "subscribed " + OS_CLOCK + " -> 201 <id>",
                        placeholder("event", CLOCK_CLASS, "event-not-found"), "subscribed " + CLOCK_CLASS + " -> 201 <id>",
                        lockState("event", "LOCKED", -11), "subscribed " + LOCK_STATE + " -> 201 <id>",
                        placeholder("event", GNSS, "event-not-found"), "subscribed " + GNSS + " -> 201 <id>",
                        syncState("event", "LOCKED"), "subscribed " + SYNC_STATE + " -> 201 <id>",
                        osClock("current-state", "LOCKED", 5),
                        "current-state " + CLOCK_CLASS + " -> 404 (no state known yet)",
                        lockState("current-state", "LOCKED", -11),
                        "current-state " + GNSS + " -> 404 (no state known yet)",
                        syncState("current-state", "LOCKED")), normalized(startUp));
                assertEquals(subscriptionIds(startUp), listedIds(proxy, settings.endpointUri()));

                write(proxy, lines.subList(5, lines.size()));
                assertEquals(List.of(lockState("event", "HOLDOVER", -4), syncState("event", "HOLDOVER"),
                        osClock("event", "HOLDOVER", 3)), normalized(printed.take(3)));
            }

            printed.skipUntil("proxy unhealthy or unreachable: " + api + " (checking again every 200 ms)");
            try (RunningProxy proxy = RunningProxy.start(ocFixture("second"), samePort)) {
                List<String> again = printed.take(21);
                List<String> expected = new ArrayList<>(List.of("proxy healthy: " + api));
                for (String address : List.of(OS_CLOCK, CLOCK_CLASS, LOCK_STATE, GNSS, SYNC_STATE)) {
                    expected.addAll(List.of(
                            "subscription to " + address + " is gone (proxy restarted without its store?), subscribing again",
                            placeholder("event", address, "ptp-not-set"), "subscribed " + address + " -> 201 <id>"));
                }
                for (String address : List.of(OS_CLOCK, CLOCK_CLASS, LOCK_STATE, GNSS, SYNC_STATE)) {
                    expected.add("current-state " + address + " -> 404 (no state known yet)");
                }
                assertEquals(expected, normalized(again));
                assertEquals(subscriptionIds(again), listedIds(proxy, settings.endpointUri()));

                write(proxy, lines.subList(0, 5));
                assertEquals(List.of(lockState("event", "LOCKED", -11), syncState("event", "LOCKED"),
                        osClock("event", "LOCKED", 5)), normalized(printed.take(3)));

                assertEquals(201, proxy.subscribe(LOCK_STATE, other.uri()).statusCode());
                consumer.close();
                assertEquals(Set.of(OS_CLOCK, CLOCK_CLASS, LOCK_STATE, GNSS, SYNC_STATE).stream()
                                .map(address -> "unsubscribed " + address + " -> 204").collect(Collectors.toSet()),
                        new HashSet<>(printed.take(5)));
                JsonNode left = parse(proxy.send("GET", proxy.v2() + "/subscriptions", null).body());
                assertEquals(1, left.size(), "only the other application's subscription is left: " + left);
                assertEquals(other.uri(), left.get(0).path("EndpointUri").asText());
            }
        }
    }

    @Test
    void should_read_current_state_periodically_with_enable_status_check() throws Exception {
        int apiPort = RunningProxy.freePort();
        ConsumerSettings settings = new ConsumerSettings("127.0.0.1:" + RunningProxy.freePort(), "127.0.0.1:" + apiPort,
                "127.0.0.1:8089", ApiVersion.V2, RunningProxy.NODE, ConsumerType.PTP, true,
                Duration.ofSeconds(60), Duration.ofMillis(300));
        Printed printed = new Printed();
        try (RunningProxy proxy = RunningProxy.start(ocFixture("status"), Map.of("api.port", Integer.toString(apiPort)));
             ConsumerApp consumer = new ConsumerApp(settings, printed.stream())) {
            write(proxy, recorded("04-faulty-holdover-freerun.log").subList(0, 5));
            awaitLinesProcessed(proxy, 5);
            consumer.start();
            printed.take(17);
            List<String> currentStates = List.of(osClock("current-state", "LOCKED", 5),
                    "current-state " + CLOCK_CLASS + " -> 404 (no state known yet)",
                    lockState("current-state", "LOCKED", -11),
                    "current-state " + GNSS + " -> 404 (no state known yet)",
                    syncState("current-state", "LOCKED"));
            assertEquals(currentStates, normalized(printed.take(5)), "read again after the status interval");
            assertEquals(currentStates, normalized(printed.take(5)), "and again");
        }
    }

    @Test
    void should_answer_the_v1_validation_ping_and_print_a_cloud_native_event() throws Exception {
        int sidecarPort = RunningProxy.freePort();
        ConsumerSettings settings = new ConsumerSettings("127.0.0.1:" + RunningProxy.freePort(), "127.0.0.1:9043",
                "127.0.0.1:" + sidecarPort, ApiVersion.V1, "compute-1.example.com", ConsumerType.PTP, false,
                Duration.ofMillis(200), Duration.ofSeconds(60));
        Printed printed = new Printed();
        try (ConsumerApp consumer = new ConsumerApp(settings, printed.stream())) {
            consumer.start();
            String sidecar = "http://127.0.0.1:" + sidecarPort + "/api/ocloudNotifications/v1";
            assertEquals("proxy unhealthy or unreachable: " + sidecar + " (checking again every 200 ms)", printed.take(2).get(1));

            assertEquals(204, post(settings.endpointUri(), "").statusCode(), "the empty-body validation ping");
            String event = """
                    {"id":"4f3b9c6e-1f2a-4d8e-9a0b-2c3d4e5f6a7b","type":"event.sync.ptp-status.ptp-state-change",
                     "source":"/cluster/node/compute-1.example.com/sync/ptp-status/lock-state",
                     "dataContentType":"application/json","time":"2023-01-10T02:41:57.094981478Z",
                     "data":{"version":"v1","values":[
                      {"resource":"/cluster/node/compute-1.example.com/ens5fx/master","dataType":"notification",
                       "valueType":"enumeration","value":"LOCKED"},
                      {"resource":"/cluster/node/compute-1.example.com/ens5fx/master","dataType":"metric",
                       "valueType":"decimal64.3","value":"29"}]}}""";
            assertEquals(204, post(settings.endpointUri(), event).statusCode());
            String master = "/cluster/node/compute-1.example.com/ens5fx/master";
            assertEquals(List.of("event type=event.sync.ptp-status.ptp-state-change"
                    + " source=/cluster/node/compute-1.example.com/sync/ptp-status/lock-state"
                    + " time=<t> latency=<l>ms values=[" + master + " notification=LOCKED, " + master + " metric=29]"),
                    normalized(printed.take(1)));
            assertTrue(printed.lastTaken().contains("time=2023-01-10T02:41:57.094981478Z "), printed.lastTaken());

            assertEquals(400, post(settings.endpointUri(), "{\"type\":\"x\"}").statusCode());
            assertEquals("rejected an event (answered 400): 'source' is missing", printed.take(1).get(0));
        }
    }

    /**
     * The v1 two-sidecar round trip: proxy A publishes from its socket, proxy B is the application's
     * consumer sidecar (--http-event-publishers = A's transport), and the example in v1 mode
     * subscribes on B's v1 API and prints what A's lines became.
     */
    @Test
    void should_receive_v1_events_through_a_consumer_sidecar() throws Exception {
        int transportA = RunningProxy.freePort();
        int transportB = RunningProxy.freePort();
        Printed printed = new Printed();
        try (RunningProxy a = RunningProxy.start(ocFixture("publisher"),
                     Map.of("transport.host", "127.0.0.1:" + transportA));
             RunningProxy b = RunningProxy.start(work.resolve("sidecar"), Map.of(
                     "transport.host", "127.0.0.1:" + transportB,
                     "http.event-publishers", "127.0.0.1:" + transportA,
                     "api.version", "1.0",
                     "sidecar.health-check-ms", "200"))) {
            ConsumerSettings settings = new ConsumerSettings("127.0.0.1:" + RunningProxy.freePort(),
                    "127.0.0.1:" + transportA, "127.0.0.1:" + b.apiPort(), ApiVersion.V1, RunningProxy.NODE,
                    ConsumerType.PTP, false, Duration.ofMillis(200), Duration.ofSeconds(60));
            try (ConsumerApp consumer = new ConsumerApp(settings, printed.stream())) {
                consumer.start();
                printed.skipUntil("proxy healthy: " + b.v1());
                List<String> subscribed = new ArrayList<>();
                while (subscribed.size() < 5) {
                    String next = printed.take(1).get(0);
                    if (next.startsWith("subscribed ")) {
                        subscribed.add(next.substring(0, next.lastIndexOf(' ')));
                    }
                }
                assertEquals(List.of(OS_CLOCK, CLOCK_CLASS, LOCK_STATE, GNSS, SYNC_STATE).stream()
                        .map(address -> "subscribed " + address + " -> 201").toList(), subscribed);
                awaitRegistrationAt(a, transportB);

                write(a, recorded("04-faulty-holdover-freerun.log").subList(0, 5));
                List<String> events = new ArrayList<>();
                while (events.size() < 3) {
                    String next = printed.take(1).get(0);
                    if (next.startsWith("event ")) {
                        events.add(next);
                    }
                }
                // v1 events name the whole resource address as their source
                assertEquals(List.of(
                        lockState("event", "LOCKED", -11).replace("source=", "source=" + NODE),
                        syncState("event", "LOCKED").replace("source=", "source=" + NODE),
                        osClock("event", "LOCKED", 5).replace("source=", "source=" + NODE)), normalized(events));
            }
        }
    }

    /**
     * Waits until the publisher has stored the sidecar's registration of all five resources (the
     * sidecar registers as the application subscribes, so an early file may name fewer).
     */
    private static void awaitRegistrationAt(RunningProxy publisher, int sidecarTransportPort) throws Exception {
        Path file = publisher.storePath().resolve("transport")
                .resolve(ClientId.of("http://127.0.0.1:" + sidecarTransportPort) + ".json");
        List<String> resources = List.of(OS_CLOCK, CLOCK_CLASS, LOCK_STATE, GNSS, SYNC_STATE);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!registeredAll(file, resources) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(registeredAll(file, resources), "all five resources registered in " + file);
    }

    private static boolean registeredAll(Path file, List<String> resources) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        String registration = Files.readString(file);
        return resources.stream().allMatch(resource -> registration.contains("\"" + resource + "\""));
    }

    @Test
    void should_answer_400_to_a_v2_event_it_cannot_parse_and_204_to_a_cloud_event() throws Exception {
        int proxyPort = RunningProxy.freePort();
        ConsumerSettings settings = v2Settings(proxyPort, RunningProxy.freePort());
        Printed printed = new Printed();
        try (ConsumerApp consumer = new ConsumerApp(settings, printed.stream())) {
            consumer.start();
            printed.take(2);
            String noSpecVersion = """
                    {"id":"1","source":"/sync/ptp-status/lock-state","type":"event.sync.ptp-status.ptp-state-change",
                     "time":"2026-01-10T02:41:57.094981Z","data":{"version":"1.0","values":[]}}""";
            assertEquals(400, post(settings.endpointUri(), noSpecVersion).statusCode());
            assertEquals("rejected an event (answered 400): not a CloudEvent: Missing mandatory specversion attribute",
                    printed.take(1).get(0));
            assertEquals(204, post(settings.endpointUri(), "{\"specversion\":\"1.0\"," + noSpecVersion.substring(1))
                    .statusCode());
            assertEquals(List.of(line("event", "event.sync.ptp-status.ptp-state-change", "/sync/ptp-status/lock-state", "")),
                    normalized(printed.take(1)));
            assertEquals(204, post(settings.endpointUri(), "").statusCode());
        }
    }

    @Test
    void should_read_upstream_flags_and_environment() {
        ConsumerSettings settings = ConsumerSettings.parse(new String[] {
                "--local-api-addr=consumer-events-subscription-service.cloud-events.svc.cluster.local:9043",
                "--http-event-publishers", "ptp-event-publisher-service-NODE_NAME.openshift-ptp.svc.cluster.local:9043,x:1",
                "--health-interval=500ms", "--status-check-interval=2m"},
                Map.of("NODE_NAME", "compute-1.example.com", "CONSUMER_TYPE", "ptp", "ENABLE_STATUS_CHECK", "true"));
        assertEquals(new ConsumerSettings("consumer-events-subscription-service.cloud-events.svc.cluster.local:9043",
                "ptp-event-publisher-service-compute-1.openshift-ptp.svc.cluster.local:9043", "127.0.0.1:8089",
                ApiVersion.V2, "compute-1.example.com", ConsumerType.PTP, true, Duration.ofMillis(500),
                Duration.ofMinutes(2)), settings);
        assertEquals("http://ptp-event-publisher-service-compute-1.openshift-ptp.svc.cluster.local:9043"
                + "/api/ocloudNotifications/v2", settings.apiBaseUrl());
        assertEquals("http://consumer-events-subscription-service.cloud-events.svc.cluster.local:9043/event",
                settings.endpointUri());

        ConsumerSettings v1 = ConsumerSettings.parse(new String[] {"--api-version=1.0", "--api-addr=127.0.0.1:8089"},
                Map.of("NODE_NAME", "node1", "CONSUMER_TYPE", "MOCK"));
        assertEquals("http://127.0.0.1:8089/api/ocloudNotifications/v1", v1.apiBaseUrl());
        assertEquals(List.of("/cluster/node/node1/mock"), v1.addresses());
        assertEquals("http://localhost:8989/event", v1.endpointUri());

        assertEquals("unknown flag --api-port=9043", assertThrows(IllegalArgumentException.class,
                () -> ConsumerSettings.parse(new String[] {"--api-port=9043"}, Map.of())).getMessage());
        assertEquals("--api-version must be 1.0 or 2.0, not '3'", assertThrows(IllegalArgumentException.class,
                () -> ConsumerSettings.parse(new String[] {"--api-version=3"}, Map.of())).getMessage());
        assertEquals("CONSUMER_TYPE must be PTP, MOCK or HW, not 'GPS'", assertThrows(IllegalArgumentException.class,
                () -> ConsumerSettings.parse(new String[0], Map.of("CONSUMER_TYPE", "GPS"))).getMessage());
        assertEquals("--health-interval must be a duration such as 30s or 500ms, not 'soon'",
                assertThrows(IllegalArgumentException.class,
                        () -> ConsumerSettings.parse(new String[] {"--health-interval=soon"}, Map.of())).getMessage());
    }

    private static HttpResponse<String> post(String uri, String body) throws IOException, InterruptedException {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(uri))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String lockState(String prefix, String state, long offset) {
        String address = NODE + "/ens5fx/master";
        return line(prefix, "event.sync.ptp-status.ptp-state-change", "/sync/ptp-status/lock-state",
                address + " notification=" + state + ", " + address + " metric=" + offset);
    }

    private static String osClock(String prefix, String state, long offset) {
        String address = NODE + "/CLOCK_REALTIME";
        return line(prefix, "event.sync.sync-status.os-clock-sync-state-change", "/sync/sync-status/os-clock-sync-state",
                address + " notification=" + state + ", " + address + " metric=" + offset);
    }

    private static String syncState(String prefix, String state) {
        return line(prefix, "event.sync.sync-status.synchronization-state-change", "/sync/sync-status/sync-state",
                SYNC_STATE + " notification=" + state);
    }

    /**
     * The placeholder the proxy sends as initial notification while it knows nothing for the resource,
     * shaped as the type's events: clock-class the metric 0 only, sync-state FREERUN only, the others both.
     */
    private static String placeholder(String prefix, String resource, String marker) {
        String address = NODE + "/" + marker;
        String source = resource.substring(NODE.length());
        String values = switch (source) {
            case "/sync/ptp-status/clock-class" -> address + " metric=0";
            case "/sync/sync-status/sync-state" -> address + " notification=FREERUN";
            default -> address + " notification=FREERUN, " + address + " metric=0";
        };
        return line(prefix, TYPES.get(source), source, values);
    }

    private static String line(String prefix, String type, String source, String values) {
        return prefix + " type=" + type + " source=" + source + " time=<t> latency=<l>ms values=[" + values + "]";
    }

    /** Masks what differs from run to run (time, latency, subscription ids) after checking its form. */
    private static List<String> normalized(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            Matcher timed = TIMED.matcher(line);
            if (line.contains(" time=")) {
                assertTrue(timed.find(), "time and latency as expected: " + line);
                OffsetDateTime.parse(timed.group(1));
            }
            out.add(UUID.matcher(timed.replaceAll("time=<t> latency=<l>ms")).replaceAll("<id>"));
        }
        return out;
    }

    private static List<String> subscriptionIds(List<String> printed) {
        return printed.stream().filter(line -> line.startsWith("subscribed "))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1)).sorted().toList();
    }

    private static List<String> listedIds(RunningProxy proxy, String endpointUri) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode subscription : parse(proxy.send("GET", proxy.v2() + "/subscriptions", null).body())) {
            if (endpointUri.equals(subscription.path("EndpointUri").asText())) {
                ids.add(subscription.path("SubscriptionId").asText());
            }
        }
        return ids.stream().sorted().toList();
    }

    private ConsumerSettings v2Settings(int apiPort, int callbackPort) {
        return new ConsumerSettings("127.0.0.1:" + callbackPort, "127.0.0.1:" + apiPort, "127.0.0.1:8089",
                ApiVersion.V2, RunningProxy.NODE, ConsumerType.PTP, false, Duration.ofMillis(200), Duration.ofSeconds(60));
    }

    /** The OC fixture (one slave port ens5f0) with a holdOverTimeout long enough that HOLDOVER stays. */
    private Path ocFixture(String name) throws IOException {
        Path dir = work.resolve(name);
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("ptp4l.0.config"), "#profile: oc-profile\n[global]\nslaveOnly 1\n[ens5f0]\n");
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(profiles.resolve(RunningProxy.NODE), "[{\"name\":\"oc-profile\",\"ptpClockThreshold\":"
                + "{\"holdOverTimeout\":600,\"maxOffsetThreshold\":100,\"minOffsetThreshold\":-100}}]");
        return dir;
    }

    private static void write(RunningProxy proxy, List<String> lines) throws IOException {
        try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            writer.lines(lines);
        }
    }

    private static void awaitLinesProcessed(RunningProxy proxy, long lines) throws InterruptedException {
        proxy.awaitLinesProcessed(lines, WAIT);
    }

    private static List<String> recorded(String name) throws IOException {
        return PtpLogsToSubscriberTest.recorded(name);
    }

    /** What the consumer prints, line by line, as it prints it. */
    private static final class Printed extends OutputStream {

        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuilder current = new StringBuilder();

        PrintStream stream() {
            return new PrintStream(this, true, StandardCharsets.UTF_8);
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(current.toString());
                current.setLength(0);
            } else {
                current.append((char) b);
            }
        }

        private volatile String lastTaken;

        /** @return the last line taken */
        String lastTaken() {
            return lastTaken;
        }

        /** @return the next lines, failing when they do not all come in time */
        List<String> take(int count) throws InterruptedException {
            List<String> taken = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (taken.size() < count) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("expected " + count + " printed lines, got " + taken);
                }
                taken.add(line);
                lastTaken = line;
            }
            return taken;
        }

        /** Drops lines up to and including this one (what comes before it depends on timing). */
        void skipUntil(String expected) throws InterruptedException {
            List<String> skipped = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("'" + expected + "' was not printed; got " + skipped);
                }
                if (line.equals(expected)) {
                    return;
                }
                skipped.add(line);
            }
        }
    }
}
