package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptpproxy.callback.EndpointPolicy;
import io.ptpproxy.fixtures.ProxyProcess;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RecordingSubscriber.Received;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSRF guard and the outbound client, end to end on loopback: callbacks into denied blocks are
 * refused on every registration path with a specific message, configured allow lists hold, a
 * redirecting subscriber does not send the proxy elsewhere, a name re-pointed into a denied block
 * after subscribing gets nothing (and does not stall other subscribers), and https subscribers are
 * reached only with a certificate from the configured CA bundle that names them.
 */
class CallbackPolicyTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String LOCK_STATE = "/cluster/node/" + RunningProxy.NODE + "/sync/ptp-status/lock-state";
    private static final Duration PUSH = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void should_refuse_a_callback_into_a_denied_block_on_every_registration_path_with_the_rule_named() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(dir);
             RecordingSubscriber loopback = RecordingSubscriber.start()) {
            for (String denied : List.of("http://169.254.169.254/latest/meta-data", "http://[fe80::1]:9043/event",
                    "http://[::ffff:169.254.169.254]/", "http://0.0.0.0:" + proxy.apiPort() + "/event")) {
                HttpResponse<String> refused = proxy.subscribe(LOCK_STATE, denied);
                assertEquals(400, refused.statusCode(), denied);
                assertTrue(error(refused).startsWith("EndpointUri not allowed: "), refused.body());
            }
            assertTrue(error(proxy.subscribe(LOCK_STATE, "http://169.254.169.254/")).contains("169.254.0.0/16"));

            HttpResponse<String> v1 = proxy.send("POST", proxy.v1() + "/subscriptions",
                    "{\"endpointUri\":\"http://169.254.169.254/event\",\"resource\":\"" + LOCK_STATE + "\"}");
            assertEquals(400, v1.statusCode());
            assertTrue(error(v1).startsWith("endpointUri not allowed: "), v1.body());

            HttpResponse<String> publisher = proxy.send("POST", proxy.v2() + "/publishers",
                    "{\"ResourceAddress\":\"/x/y\",\"EndpointUri\":\"http://[fe80::1]/\"}");
            assertEquals(400, publisher.statusCode());
            assertTrue(error(publisher).startsWith("EndpointUri not allowed: "), publisher.body());

            HttpResponse<String> sidecar = registerSidecar(proxy, "http://169.254.169.254:9043");
            assertEquals(400, sidecar.statusCode());
            assertTrue(MAPPER.readTree(sidecar.body()).path("message").asText().startsWith("transport URL not allowed: "),
                    sidecar.body());

            assertEquals(201, proxy.subscribe(LOCK_STATE, loopback.uri()).statusCode(), "loopback stays allowed");
            assertEquals(201, proxy.subscribe(LOCK_STATE, loopback.uri().replace("127.0.0.1", "localhost"))
                    .statusCode(), "and names resolving to it");
        }
    }

    @Test
    void should_refuse_every_ipv6_spelling_of_a_denied_ipv4_address_on_every_registration_path() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(dir)) {
            for (String embedded : List.of("[::169.254.169.254]", "[0:0:0:0:0:0:169.254.169.254]",
                    "[::100.100.100.200]", "[::ffff:169.254.169.254]", "[64:ff9b::169.254.169.254]",
                    "[2002:a9fe:a9fe::1]", "[2001:0:4136:e378:8000:63bf:5601:5601]")) {
                String uri = "http://" + embedded + "/latest/meta-data";
                HttpResponse<String> v2 = proxy.subscribe(LOCK_STATE, uri);
                assertEquals(400, v2.statusCode(), uri);
                assertTrue(error(v2).startsWith("EndpointUri not allowed: host "), uri + ": " + v2.body());
                assertTrue(error(v2).contains(" in the denied block "), v2.body());

                HttpResponse<String> v1 = proxy.send("POST", proxy.v1() + "/subscriptions",
                        "{\"endpointUri\":\"" + uri + "\",\"resource\":\"" + LOCK_STATE + "\"}");
                assertEquals(400, v1.statusCode(), uri);
                assertTrue(error(v1).startsWith("endpointUri not allowed: host "), uri + ": " + v1.body());

                HttpResponse<String> publisher = proxy.send("POST", proxy.v2() + "/publishers",
                        "{\"ResourceAddress\":\"/x/y\",\"EndpointUri\":\"" + uri + "\"}");
                assertEquals(400, publisher.statusCode(), uri);
                assertTrue(error(publisher).startsWith("EndpointUri not allowed: host "), uri + ": " + publisher.body());
            }
            assertEquals(0, MAPPER.readTree(proxy.send("GET", proxy.v2() + "/subscriptions", null).body()).size(),
                    "nothing was stored");
        }
    }

    @Test
    void should_answer_a_callback_of_another_scheme_with_the_policys_json_error_on_every_registration_path()
            throws Exception {
        try (RunningProxy proxy = RunningProxy.start(dir)) {
            for (String uri : List.of("ftp://127.0.0.1/x", "file:///etc/passwd", "gopher://127.0.0.1:70/")) {
                HttpResponse<String> v2 = proxy.subscribe(LOCK_STATE, uri);
                assertEquals(400, v2.statusCode(), uri);
                assertEquals("EndpointUri not allowed: only http and https callbacks are allowed, not " + uri,
                        error(v2));
                HttpResponse<String> v1 = proxy.send("POST", proxy.v1() + "/subscriptions",
                        "{\"endpointUri\":\"" + uri + "\",\"resource\":\"" + LOCK_STATE + "\"}");
                assertEquals(400, v1.statusCode(), uri);
                assertEquals("endpointUri not allowed: only http and https callbacks are allowed, not " + uri,
                        error(v1));
                HttpResponse<String> publisher = proxy.send("POST", proxy.v2() + "/publishers",
                        "{\"ResourceAddress\":\"/x/y\",\"EndpointUri\":\"" + uri + "\"}");
                assertEquals(400, publisher.statusCode(), uri);
                assertEquals("EndpointUri not allowed: only http and https callbacks are allowed, not " + uri,
                        error(publisher));
            }
        }
    }

    @Test
    void should_take_only_callbacks_the_configured_allow_lists_name() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(dir, Map.of("endpoint.allowed-hosts", "localhost",
                "endpoint.allowed-cidrs", "10.0.0.0/8"));
             RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            HttpResponse<String> byAddress = proxy.subscribe(LOCK_STATE, subscriber.uri());
            assertEquals(400, byAddress.statusCode());
            assertTrue(error(byAddress).contains("endpoint.allowed-hosts"), byAddress.body());
            assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri().replace("127.0.0.1", "localhost"))
                    .statusCode());
            // a refused callback is never contacted: the first request is the allowed one's initial notification
            assertEquals("localhost:" + subscriber.port(), subscriber.next(PUSH).header("Host"));
        }
    }

    @Test
    void should_not_follow_a_subscribers_redirect_to_another_host() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(dir);
             RecordingSubscriber elsewhere = RecordingSubscriber.startAt("127.0.0.2", 0);
             RecordingSubscriber redirecting = RecordingSubscriber.start()) {
            redirecting.redirectTo(elsewhere.uri());
            assertEquals(400, proxy.subscribe(LOCK_STATE, redirecting.uri()).statusCode(),
                    "a 307 is no 204 to the initial notification");
            assertNotNull(redirecting.next(PUSH));
            // a followed redirect would have been part of the initial notification, which the 400 ended
            assertEquals(0, elsewhere.pending(), "the redirect was not followed");

            redirecting.redirectTo(null);
            String publisher = registerPublisher(proxy, "/redirect/test");
            assertEquals(201, proxy.subscribe("/redirect/test", redirecting.uri()).statusCode());
            assertNotNull(redirecting.next(PUSH), "initial notification");
            redirecting.redirectTo(elsewhere.uri());
            assertEquals(202, proxy.send("POST", proxy.v2() + "/create/event", event(publisher)).statusCode());
            assertNotNull(redirecting.next(PUSH), "the event reached the subscriber, which redirected it");
            // a marker instead of a silence: the subscriber's events go out one at a time, so the next
            // one is sent only once the redirected one is over, a followed redirect included
            redirecting.redirectTo(null);
            assertEquals(202, proxy.send("POST", proxy.v2() + "/create/event", event(publisher)).statusCode());
            assertNotNull(redirecting.next(PUSH), "the next event");
            assertEquals(0, elsewhere.pending(), "and the proxy did not follow");
        }
    }

    @Test
    void should_not_deliver_to_a_name_re_pointed_into_a_denied_block_and_keep_delivering_to_others() throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 subscriber.test\n");
        try (RecordingSubscriber legit = RecordingSubscriber.start();
             RecordingSubscriber trap = RecordingSubscriber.startAt("127.0.0.2", legit.port());
             RecordingSubscriber other = RecordingSubscriber.start();
             ProxyProcess proxy = ProxyProcess.start(dir, 1, http, List.of(
                     "-Djdk.net.hosts.file=" + hosts, "-Dsun.net.inetaddr.ttl=0",
                     "-Dendpoint.denied-cidrs=" + EndpointPolicy.DEFAULT_DENIED_CIDRS + ",127.0.0.2/32"))) {
            String publisher = registerPublisher(proxy.v2(), "/rebind/test");
            String named = "http://subscriber.test:" + legit.port() + "/event";
            assertEquals(201, post(proxy.v2() + "/subscriptions", subscription("/rebind/test", named)).statusCode());
            assertNotNull(legit.next(PUSH), "initial notification through the name (the proxy connects to the "
                    + "address it checked: Vert.x alone cannot resolve this name)");
            assertEquals(201, post(proxy.v2() + "/subscriptions", subscription("/rebind/test", other.uri())).statusCode());
            assertNotNull(other.next(PUSH));

            Files.writeString(hosts, "127.0.0.2 subscriber.test\n");
            for (int i = 0; i < 3; i++) {
                assertEquals(202, post(proxy.v2() + "/create/event", event(publisher)).statusCode());
            }
            List<Received> others = other.next(3, PUSH);
            // the refusal is logged before the refused attempt ends: wait for it, not for a silence
            String log = awaitLogged(proxy, "Not delivering to " + named);
            assertTrue(log.contains("127.0.0.2, in the denied block 127.0.0.2/32"), log);
            // a refused attempt counts as unreachable and is retried: pointed back at the subscriber, the
            // name gets the first event again, and attempts go one at a time, so every earlier attempt,
            // to the trap or refused, was over before it
            Files.writeString(hosts, "127.0.0.1 subscriber.test\n");
            Received retried = legit.next(PUSH);
            assertNotNull(retried, "the refused event, retried once the name is allowed again");
            assertEquals(others.get(0).body(), retried.body(), "nothing reached the subscriber before the retry");
            assertEquals(0, trap.pending(), "nothing reached the denied address");
            log = proxy.log();
            assertEquals(1, occurrences(log, "Not delivering to " + named), "refusal logged once:\n" + log);
        }
    }

    @Test
    void should_deliver_over_https_only_to_a_certificate_from_the_ca_bundle_that_names_the_subscriber()
            throws Exception {
        TestPki trusted = TestPki.authority("subscriber CA");
        TestPki unknown = TestPki.authority("someone else's CA");
        Path bundle = trusted.writeCertificate(dir.resolve("subscriber-ca.pem"));
        TestPki.Issued good = trusted.issueServer(dir, "good");
        TestPki.Issued foreign = unknown.issueServer(dir, "foreign");
        TestPki.Issued misnamed = trusted.issueServerFor(dir, "misnamed", "other.example");
        try (RunningProxy proxy = RunningProxy.start(dir.resolve("proxy"),
                Map.of("delivery.tls.ca-bundle", bundle.toString()));
             RecordingSubscriber secure = RecordingSubscriber.startHttps(TestPki.context(good), "localhost");
             RecordingSubscriber untrusted = RecordingSubscriber.startHttps(TestPki.context(foreign), "localhost");
             RecordingSubscriber wrongName = RecordingSubscriber.startHttps(TestPki.context(misnamed), "localhost")) {
            assertEquals(201, proxy.subscribe(LOCK_STATE, secure.uri()).statusCode());
            Received notification = secure.next(PUSH);
            assertNotNull(notification, "initial notification over TLS");
            assertTrue(notification.body().contains("\"specversion\":\"1.0\""), notification.body());

            assertEquals(400, proxy.subscribe(LOCK_STATE, untrusted.uri()).statusCode(), "unknown CA");
            assertEquals(400, proxy.subscribe(LOCK_STATE, wrongName.uri()).statusCode(), "certificate for another name");
            assertNull(untrusted.next(Duration.ofMillis(100)), "no request completed over the refused handshake");
            assertNull(wrongName.next(Duration.ofMillis(100)));
        }
    }

    private static String awaitLogged(ProxyProcess proxy, String part) throws Exception {
        long deadline = System.nanoTime() + PUSH.toNanos();
        String log = proxy.log();
        while (!log.contains(part) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            log = proxy.log();
        }
        assertTrue(log.contains(part), part + " in:\n" + log);
        return log;
    }

    private HttpResponse<String> registerSidecar(RunningProxy proxy, String sidecarUrl) throws Exception {
        String id = UUID.randomUUID().toString();
        String body = "{\"clientID\":\"" + UUID.randomUUID() + "\",\"subStore\":{\"store\":{\"" + id + "\":{\"id\":\""
                + id + "\",\"endpointUri\":null,\"uriLocation\":null,\"resource\":\"" + LOCK_STATE + "\"}}},"
                + "\"endPointURI\":\"" + sidecarUrl + "\",\"status\":0,\"action\":0}";
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + proxy.apiPort() + "/subscription"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body));
        Map.of("ce-specversion", "0.3", "ce-id", UUID.randomUUID().toString(), "ce-type", "SUBSCRIBER",
                "ce-source", LOCK_STATE, "ce-subject", "NEW", "ce-time", "2026-01-10T02:41:57.094981Z",
                "Content-Type", "application/json").forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String registerPublisher(RunningProxy proxy, String address) throws Exception {
        return registerPublisher(proxy.v2(), address);
    }

    private String registerPublisher(String v2, String address) throws Exception {
        HttpResponse<String> created = post(v2 + "/publishers",
                "{\"ResourceAddress\":\"" + address + "\",\"EndpointUri\":\"\"}");
        assertEquals(201, created.statusCode(), created.body());
        return MAPPER.readTree(created.body()).get("SubscriptionId").asText();
    }

    private HttpResponse<String> post(String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String subscription(String address, String endpoint) {
        return "{\"ResourceAddress\":\"" + address + "\",\"EndpointUri\":\"" + endpoint + "\"}";
    }

    private static String event(String publisherId) {
        return "{\"id\":\"" + publisherId + "\",\"type\":\"event.sync.test.state-change\","
                + "\"time\":\"2026-01-10T02:41:57.094981Z\",\"data\":{\"version\":\"1.0\",\"values\":["
                + "{\"ResourceAddress\":\"/x/port1\",\"data_type\":\"notification\",\"value_type\":\"enumeration\","
                + "\"value\":\"LOCKED\"}]}}";
    }

    private static String error(HttpResponse<String> response) throws Exception {
        JsonNode body = MAPPER.readTree(response.body());
        return body.path("error").asText();
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
