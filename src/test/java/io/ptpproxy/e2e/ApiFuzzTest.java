package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.ptpproxy.event.ResourceType;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random requests against the running proxy, sent as raw HTTP/1.1 so that any method, path,
 * content type, encoding and body can be tried: never a 5xx (except the documented 503 of a full
 * store), never a stack trace or class name in a body, O-RAN errors with an empty body, and the
 * contract's status for each kind of request. One request per try; the number of tries is jqwik's
 * {@code jqwik.tries.default} (200 in the default build, 10,000 with {@code -Preliability}).
 */
class ApiFuzzTest {

    private static final String BASE = "/api/ocloudNotifications/v2";
    private static final int MAX_SUBSCRIPTIONS = 20;
    private static final List<String> RESOURCES = ResourceType.all().stream()
            .map(type -> type.addressOn(RunningProxy.NODE)).toList();
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "FROB");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "application/json; charset=utf-16", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
            "application/cloudevents+json", "\u00e9/\u00e9");
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "java.", "org.apache", "io.ptpproxy", "vertx");

    private static Path work;
    private static RunningProxy proxy;
    private static RecordingSubscriber subscriber;

    @BeforeContainer
    static void startProxy() throws Exception {
        work = Files.createTempDirectory("api-fuzz-");
        subscriber = RecordingSubscriber.start();
        proxy = RunningProxy.start(work, Map.of("store.max-subscriptions", Integer.toString(MAX_SUBSCRIPTIONS)));
    }

    @AfterContainer
    static void stopProxy() throws Exception {
        proxy.close();
        subscriber.close();
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Property
    void should_answer_any_request_with_the_contract_status_and_no_internals(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        FuzzRequest request = request(random);
        Response response = send(request);
        String what = request.method() + " " + request.path() + " " + request.headers() + " (" + request.kind() + ") -> "
                + response.status()
                + " " + response.body();
        assertTrue(request.expected().contains(response.status()), what + ", expected one of " + request.expected());
        for (String leak : LEAKS) {
            assertFalse(response.body().contains(leak), "internals leak: " + what);
        }
        boolean oranError = request.path().startsWith(BASE + "/") && Set.of(400, 404, 405, 409, 503).contains(response.status())
                && !request.kind().equals("other path") && !request.kind().equals("publishers");
        // the one v2 error with a body: the callback policy's refusal (a denied host or another scheme) names its rule
        boolean policyRefusal = response.status() == 400 && request.kind().startsWith("create")
                && response.body().startsWith("{\"error\":\"EndpointUri not allowed: ");
        if (oranError && !policyRefusal) {
            assertEquals("", response.body(), "O-RAN errors have no body: " + what);
        }
    }

    // ------------------------------------------------------------------------------ generation

    private record FuzzRequest(String kind, String method, String path, Map<String, String> headers, byte[] body,
                               Set<Integer> expected) {
    }

    private static FuzzRequest request(Random random) {
        String method = pick(random, METHODS);
        int kind = random.nextInt(100);
        if (kind < 45) {
            return subscriptionCreate(random, random.nextInt(10) < 8 ? "POST" : method);
        }
        if (kind < 55) {
            String id = random.nextBoolean() ? UUID.randomUUID().toString() : randomSegment(random);
            Set<Integer> expected = switch (method) {
                case "GET" -> Set.of(200, 404);
                case "DELETE" -> Set.of(204, 404);
                default -> Set.of(405);
            };
            return new FuzzRequest("one subscription", method, BASE + "/subscriptions/" + id, Map.of(), null, expected);
        }
        if (kind < 62) {
            Set<Integer> expected = switch (method) {
                case "GET" -> Set.of(200);
                case "DELETE" -> random.nextInt(4) == 0 ? Set.of(204) : null;
                case "POST" -> Set.of(400, 404, 409, 201, 503);
                default -> Set.of(405);
            };
            if (expected == null) {
                method = "GET";
                expected = Set.of(200);
            }
            return new FuzzRequest("subscriptions", method, BASE + "/subscriptions", Map.of(), null, expected);
        }
        if (kind < 70) {
            if (random.nextBoolean()) {
                Set<Integer> expected = "GET".equals(method) ? Set.of(200) : Set.of(405);
                return new FuzzRequest("health", method, BASE + "/health", Map.of(), randomBody(random), expected);
            }
            // the publisher extension (api-contract §3.2): its errors are 400 {"error": …}
            Set<Integer> expected = switch (method) {
                case "GET", "DELETE" -> Set.of(200);
                case "POST" -> Set.of(201, 400);
                default -> Set.of(405);
            };
            return new FuzzRequest("publishers", method, BASE + "/publishers", Map.of(), randomBody(random), expected);
        }
        if (kind < 82) {
            String address = random.nextInt(4) == 0 ? "/cluster/node/" + RunningProxy.NODE + "/" + randomSegment(random)
                    : pick(random, RESOURCES);
            Set<Integer> expected = "GET".equals(method) ? Set.of(200, 404) : Set.of(405);
            return new FuzzRequest("CurrentState", method, BASE + address + "/CurrentState", Map.of(), null, expected);
        }
        String path = pick(random, List.of(BASE + "/" + randomSegment(random), BASE + "//subscriptions",
                BASE + "/subscriptions/" + randomSegment(random) + "/" + randomSegment(random),
                BASE + "/./health", BASE + "/../v2/health", "/" + randomSegment(random), "/", "/api",
                "/api/ocloudNotifications/v1/subscriptions", BASE + "/health?x=%ZZ", BASE + "/%00", BASE + "/subscriptions%2F1"));
        return new FuzzRequest("other path", method, path, Map.of(), randomBody(random),
                Set.of(200, 204, 301, 400, 404, 405));
    }

    /** A subscription body: valid, with a bad endpoint or resource, mutated, wrongly typed or oversized. */
    private static FuzzRequest subscriptionCreate(Random random, String method) {
        String resource = random.nextInt(6) == 0 ? "/cluster/node/" + RunningProxy.NODE + "/" + randomSegment(random)
                : pick(random, RESOURCES);
        String endpoint;
        Set<Integer> expected;
        int endpointKind = random.nextInt(6);
        if (endpointKind < 3) {
            endpoint = "http://127.0.0.1:" + subscriber.port() + "/e" + random.nextInt(8);
            expected = Set.of(201, 409, 503);
        } else if (endpointKind < 4) {
            endpoint = "http://127.0.0.1:1/closed";
            expected = Set.of(400, 409, 503);
        } else {
            endpoint = pick(random, List.of("not a url", "ftp://x/y", "", "http://", "http://[::1", "file:///etc/passwd",
                    "javascript:alert(1)", "http://127.0.0.1:" + subscriber.port() + "/\u00e9 \u0000"));
            expected = endpoint.isEmpty() ? Set.of(400) : Set.of(400, 409, 503);
        }
        if (!RESOURCES.contains(resource)) {
            expected = endpoint.isEmpty() ? Set.of(400) : Set.of(404);
        }
        String json = "{\"ResourceAddress\":" + quote(resource) + ",\"EndpointUri\":" + quote(endpoint) + "}";
        String kind = "create";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("Content-Type", pick(random, CONTENT_TYPES));
        switch (random.nextInt(8)) {
            case 0 -> {
                kind = "create, mutated body";
                body = mutate(random, body);
                expected = Set.of(201, 400, 404, 409, 503);
            }
            case 1 -> {
                kind = "create, wrong shape";
                body = pick(random, List.of("", "{", "[]", "null", "1", "\"x\"", "{\"ResourceAddress\":123,\"EndpointUri\":\"x\"}",
                        "{\"resourceAddress\":\"" + resource + "\",\"endpointUri\":\"" + endpoint + "\"}",
                        "{\"ResourceAddress\":\"" + resource + "\",\"ResourceAddress\":\"" + resource + "\"}",
                        "[".repeat(5000) + "]".repeat(5000), "{\"ResourceAddress\":\"\\ud800\"}"))
                        .getBytes(StandardCharsets.UTF_8);
                expected = Set.of(400);
            }
            case 2 -> {
                kind = "create, oversized";
                body = ("{\"ResourceAddress\":\"" + resource + "\",\"EndpointUri\":\"" + "x".repeat(70_000) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                expected = Set.of(413);
            }
            case 3 -> {
                kind = "create, gzip-labelled";
                headers = Map.of("Content-Type", "application/json", "Content-Encoding", pick(random, List.of("gzip", "br", "identity")));
                expected = Set.of(201, 400, 404, 409, 415, 503);
            }
            case 4 -> {
                kind = "create, utf-16";
                body = json.getBytes(StandardCharsets.UTF_16);
                headers = Map.of("Content-Type", "application/json");
                expected = Set.of(400);
            }
            default -> {
                String type = headers.get("Content-Type");
                if (type.contains("utf-16")) {
                    // read as what it says it is: not UTF-8 JSON
                    kind = "create, JSON body declared " + type;
                    expected = Set.of(400);
                }
            }
        }
        if (!method.equals("POST")) {
            expected = switch (method) {
                case "GET" -> Set.of(200);
                case "DELETE" -> Set.of(204);
                default -> Set.of(405);
            };
            if (method.equals("DELETE") && random.nextInt(3) != 0) {
                method = "GET";
                expected = Set.of(200);
            }
            if (body.length > 65_536) {
                expected = Set.of(413);
            }
        }
        return new FuzzRequest(kind, method, BASE + "/subscriptions", headers, body, expected);
    }

    private static byte[] randomBody(Random random) {
        if (random.nextBoolean()) {
            return null;
        }
        byte[] body = new byte[random.nextInt(300)];
        random.nextBytes(body);
        return body;
    }

    private static byte[] mutate(Random random, byte[] body) {
        byte[] copy = body.clone();
        for (int n = 1 + random.nextInt(4); n > 0 && copy.length > 0; n--) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    /** A path segment of URL-safe, percent-encoded and odd characters. */
    private static String randomSegment(Random random) {
        StringBuilder segment = new StringBuilder();
        String alphabet = "abcXYZ019-._~%20%2e%C3%A9!$&'()*+,;=:@";
        for (int n = 1 + random.nextInt(12); n > 0; n--) {
            int at = random.nextInt(alphabet.length());
            char c = alphabet.charAt(at);
            segment.append(c == '%' && at + 2 < alphabet.length() ? alphabet.substring(at, at + 3) : c == '%' ? "" : String.valueOf(c));
        }
        // "." and ".." are not names, encoded ("%2e") or not: the server resolves them away
        boolean dotsOnly = segment.toString().replace("%2e", ".").replace(".", "").isEmpty();
        return dotsOnly ? "x" + segment : segment.toString();
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    // ------------------------------------------------------------------------------ raw HTTP

    private record Response(int status, String body) {
    }

    private static Response send(FuzzRequest request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", proxy.apiPort())) {
            socket.setSoTimeout(15_000);
            StringBuilder head = new StringBuilder(request.method() + " " + request.path() + " HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1\r\nConnection: close\r\n");
            request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (request.body() != null) {
                head.append("Content-Length: ").append(request.body().length).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            if (request.body() != null) {
                try {
                    out.write(request.body());
                } catch (IOException closedEarly) {
                    // the server may answer (413) and close before reading an oversized body
                }
            }
            out.flush();
            return parse(readAll(socket.getInputStream()), request.method().equals("HEAD"));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                all.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            if (all.size() == 0) {
                throw reset;
            }
        }
        return all.toByteArray();
    }

    private static Response parse(byte[] raw, boolean head) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        assertTrue(text.startsWith("HTTP/1.1 ") && end > 0, "an HTTP response, got: " + text);
        int status = Integer.parseInt(text.substring(9, 12));
        String headers = text.substring(0, end).toLowerCase(Locale.ROOT);
        String body = head ? "" : text.substring(end + 4);
        if (headers.contains("transfer-encoding: chunked")) {
            body = unchunk(body);
        }
        return new Response(status, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 4 + size;
        }
        return body.toString();
    }
}
