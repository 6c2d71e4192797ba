package io.ptpproxy.e2e;

import static io.ptpproxy.fixtures.NothingMore.assertNothingMore;
import static io.ptpproxy.fixtures.OranEventAssert.assertEvent;
import static io.ptpproxy.fixtures.OranEventAssert.lockState;
import static io.ptpproxy.fixtures.OranEventAssert.parse;
import static io.ptpproxy.fixtures.OranEventAssert.syncState;
import static io.ptpproxy.fixtures.OranEventAssert.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ptpproxy.fixtures.OranEventAssert.Expected;
import io.ptpproxy.fixtures.ProxyProcess;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RecordingSubscriber.Received;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * O-RAN addressing ({@code oran-addressing.md} §2 and §3) over real HTTP against a real proxy, real
 * subscribers and linuxptp lines on the real socket: parent, intermediate, {@code .} and {@code *}
 * subscriptions, instances, overlap 409, one delivery per endpoint, CurrentState arrays, the
 * {@code /ocloudNotifications/v2} base path, and every event shape pinned by golden files.
 */
class OranAddressingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String NODE = "/cluster/node/" + RunningProxy.NODE;
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Only once the proxy process has stopped (no marker can be sent then): a request in flight at the stop. */
    private static final Duration NOTHING = Duration.ofMillis(400);
    /** The seven leaves in the order of oran-addressing.md §2, by golden-file name. */
    private static final List<String> ORDER = List.of("gnss-sync-status", "synce-lock-state", "synce-clock-quality",
            "clock-class", "lock-state", "os-clock-sync-state", "sync-state");
    private static final Map<String, String> SOURCES = Map.of(
            "gnss-sync-status", "/sync/gnss-status/gnss-sync-status",
            "synce-lock-state", "/sync/synce-status/lock-state",
            "synce-clock-quality", "/sync/synce-status/clock-quality",
            "clock-class", "/sync/ptp-status/clock-class",
            "lock-state", "/sync/ptp-status/lock-state",
            "os-clock-sync-state", "/sync/sync-status/os-clock-sync-state",
            "sync-state", "/sync/sync-status/sync-state");
    /** A T-GM locking (GNSS, lock-state, clock-class, OS clock, sync-state) and a SyncE port: one event of each type. */
    private static final List<String> ALL_SEVEN = List.of(
            "ts2phc[1700000200]:[ts2phc.0.config] PTP_PROCESS_STATUS:1",
            "ptp4l[1700000200]:[ptp4l.0.config] PTP_PROCESS_STATUS:1",
            "phc2sys[1700000200]:[ptp4l.0.config] PTP_PROCESS_STATUS:1",
            "gnss[1700000201]:[ts2phc.0.config] ens2f0 gnss_status 3 offset 5 s2",
            "dpll[1700000201]:[ts2phc.0.config] ens2f0 frequency_status 3 offset 0 phase_status 3 pps_status 1 s2",
            "ts2phc[1700000201]:[ts2phc.0.config] ens2f0 nmea_status 1 offset 0 s2",
            "GM[1700000201]:[ts2phc.0.config] ens2f0 T-GM-STATUS s2",
            "ptp4l[1700000201]:[ts2phc.0.config] CLOCK_CLASS_CHANGE 6",
            "ts2phc[201.100]: [ts2phc.0.config] ens2f0 offset         -1 s2 freq      -1",
            "phc2sys[201.200]: [ptp4l.0.config] CLOCK_REALTIME phc offset         4 s2 freq     -12 delay    502",
            "synce4l[1722456110]:[synce4l.0.config] ens7f0 device synce1 eec_state EEC_LOCKED network_option 1 s2",
            "synce4l[1722458091]:[synce4l.0.config] ens7f0 clock_quality PRC device synce1 network_option 1 ql 0x2 s2");
    /** Two ordinary clocks: ptp4l.0 on ens5f0 (alias ens5fx, offset -3) and ptp4l.1 on ens7f0 (ens7fx, 7). */
    private static final List<String> TWO_CLOCKS = List.of(
            "ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED",
            "ptp4l[1.0]: [ptp4l.1.config] port 1 (ens7f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED",
            "ptp4l[1.1]: [ptp4l.0.config] master offset -3 s2 freq 0 path delay 1",
            "ptp4l[1.2]: [ptp4l.1.config] master offset 7 s2 freq 0 path delay 1");

    @TempDir
    Path work;

    // ---------------------------------------------------------------- §3 shapes, §2 root and node tokens

    @Test
    void should_give_every_type_its_upstream_shape_pushed_and_placeholder_to_a_root_subscriber() throws Exception {
        writeTgmConfig();
        try (RunningProxy proxy = RunningProxy.start(work); RecordingSubscriber root = RecordingSubscriber.start();
             RecordingSubscriber late = RecordingSubscriber.start(); RecordingSubscriber v1Name = RecordingSubscriber.start()) {
            // nothing known yet: one placeholder per leaf, each shaped as its type's events, in §2 order
            assertEquals(201, proxy.subscribe(NODE + "/sync", root.uri()).statusCode());
            List<Received> placeholders = root.next(7, WAIT);
            for (int i = 0; i < ORDER.size(); i++) {
                assertGolden("placeholder-" + ORDER.get(i), placeholders.get(i).body());
            }
            // clock-class under its v1 name, in OpenShift's form: pushed too (it never was)
            String legacyClockClass = NODE + "/sync/ptp-status/ptp-clock-class-change";
            assertEquals(201, proxy.subscribe(legacyClockClass, v1Name.uri()).statusCode());
            assertGolden("placeholder-clock-class", v1Name.next(WAIT).body());

            feed(proxy, ALL_SEVEN);
            Map<String, String> pushed = bySource(root.next(7, WAIT));
            for (String leaf : ORDER) {
                assertGolden("pushed-" + leaf, pushed.get(SOURCES.get(leaf)));
            }
            assertNothingMore(proxy, root, "one event per change, SyncE clock-quality included");
            assertGolden("pushed-clock-class", v1Name.next(WAIT).body());
            HttpResponse<String> legacyState = proxy.send("GET", proxy.v2() + legacyClockClass + "/CurrentState", null);
            assertEquals(200, legacyState.statusCode());
            assertGolden("pushed-clock-class", legacyState.body());

            // data known: a new root subscriber gets one POST per leaf with data, in §2 order
            assertEquals(201, proxy.subscribe(NODE + "/sync", late.uri()).statusCode());
            List<Received> initial = late.next(7, WAIT);
            for (int i = 0; i < ORDER.size(); i++) {
                assertGolden("pushed-" + ORDER.get(i), initial.get(i).body());
            }

            // an instance nothing is known about: the event-not-found placeholder, clock-class shaped
            assertEquals(409, proxy.subscribe(NODE + "/ens9fx/sync/ptp-status/clock-class", late.uri()).statusCode(),
                    "an instance is covered by the whole node");
            assertEquals(201, proxy.subscribe(NODE + "/ens9fx/sync/ptp-status/clock-class", root.uri() + "9")
                    .statusCode());
            assertEvent(new Expected("/sync/ptp-status/clock-class", "event.sync.ptp-status.ptp-clock-class-change",
                    MAPPER.createArrayNode().add(value(NODE + "/event-not-found", "metric", "decimal64.3", "0"))),
                    root.next(WAIT).body());
        }
    }

    @Test
    void should_serve_this_node_for_dot_and_star_echo_the_token_in_answers_and_push_the_real_name() throws Exception {
        writeTgmConfig();
        try (RunningProxy proxy = RunningProxy.start(work); RecordingSubscriber dot = RecordingSubscriber.start();
             RecordingSubscriber star = RecordingSubscriber.start()) {
            feed(proxy, ALL_SEVEN);
            awaitCurrentState(proxy, NODE + "/sync/synce-status/clock-quality");

            // StarlingX's form: /<cluster>/<node>/…, any cluster token; the initial POSTs echo "."
            assertEquals(201, proxy.subscribe("/./sync", dot.uri()).statusCode());
            List<Received> initial = dot.next(7, WAIT);
            for (int i = 0; i < ORDER.size(); i++) {
                assertGolden("pushed-" + ORDER.get(i), initial.get(i).body(), NODE, "/.");
            }
            HttpResponse<String> created = proxy.subscribe("/any-site/*/sync/sync-status", star.uri());
            assertEquals(201, created.statusCode());
            assertEquals("/any-site/*/sync/sync-status", parse(created.body()).get("ResourceAddress").asText(),
                    "the address as written");
            List<Received> starInitial = star.next(2, WAIT);
            assertGolden("pushed-os-clock-sync-state", starInitial.get(0).body(), NODE, "/any-site/*");
            assertGolden("pushed-sync-state", starInitial.get(1).body(), NODE, "/any-site/*");

            // CurrentState of /./sync: an array in §2 order, the token echoed
            HttpResponse<String> all = proxy.send("GET", proxy.v2() + "/./sync/CurrentState", null);
            assertEquals(200, all.statusCode(), all.body());
            JsonNode array = parse(all.body());
            assertTrue(array.isArray(), all.body());
            assertEquals(7, array.size(), all.body());
            for (int i = 0; i < ORDER.size(); i++) {
                assertGolden("pushed-" + ORDER.get(i), array.get(i).toString(), NODE, "/.");
            }
            // with * (decisions.md): this node's array
            HttpResponse<String> starState = proxy.send("GET", proxy.v2() + "/any-site/*/sync/sync-status/CurrentState", null);
            assertEquals(200, starState.statusCode(), starState.body());
            JsonNode starArray = parse(starState.body());
            assertEquals(2, starArray.size(), starState.body());
            assertGolden("pushed-os-clock-sync-state", starArray.get(0).toString(), NODE, "/any-site/*");
            assertGolden("pushed-sync-state", starArray.get(1).toString(), NODE, "/any-site/*");
            // a leaf in the . form answers an array too; OpenShift's exact leaf keeps its single object
            JsonNode dotLeaf = parse(proxy.send("GET", proxy.v2() + "/./sync/ptp-status/lock-state/CurrentState",
                    null).body());
            assertTrue(dotLeaf.isArray() && dotLeaf.size() == 1, dotLeaf.toString());
            assertGolden("pushed-lock-state", dotLeaf.get(0).toString(), NODE, "/.");
            HttpResponse<String> exact = proxy.send("GET", proxy.v2() + NODE + "/sync/ptp-status/lock-state/CurrentState",
                    null);
            assertEquals(200, exact.statusCode(), "covered by /./sync");
            assertGolden("pushed-lock-state", exact.body());

            // pushed events carry the real node name
            feed(proxy, List.of("phc2sys[202.200]: [ptp4l.0.config] CLOCK_REALTIME phc offset 900 s0 freq -12 delay 502"));
            Map<String, String> dotPushed = bySource(dot.next(2, WAIT));
            Map<String, String> starPushed = bySource(star.next(2, WAIT));
            for (Map<String, String> pushed : List.of(dotPushed, starPushed)) {
                assertEvent(new Expected("/sync/sync-status/os-clock-sync-state",
                        "event.sync.sync-status.os-clock-sync-state-change", MAPPER.createArrayNode()
                        .add(value(NODE + "/CLOCK_REALTIME", "notification", "enumeration", "FREERUN"))
                        .add(value(NODE + "/CLOCK_REALTIME", "metric", "decimal64.3", "900"))),
                        pushed.get("/sync/sync-status/os-clock-sync-state"));
                assertEvent(syncState("FREERUN"), pushed.get("/sync/sync-status/sync-state"));
            }
            assertNothingMore(proxy, dot, "two events for the . subscriber");
            assertNothingMore(proxy, star, "two events for the * subscriber");
        }
    }

    // ---------------------------------------------------------------- §2 intermediate, overlap, duplicates

    @Test
    void should_cover_the_leaves_beneath_an_intermediate_refuse_covered_subscriptions_and_never_deliver_twice()
            throws Exception {
        try (RunningProxy proxy = RunningProxy.start(work); RecordingSubscriber c = RecordingSubscriber.start();
             RecordingSubscriber other = RecordingSubscriber.start()) {
            assertEquals(201, proxy.subscribe(NODE + "/sync/ptp-status", c.uri()).statusCode());
            List<Received> initial = c.next(2, WAIT);
            assertGolden("placeholder-clock-class", initial.get(0).body());
            assertGolden("placeholder-lock-state", initial.get(1).body());

            // covered by the existing subscription of the same endpoint: 409, whatever the spelling
            String sameEndpoint = c.uri().replace("http://", "HTTP://") + "/";
            for (String[] covered : List.of(new String[] {"/./sync/ptp-status/lock-state", c.uri()},
                    new String[] {"/other-cluster/" + RunningProxy.NODE + "/sync/ptp-status/clock-class", c.uri()},
                    new String[] {"/cluster/node/*/sync/ptp-status", sameEndpoint},
                    new String[] {NODE + "/sync/ptp-status", c.uri() + "/"})) {
                HttpResponse<String> response = proxy.subscribe(covered[0], covered[1]);
                assertEquals(409, response.statusCode(), covered[0] + " -> " + covered[1]);
                assertEquals("", response.body());
            }
            assertNothingMore(proxy, c, "no initial notification for a refused subscription");

            // OpenShift's exact address keeps its rule (same address and endpoint only): 201, and a
            // parent that covers existing subscriptions is new too
            assertEquals(201, proxy.subscribe(NODE + "/sync/ptp-status/lock-state", c.uri()).statusCode());
            c.next(1, WAIT);
            assertEquals(201, proxy.subscribe("/./sync", sameEndpoint).statusCode());
            c.next(7, WAIT);
            assertEquals(201, proxy.subscribe(NODE + "/sync/sync-status", other.uri()).statusCode());
            other.next(2, WAIT);

            // one lock change: three subscriptions of c cover lock-state, c gets it once
            // one connection, as the daemon writes: lines of two connections may be taken in either order
            feed(proxy, List.of(TWO_CLOCKS.get(0), TWO_CLOCKS.get(2)));
            Map<String, String> pushed = bySource(c.next(2, WAIT));
            assertEvent(lockState("ens5fx", "LOCKED", -3), pushed.get("/sync/ptp-status/lock-state"));
            assertEvent(syncState("LOCKED"), pushed.get("/sync/sync-status/sync-state"));
            assertNothingMore(proxy, c, "never two deliveries of one event to one endpoint");
            // the intermediate /sync/sync-status gets sync-state, not lock-state
            assertEvent(syncState("LOCKED"), other.next(WAIT).body());
            assertNothingMore(proxy, other, "sync-state only");
        }
    }

    // ---------------------------------------------------------------- §2 instances

    @Test
    void should_give_an_instance_subscriber_only_that_instances_events_pushed_and_pulled() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(work); RecordingSubscriber seven = RecordingSubscriber.start();
             RecordingSubscriber five = RecordingSubscriber.start()) {
            String ens7 = NODE + "/ens7fx/sync/ptp-status/lock-state";
            String ens5 = "/./node/ens5fx/sync/ptp-status/lock-state";
            assertEquals(201, proxy.subscribe(ens7, seven.uri()).statusCode());
            assertGolden("placeholder-lock-state", seven.next(WAIT).body());
            assertEquals(201, proxy.subscribe(ens5, five.uri()).statusCode());
            assertGolden("placeholder-lock-state", five.next(WAIT).body(), NODE, "/.");
            // the instance's parent covers more than the existing subscription: a new one, yet one delivery
            assertEquals(201, proxy.subscribe(NODE + "/ens7fx/sync/ptp-status", seven.uri()).statusCode());
            seven.next(2, WAIT);
            assertEquals(409, proxy.subscribe("/./ens7fx/sync/ptp-status/clock-class", seven.uri()).statusCode());

            feed(proxy, TWO_CLOCKS);
            assertEvent(lockState("ens7fx", "LOCKED", 7), seven.next(WAIT).body());
            assertNothingMore(proxy, seven, "nothing of ens5fx, nor sync-state");
            assertEvent(lockState("ens5fx", "LOCKED", -3), five.next(WAIT).body());
            assertNothingMore(proxy, five, "nothing of ens7fx");

            JsonNode pulled7 = parse(proxy.send("GET", proxy.v2() + ens7 + "/CurrentState", null).body());
            assertEquals(1, pulled7.size(), pulled7.toString());
            assertEvent(lockState("ens7fx", "LOCKED", 7), pulled7.get(0).toString());
            JsonNode pulled5 = parse(proxy.send("GET", proxy.v2() + ens5 + "/CurrentState", null).body());
            assertEquals(1, pulled5.size(), pulled5.toString());
            assertEvent(new Expected("/sync/ptp-status/lock-state", "event.sync.ptp-status.ptp-state-change",
                    MAPPER.createArrayNode()
                            .add(value("/./ens5fx/master", "notification", "enumeration", "LOCKED"))
                            .add(value("/./ens5fx/master", "metric", "decimal64.3", "-3"))), pulled5.get(0).toString());
        }
    }

    // ---------------------------------------------------------------- base path, restart

    @Test
    void should_serve_the_same_api_at_ocloud_notifications_v2_without_api() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(work); RecordingSubscriber c = RecordingSubscriber.start()) {
            String oran = "http://127.0.0.1:" + proxy.apiPort() + "/ocloudNotifications/v2";
            HttpResponse<String> health = proxy.send("GET", oran + "/health", null);
            assertEquals(200, health.statusCode());
            assertEquals("OK", health.body());
            HttpResponse<String> created = proxy.send("POST", oran + "/subscriptions",
                    "{\"ResourceAddress\":\"/./sync/sync-status/sync-state\",\"EndpointUri\":\"" + c.uri() + "\"}");
            assertEquals(201, created.statusCode());
            assertGolden("placeholder-sync-state", c.next(WAIT).body(), NODE, "/.");
            String id = parse(created.body()).get("SubscriptionId").asText();
            // the same store under both paths
            assertEquals(created.body(), proxy.send("GET", proxy.v2() + "/subscriptions/" + id, null).body());
            assertEquals(created.body(), proxy.send("GET", oran + "/subscriptions/" + id, null).body());
            assertEquals(409, proxy.subscribe("/./sync/sync-status/sync-state", c.uri()).statusCode());
            assertEquals(404, proxy.send("GET", oran + "/./sync/sync-status/sync-state/CurrentState", null).statusCode(),
                    "nothing known yet");
            feed(proxy, TWO_CLOCKS.subList(0, 3));
            assertEvent(syncState("LOCKED"), c.next(WAIT).body());
            HttpResponse<String> state = proxy.send("GET", oran + "/./sync/sync-status/sync-state/CurrentState", null);
            assertEquals(200, state.statusCode());
            assertEvent(new Expected("/sync/sync-status/sync-state", "event.sync.sync-status.synchronization-state-change",
                    MAPPER.createArrayNode().add(value("/./sync/sync-status/sync-state", "notification", "enumeration",
                            "LOCKED"))), parse(state.body()).get(0).toString());
            assertEquals(405, proxy.send("PUT", oran + "/subscriptions", "{}").statusCode());
            assertEquals(404, proxy.send("GET", oran + "/nosuchthing", null).statusCode());
            assertEquals(204, proxy.send("DELETE", oran + "/subscriptions/" + id, null).statusCode());
            assertEquals("[]", proxy.send("GET", proxy.v2() + "/subscriptions", null).body());
        }
    }

    @Test
    void should_keep_parent_token_and_instance_subscriptions_across_a_restart() throws Exception {
        int apiPort = RunningProxy.freePort();
        Map<String, String> settings = Map.of("api.port", Integer.toString(apiPort));
        List<String> addresses = List.of("/./sync", NODE + "/ens7fx/sync/ptp-status/lock-state",
                "/cluster/node/*/sync/sync-status");
        try (RecordingSubscriber root = RecordingSubscriber.start(); RecordingSubscriber instance = RecordingSubscriber.start();
             RecordingSubscriber status = RecordingSubscriber.start()) {
            List<RecordingSubscriber> subscribers = List.of(root, instance, status);
            String listed;
            try (RunningProxy proxy = RunningProxy.start(work, settings)) {
                for (int i = 0; i < addresses.size(); i++) {
                    assertEquals(201, proxy.subscribe(addresses.get(i), subscribers.get(i).uri()).statusCode());
                }
                root.next(7, WAIT);
                instance.next(1, WAIT);
                status.next(2, WAIT);
                listed = proxy.send("GET", proxy.v2() + "/subscriptions", null).body();
            }
            try (RunningProxy proxy = RunningProxy.start(work, settings)) {
                assertEquals(asSet(listed), asSet(proxy.send("GET", proxy.v2() + "/subscriptions", null).body()));
                // coverage restored: still covered, still 409
                assertEquals(409, proxy.subscribe("/./sync/ptp-status/clock-class", root.uri()).statusCode());
                feed(proxy, TWO_CLOCKS);
                List<String> rootGot = root.next(3, WAIT).stream()
                        .map(received -> parse(received.body()).get("source").asText()).sorted().toList();
                assertEquals(List.of("/sync/ptp-status/lock-state", "/sync/ptp-status/lock-state",
                        "/sync/sync-status/sync-state"), rootGot);
                assertEvent(lockState("ens7fx", "LOCKED", 7), instance.next(WAIT).body());
                assertEvent(syncState("LOCKED"), status.next(WAIT).body());
                for (RecordingSubscriber subscriber : List.of(root, instance, status)) {
                    assertNothingMore(proxy, subscriber, "no initial notification re-sent, no other event");
                }
            }
        }
    }

    @Test
    void should_keep_the_new_forms_and_their_coverage_across_sigkill() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (RecordingSubscriber c = RecordingSubscriber.start()) {
            String listed;
            try (ProxyProcess proxy = ProxyProcess.start(work, 0, http)) {
                for (String address : List.of("/*/sync/ptp-status", NODE + "/ens7fx/sync/sync-status")) {
                    assertEquals(201, post(http, proxy.v2() + "/subscriptions", "{\"ResourceAddress\":\"" + address
                            + "\",\"EndpointUri\":\"" + c.uri() + "\"}").statusCode());
                }
                c.next(4, WAIT);
                listed = get(http, proxy.v2() + "/subscriptions").body();
                proxy.kill();
            }
            try (ProxyProcess proxy = ProxyProcess.start(work, 1, http)) {
                assertEquals(asSet(listed), asSet(get(http, proxy.v2() + "/subscriptions").body()));
                for (String covered : List.of("/./sync/ptp-status/lock-state", "/./ens7fx/sync/sync-status/sync-state")) {
                    assertEquals(409, post(http, proxy.v2() + "/subscriptions", "{\"ResourceAddress\":\"" + covered
                            + "\",\"EndpointUri\":\"" + c.uri() + "/\"}").statusCode(), covered);
                }
            }
            assertNull(c.next(NOTHING), "no initial notification re-sent or sent for the refused ones");
        }
    }

    // ---------------------------------------------------------------- helpers

    private static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Set<JsonNode> asSet(String jsonArray) {
        Set<JsonNode> items = new HashSet<>();
        parse(jsonArray).forEach(items::add);
        return items;
    }

    private void writeTgmConfig() throws IOException {
        Files.writeString(Files.createDirectories(work.resolve("run")).resolve("ptp4l.0.config"),
                "#profile: tgm\n[global]\n[ens2f0]\nmasterOnly 1\n");
    }

    /** Writes the lines and waits until the proxy is done with them: their events are queued. */
    private static void feed(RunningProxy proxy, List<String> lines) throws IOException, InterruptedException {
        long before = proxy.linesTaken();
        try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            writer.lines(lines);
        }
        proxy.awaitLinesProcessed(before + lines.size(), WAIT);
    }

    private static void awaitCurrentState(RunningProxy proxy, String address) throws Exception {
        // CurrentState needs a subscription: a throwaway one, removed again
        try (RecordingSubscriber probe = RecordingSubscriber.start()) {
            String id = parse(proxy.subscribe(address, probe.uri()).body()).get("SubscriptionId").asText();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (proxy.send("GET", proxy.v2() + address + "/CurrentState", null).statusCode() != 200) {
                assertTrue(System.nanoTime() < deadline, "no state for " + address + " within " + WAIT);
                Thread.sleep(20);
            }
            assertEquals(204, proxy.send("DELETE", proxy.v2() + "/subscriptions/" + id, null).statusCode());
        }
    }

    private static Map<String, String> bySource(List<Received> received) {
        Map<String, String> bySource = new HashMap<>();
        for (Received one : received) {
            String source = parse(one.body()).get("source").asText();
            assertNull(bySource.put(source, one.body()), "two events of " + source + ": " + received);
        }
        return bySource;
    }

    /** Compares the event with the golden file as JSON trees, id and time aside (checked for form). */
    static void assertGolden(String name, String body) throws IOException {
        assertGolden(name, body, NODE, NODE);
    }

    /** As {@link #assertGolden(String, String)}, the golden file's node prefix written as the request wrote it. */
    static void assertGolden(String name, String body, String nodePrefix, String writtenPrefix) throws IOException {
        assertNotNull(body, "no event for " + name);
        JsonNode actual = parse(body);
        ObjectNode stripped = actual.deepCopy();
        UUID.fromString(stripped.remove("id").asText());
        assertTrue(OffsetDateTime.parse(stripped.remove("time").asText()).getOffset().getTotalSeconds() == 0, body);
        String golden;
        try (InputStream in = OranAddressingTest.class.getResourceAsStream("/oran-events/" + name + ".json")) {
            assertNotNull(in, "golden file oran-events/" + name + ".json missing; the event was " + body);
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ObjectNode expected = (ObjectNode) MAPPER.readTree(
                golden.replace("\"" + nodePrefix + "/", "\"" + writtenPrefix + "/"));
        expected.remove(List.of("id", "time"));
        assertEquals(expected, stripped, name);
        assertEquals(new ArrayList<>(List.of("specversion", "id", "source", "type", "time", "data")),
                iterate(actual.fieldNames()), "key order of " + name);
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
