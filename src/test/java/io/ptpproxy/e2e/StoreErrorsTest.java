package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.TinyFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 bugs 4 and 7: a store that cannot take a change answers 503 with the reason in the API's
 * words, and nothing is half done: no initial notification for a subscription that is not stored,
 * memory and disk agree, and the store health check says why. The store is a real tmpfs of a few
 * KiB, remounted read-only for EROFS and filled for ENOSPC.
 */
class StoreErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NODE = "/cluster/node/" + RunningProxy.NODE;
    private static final String LOCK_STATE = NODE + "/sync/ptp-status/lock-state";
    private static final String SYNC_STATE = NODE + "/sync/sync-status/sync-state";
    private static final String READ_ONLY = "{\"error\":\"the subscription store is read-only\"}";
    private static final String FULL = "{\"error\":\"the subscription store is full\"}";

    @TempDir
    Path work;

    @Test
    void a_read_only_store_answers_503_read_only_to_every_change_and_keeps_what_it_had() throws Exception {
        try (TinyFileSystem disk = TinyFileSystem.mount(work.resolve("store"), 256);
             RunningProxy proxy = RunningProxy.start(work);
             RecordingSubscriber stored = RecordingSubscriber.start();
             RecordingSubscriber refused = RecordingSubscriber.start()) {
            HttpResponse<String> created = proxy.subscribe(LOCK_STATE, stored.uri());
            assertEquals(201, created.statusCode());
            stored.next(1, Duration.ofSeconds(10));
            String id = JSON.readTree(created.body()).get("SubscriptionId").asText();
            assertEquals(201, proxy.send("POST", proxy.v1() + "/subscriptions",
                    "{\"resource\":\"" + LOCK_STATE + "\"}").statusCode());
            List<String> files = disk.files();

            disk.readOnly();
            assertAnswer(503, READ_ONLY, proxy.subscribe(LOCK_STATE, refused.uri()));
            assertEquals(0, refused.pending(), "no initial notification for a subscription that is not stored");
            assertAnswer(503, READ_ONLY, proxy.subscribe(SYNC_STATE, stored.uri()));
            assertEquals(0, stored.pending());
            assertAnswer(503, READ_ONLY, proxy.send("DELETE", proxy.v2() + "/subscriptions/" + id, null));
            assertAnswer(503, READ_ONLY, proxy.send("DELETE", proxy.v2() + "/subscriptions", null));
            assertAnswer(503, READ_ONLY, proxy.send("POST", proxy.v1() + "/subscriptions",
                    "{\"resource\":\"" + SYNC_STATE + "\"}"));
            assertAnswer(503, READ_ONLY, proxy.send("DELETE", proxy.v1() + "/subscriptions", null));
            assertAnswer(503, READ_ONLY, proxy.send("POST", proxy.v2() + "/publishers",
                    "{\"ResourceAddress\":\"/x/y\",\"EndpointUri\":\"\"}"));
            assertEquals(List.of(id), ids(proxy), "the subscription is still there");
            assertEquals(1, JSON.readTree(proxy.send("GET", proxy.v1() + "/subscriptions", null).body()).size());
            assertEquals(files, disk.files());
            assertStoreHealth(proxy, "read-only");

            disk.readWrite();
            assertEquals(201, proxy.subscribe(LOCK_STATE, refused.uri()).statusCode());
            assertEquals(1, refused.next(1, Duration.ofSeconds(10)).size());
            assertEquals(0, refused.pending(), "exactly one initial notification, for the stored subscription");
            assertStoreHealth(proxy, null);
        }
    }

    @Test
    void a_full_store_answers_503_full_stores_nothing_half_and_takes_creates_again_after_a_delete() throws Exception {
        List<RecordingSubscriber> subscribers = new ArrayList<>();
        try (TinyFileSystem disk = TinyFileSystem.mount(work.resolve("store"), 24);
             RunningProxy proxy = RunningProxy.start(work)) {
            List<String> ids = new ArrayList<>();
            HttpResponse<String> answer;
            RecordingSubscriber subscriber;
            do {
                subscriber = RecordingSubscriber.start();
                subscribers.add(subscriber);
                answer = proxy.subscribe(LOCK_STATE, subscriber.uri());
                if (answer.statusCode() == 201) {
                    ids.add(JSON.readTree(answer.body()).get("SubscriptionId").asText());
                    assertEquals(1, subscriber.next(1, Duration.ofSeconds(10)).size());
                }
            } while (answer.statusCode() == 201 && subscribers.size() < 50);
            assertAnswer(503, FULL, answer);
            assertTrue(ids.size() >= 1 && ids.size() < 10, "a 24 KiB store is full after a few files: " + ids.size());
            assertEquals(0, subscriber.pending(), "no initial notification for a subscription that is not stored");
            assertEquals(new TreeSet<>(ids), new TreeSet<>(ids(proxy)));
            assertEquals(ids.size(), disk.files().stream().filter(name -> name.endsWith(".json")
                    && !name.startsWith(".")).count(), "one client file per stored subscription: " + disk.files());
            assertStoreHealth(proxy, "full");

            assertEquals(204, proxy.send("DELETE", proxy.v2() + "/subscriptions/" + ids.get(0), null).statusCode());
            RecordingSubscriber again = RecordingSubscriber.start();
            subscribers.add(again);
            assertEquals(201, proxy.subscribe(LOCK_STATE, again.uri()).statusCode());
            assertEquals(1, again.next(1, Duration.ofSeconds(10)).size());
        } finally {
            subscribers.forEach(RecordingSubscriber::close);
        }
    }

    /**
     * Bug 7: 100 concurrent creates against a limit of 20, each to its own endpoint, whose answer is
     * slowed so the creates overlap: exactly the 20 created endpoints got an initial notification.
     */
    @Test
    void concurrent_creates_at_the_limit_notify_exactly_the_created_endpoints() throws Exception {
        int limit = 20;
        int creates = 100;
        Map<String, AtomicInteger> notified = new ConcurrentHashMap<>();
        HttpServer endpoints = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        endpoints.setExecutor(Executors.newFixedThreadPool(creates));
        endpoints.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                notified.computeIfAbsent(exchange.getRequestURI().getPath(), path -> new AtomicInteger()).incrementAndGet();
                Thread.sleep(100);
                exchange.sendResponseHeaders(204, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        endpoints.start();
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try (RunningProxy proxy = RunningProxy.start(work, Map.of("store.max-subscriptions", Integer.toString(limit)))) {
            String base = "http://127.0.0.1:" + endpoints.getAddress().getPort() + "/endpoint-";
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < creates; i++) {
                String endpoint = base + i;
                answers.add(clients.submit(() -> proxy.subscribe(LOCK_STATE, endpoint)));
            }
            Set<String> created = new TreeSet<>();
            int refused = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                if (response.statusCode() == 201) {
                    created.add(JSON.readTree(response.body()).get("EndpointUri").asText()
                            .substring(base.length() - "/endpoint-".length()));
                } else {
                    assertEquals(503, response.statusCode(), response.body());
                    refused++;
                }
            }
            assertEquals(limit, created.size());
            assertEquals(creates - limit, refused);
            assertEquals(created, new TreeSet<>(notified.keySet()), "notified endpoints");
            notified.forEach((path, count) -> assertEquals(1, count.get(), path));
        } finally {
            clients.shutdownNow();
            endpoints.stop(0);
        }
    }

    private static void assertAnswer(int status, String body, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(body, response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    }

    private static List<String> ids(RunningProxy proxy) throws Exception {
        JsonNode list = JSON.readTree(proxy.send("GET", proxy.v2() + "/subscriptions", null).body());
        return StreamSupport.stream(list.spliterator(), false).map(s -> s.get("SubscriptionId").asText()).toList();
    }

    /** @param reason the expected DOWN reason, or null for UP */
    private static void assertStoreHealth(RunningProxy proxy, String reason) throws Exception {
        HttpResponse<String> ready = proxy.send("GET", proxy.management() + "/health/ready?exposureLevel=full&data=true", null);
        JsonNode store = StreamSupport.stream(JSON.readTree(ready.body()).get("checks").spliterator(), false)
                .filter(check -> check.get("name").asText().equals("store")).findFirst().orElseThrow();
        if (reason == null) {
            assertEquals("UP", store.get("status").asText(), ready.body());
        } else {
            assertEquals(503, ready.statusCode());
            assertEquals("DOWN", store.get("status").asText());
            assertEquals(reason, store.get("message").asText());
        }
    }
}
