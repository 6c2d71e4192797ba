package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLContext;

import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.TeeOutputStream;
import io.ptpproxy.fixtures.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optional API security, on real TLS handshakes over loopback with certificates made at test
 * time: TLS with PEM files rotated while running, mutual TLS, and bearer tokens from a file.
 */
class ApiSecurityTest {

    private static final String LOCK_STATE = "/cluster/node/" + RunningProxy.NODE + "/sync/ptp-status/lock-state";
    private static final Duration RELOAD_WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void should_serve_the_api_over_tls_only_and_present_a_rotated_certificate_on_new_connections() throws Exception {
        TestPki ca = TestPki.authority("API CA");
        Path tls = Files.createDirectories(dir.resolve("tls"));
        TestPki.Issued first = ca.issueServer(tls, "api");
        SSLContext client = TestPki.context(null, ca.certificate());
        try (RunningProxy proxy = RunningProxy.startTls(dir.resolve("proxy"), tlsProperties(tls, null), client);
             RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            assertEquals(serial(first), serialSeenBy(ca, proxy.v2() + "/health"));
            assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode(), "the API works over TLS");
            assertThrows(IOException.class, () -> plain().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + proxy.apiPort() + "/api/ocloudNotifications/v2/health")).build(),
                    HttpResponse.BodyHandlers.ofString()), "no plain HTTP on the API port");

            TestPki.Issued second = ca.issueServer(dir, "renewed");
            replace(second.keyFile(), tls.resolve("api.key"));
            replace(second.certFile(), tls.resolve("api.crt"));
            assertEventually(() -> serial(second).equals(serialSeenBy(ca, proxy.v2() + "/health")),
                    "a new connection gets the renewed certificate");

            PrintStream original = System.err;
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            System.setErr(new PrintStream(new TeeOutputStream(original, log), true, StandardCharsets.UTF_8));
            try {
                Files.writeString(tls.resolve("api.crt"), "-----BEGIN CERTIFICATE-----\nnot base64\n");
                // wait for the reloader to have read and refused the broken file, then look
                assertEventually(() -> log.toString(StandardCharsets.UTF_8).contains("not used, the previous ones stay"),
                        "the reloader reports the broken certificate file");
            } finally {
                System.setErr(original);
            }
            assertTrue(log.toString(StandardCharsets.UTF_8).contains(tls.resolve("api.crt").toString()), log.toString());
            assertEquals(serial(second), serialSeenBy(ca, proxy.v2() + "/health"),
                    "a broken certificate file leaves the previous certificate in use");
        }
    }

    @Test
    void should_keep_the_previous_credentials_when_a_rotated_key_is_not_the_certificates() throws Exception {
        TestPki ca = TestPki.authority("API CA");
        Path tls = Files.createDirectories(dir.resolve("tls"));
        TestPki.Issued first = ca.issueServer(tls, "api");
        SSLContext client = TestPki.context(null, ca.certificate());
        try (RunningProxy proxy = RunningProxy.startTls(dir.resolve("proxy"), tlsProperties(tls, null), client)) {
            TestPki.Issued other = ca.issueServer(dir, "other");
            PrintStream original = System.err;
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            System.setErr(new PrintStream(new TeeOutputStream(original, log), true, StandardCharsets.UTF_8));
            try {
                replace(other.keyFile(), tls.resolve("api.key"));
                assertEventually(() -> log.toString(StandardCharsets.UTF_8).contains("the key in " + tls.resolve("api.key")
                        + " is not the key of the certificate in " + tls.resolve("api.crt")),
                        "the reloader refuses a key rotated without its certificate");
            } finally {
                System.setErr(original);
            }
            assertEquals(serial(first), serialSeenBy(ca, proxy.v2() + "/health"),
                    "a key without its certificate leaves the previous credentials in use");
        }
    }

    @Test
    void should_require_a_client_certificate_from_the_client_ca_when_mutual_tls_is_on() throws Exception {
        TestPki serverCa = TestPki.authority("API CA");
        TestPki clientCa = TestPki.authority("client CA");
        TestPki stranger = TestPki.authority("stranger CA");
        Path tls = Files.createDirectories(dir.resolve("tls"));
        serverCa.issueServer(tls, "api");
        clientCa.writeCertificate(tls.resolve("clients.pem"));
        SSLContext consumer = TestPki.context(clientCa.issueClient(dir, "consumer", "vdu-1"), serverCa.certificate());
        try (RunningProxy proxy = RunningProxy.startTls(dir.resolve("proxy"),
                tlsProperties(tls, tls.resolve("clients.pem")), consumer)) {
            assertEquals(200, proxy.send("GET", proxy.v2() + "/subscriptions", null).statusCode());

            SSLContext anonymous = TestPki.context(null, serverCa.certificate());
            SSLContext foreign = TestPki.context(stranger.issueClient(dir, "foreign", "intruder"), serverCa.certificate());
            for (SSLContext refused : new SSLContext[] {anonymous, foreign}) {
                assertThrows(IOException.class, () -> client(refused).send(HttpRequest.newBuilder(
                        URI.create(proxy.v2() + "/subscriptions")).build(), HttpResponse.BodyHandlers.ofString()));
            }
        }
    }

    @Test
    void should_require_the_bearer_token_on_the_api_but_health_and_take_a_rotated_token() throws Exception {
        Path tokens = dir.resolve("token");
        Files.writeString(tokens, "first-token\n");
        try (RunningProxy proxy = RunningProxy.start(dir.resolve("proxy"), Map.of(
                "api.auth.token-file", tokens.toString(), "api.credentials-reload-ms", "100"));
             RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            String subscribe = "{\"ResourceAddress\":\"" + LOCK_STATE + "\",\"EndpointUri\":\"" + subscriber.uri() + "\"}";
            HttpResponse<String> anonymous = request("POST", proxy.v2() + "/subscriptions", subscribe, null);
            assertEquals(401, anonymous.statusCode());
            assertEquals("{\"error\":\"missing or invalid bearer token\"}", anonymous.body());
            assertEquals("application/json", anonymous.headers().firstValue("Content-Type").orElse(""));
            assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));

            assertEquals(401, request("GET", proxy.v2() + "/subscriptions", null, "wrong-token").statusCode());
            assertEquals(401, request("GET", proxy.v2() + "/subscriptions", null, "first-token-and-more").statusCode());
            assertEquals(401, request("GET", proxy.v1() + "/subscriptions", null, null).statusCode());
            assertEquals(401, request("GET", proxy.v2() + "/publishers", null, null).statusCode());
            assertEquals(401, request("GET", proxy.v2() + "/subscriptions/../subscriptions", null, null).statusCode(),
                    "checked on the normalized path");
            assertEquals(200, request("GET", proxy.v2() + "/health", null, null).statusCode(), "health stays open");
            assertEquals(200, request("GET", proxy.v1() + "/health", null, null).statusCode());
            assertEquals(200, request("GET", "http://127.0.0.1:" + proxy.apiPort() + "/health", null, null)
                    .statusCode(), "the v1 transport stays open");

            // 201, not a duplicate's 409, and one subscription: the refused request reached no route
            assertEquals(201, request("POST", proxy.v2() + "/subscriptions", subscribe, "first-token").statusCode());
            assertNotNull(subscriber.next(Duration.ofSeconds(10)));
            assertEquals(1, request("GET", proxy.v2() + "/subscriptions", null, "first-token").body()
                    .split("SubscriptionId").length - 1);

            Files.writeString(tokens, "second-token\n");
            assertEventually(() -> request("GET", proxy.v2() + "/subscriptions", null, "second-token").statusCode() == 200,
                    "the new token is taken");
            assertEquals(401, request("GET", proxy.v2() + "/subscriptions", null, "first-token").statusCode(),
                    "the old one no longer");
        }
    }

    private static Map<String, String> tlsProperties(Path tls, Path clientCa) {
        return clientCa == null
                ? Map.of("api.tls.cert-file", tls.resolve("api.crt").toString(),
                        "api.tls.key-file", tls.resolve("api.key").toString(), "api.credentials-reload-ms", "100")
                : Map.of("api.tls.cert-file", tls.resolve("api.crt").toString(),
                        "api.tls.key-file", tls.resolve("api.key").toString(), "api.credentials-reload-ms", "100",
                        "api.tls.client-ca-file", clientCa.toString());
    }

    /**
     * The serial of the certificate the server presents to a brand-new client: no pooled connection
     * and no TLS session to resume (a resumed session shows the certificate it was made with).
     */
    private static BigInteger serialSeenBy(TestPki ca, String url) throws Exception {
        HttpResponse<String> response = client(TestPki.context(null, ca.certificate())).send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return ((X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber();
    }

    private static BigInteger serial(TestPki.Issued issued) {
        return issued.certificate().getSerialNumber();
    }

    /** A file replaced at once, as a Secret update or cert-manager renewal does. */
    private static void replace(Path source, Path target) throws IOException {
        Path staged = target.resolveSibling(target.getFileName() + ".new");
        Files.copy(source, staged, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static HttpResponse<String> request(String method, String url, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return plain().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient plain() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    }

    private static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** A condition that may throw while it is not yet true. */
    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    private static void assertEventually(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + RELOAD_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within " + RELOAD_WAIT + ": " + what);
    }
}
