package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptpproxy.event.ResourceType;
import io.ptpproxy.fixtures.ProxyProcess;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.subscription.ClientId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the subscription store: the proxy runs in its own JVM and is killed with SIGKILL
 * while clients create and delete subscriptions concurrently, then restarted on the same store, many
 * times over. Every acknowledged create (201) must be there after the restart, every acknowledged
 * delete (204) must stay gone, a request cut off by the kill may have taken effect or not, and the
 * store never holds a torn, corrupt or stray file. The number of kills is
 * {@code -Dptpproxy.crash-kills} (3 by default, 50 with {@code -Preliability}).
 */
class CrashSafetyTest {

    private static final int KILLS = Integer.getInteger("ptpproxy.crash-kills", 3);
    private static final long SEED = Long.getLong("ptpproxy.seed", System.nanoTime());
    private static final int WORKERS = 4;
    private static final int ENDPOINTS = 6;
    private static final List<String> RESOURCES = ResourceType.all().stream()
            .map(type -> type.addressOn(RunningProxy.NODE)).toList();
    private static final Pattern CLIENT_FILE = Pattern.compile("[0-9a-f-]{36}\\.json");
    private static final Pattern TEMP_FILE = Pattern.compile("\\.[0-9a-f-]{36}\\.json\\.tmp");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path work;

    @Test
    void should_keep_every_acknowledged_create_and_delete_across_repeated_sigkills() throws Exception {
        Random random = new Random(SEED);
        Ledger ledger = new Ledger();
        try (RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            for (int run = 0; run < KILLS; run++) {
                try (ProxyProcess proxy = ProxyProcess.start(work, run, http)) {
                    ledger.verify(listed(proxy), storedSubscriptions(), "before kill " + (run + 1));
                    runUntilKilled(proxy, subscriber, ledger, random);
                }
                assertNoTornFile();
            }
            try (ProxyProcess proxy = ProxyProcess.start(work, KILLS, http)) {
                ledger.verify(listed(proxy), storedSubscriptions(), "after the last kill");
            }
        }
        System.out.printf("crash safety (seed %d): %d SIGKILLs, %d creates and %d deletes acknowledged, "
                        + "%d requests cut off by a kill, %d subscriptions at the end%n",
                SEED, KILLS, ledger.createsAcknowledged, ledger.deletesAcknowledged, ledger.cutOff, ledger.present.size());
        assertTrue(ledger.createsAcknowledged > 0, "the load created subscriptions");
    }

    /** Runs the workers, kills the proxy after a random time under load, and waits for them to stop. */
    private void runUntilKilled(ProxyProcess proxy, RecordingSubscriber subscriber, Ledger ledger, Random random)
            throws Exception {
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            Random own = new Random(random.nextLong());
            Thread worker = new Thread(() -> {
                try {
                    work(proxy, subscriber, ledger, own);
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "crash-load-" + i);
            worker.start();
            workers.add(worker);
        }
        // kill in the thick of it: after a random number of acknowledged requests, at a random moment
        ledger.awaitAcknowledged(1 + random.nextInt(20), Duration.ofSeconds(60));
        Thread.sleep(random.nextInt(30));
        proxy.kill();
        for (Thread worker : workers) {
            worker.join(30_000);
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("a worker failed", failures.get(0));
        }
    }

    /** Creates and deletes until the proxy is gone; the request the kill cuts off stays uncertain. */
    private void work(ProxyProcess proxy, RecordingSubscriber subscriber, Ledger ledger, Random random)
            throws InterruptedException {
        while (true) {
            String toDelete = random.nextInt(10) < 4 ? ledger.reserveForDelete(random) : null;
            try {
                if (toDelete != null) {
                    int status = send(proxy, "DELETE", "/subscriptions/" + toDelete, null).statusCode();
                    assertEquals(204, status, "DELETE of an existing subscription");
                    ledger.deleted(toDelete);
                } else {
                    Key key = new Key(RESOURCES.get(random.nextInt(RESOURCES.size())),
                            "http://127.0.0.1:" + subscriber.port() + "/c" + random.nextInt(ENDPOINTS));
                    ledger.creating(key);
                    HttpResponse<String> response = send(proxy, "POST", "/subscriptions",
                            "{\"ResourceAddress\":\"" + key.address() + "\",\"EndpointUri\":\"" + key.endpoint() + "\"}");
                    ledger.created(key, response);
                }
            } catch (IOException cutOffByTheKill) {
                ledger.cutOff++;
                return;
            }
        }
    }

    private HttpResponse<String> send(ProxyProcess proxy, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(proxy.v2() + path)).timeout(Duration.ofSeconds(20));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Key> listed(ProxyProcess proxy) throws Exception {
        HttpResponse<String> response = send(proxy, "GET", "/subscriptions", null);
        assertEquals(200, response.statusCode());
        Map<String, Key> listed = new HashMap<>();
        for (JsonNode subscription : JSON.readTree(response.body())) {
            Key key = new Key(subscription.get("ResourceAddress").textValue(), subscription.get("EndpointUri").textValue());
            assertTrue(listed.put(subscription.get("SubscriptionId").textValue(), key) == null, "ids are unique");
        }
        return listed;
    }

    /** After a restart the store holds only whole client files, and nothing set aside as corrupt. */
    private Map<String, Key> storedSubscriptions() throws IOException {
        Map<String, Key> stored = new HashMap<>();
        for (Path file : storeFiles()) {
            String name = file.getFileName().toString();
            assertTrue(CLIENT_FILE.matcher(name).matches(), "only client files after a restart, found " + name);
            JsonNode root = JSON.readTree(file.toFile());
            String endpoint = root.get("EndpointUri").textValue();
            assertEquals(ClientId.of(endpoint) + ".json", name);
            root.get("subStore").get("store").properties().forEach(entry -> stored.put(entry.getKey(),
                    new Key(entry.getValue().get("ResourceAddress").textValue(), endpoint)));
        }
        return stored;
    }

    /** Right after a kill: client files are whole JSON (never torn); only our temp files may be left. */
    private void assertNoTornFile() throws IOException {
        for (Path file : storeFiles()) {
            String name = file.getFileName().toString();
            if (TEMP_FILE.matcher(name).matches()) {
                continue;
            }
            assertTrue(CLIENT_FILE.matcher(name).matches(), "stray file after a kill: " + name);
            try {
                JsonNode root = JSON.readTree(file.toFile());
                assertEquals(ClientId.of(root.get("EndpointUri").textValue()) + ".json", name);
            } catch (IOException | NullPointerException e) {
                fail("torn client file " + name + ": " + e + "\n" + Files.readString(file));
            }
        }
    }

    private List<Path> storeFiles() throws IOException {
        try (Stream<Path> files = Files.list(work.resolve("store"))) {
            return files.toList();
        }
    }

    /** A subscription's identity for the duplicate rule: ResourceAddress and EndpointUri. */
    private record Key(String address, String endpoint) {
    }

    /** What the clients were told, and what a kill left uncertain. */
    private static final class Ledger {

        private final Map<String, Key> present = new HashMap<>();
        private final Set<String> deleted = new HashSet<>();
        private final Set<String> deleting = new HashSet<>();
        private final List<Key> creating = new ArrayList<>();
        private int createsAcknowledged;
        private int deletesAcknowledged;
        private volatile int cutOff;

        synchronized void awaitAcknowledged(int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            int target = createsAcknowledged + deletesAcknowledged + count;
            while (createsAcknowledged + deletesAcknowledged < target && System.nanoTime() < deadline) {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        }

        synchronized String reserveForDelete(Random random) {
            List<String> candidates = present.keySet().stream().filter(id -> !deleting.contains(id)).sorted().toList();
            if (candidates.isEmpty()) {
                return null;
            }
            String id = candidates.get(random.nextInt(candidates.size()));
            deleting.add(id);
            return id;
        }

        synchronized void deleted(String id) {
            deleting.remove(id);
            present.remove(id);
            deleted.add(id);
            deletesAcknowledged++;
            notifyAll();
        }

        synchronized void creating(Key key) {
            creating.add(key);
        }

        synchronized void created(Key key, HttpResponse<String> response) throws IOException {
            creating.remove(key);
            int status = response.statusCode();
            if (status == 201) {
                String id = JSON.readTree(response.body()).get("SubscriptionId").textValue();
                present.put(id, key);
                createsAcknowledged++;
                notifyAll();
            } else if (status != 409 && status != 400) {
                // 409: the pair exists; 400: the initial notification timed out on a loaded machine
                fail("POST subscriptions answered " + status + " " + response.body());
            }
        }

        /**
         * Checks the restarted proxy against the acknowledgements; what a cut-off request did is
         * learnt from the listing and from then on must stay.
         */
        synchronized void verify(Map<String, Key> listed, Map<String, Key> stored, String when) {
            assertEquals(listed, stored, when + ": the API lists exactly what the files hold");
            for (Map.Entry<String, Key> acknowledged : Map.copyOf(present).entrySet()) {
                String id = acknowledged.getKey();
                if (deleting.contains(id) && !listed.containsKey(id)) {
                    present.remove(id);
                    deleted.add(id);
                } else {
                    assertEquals(acknowledged.getValue(), listed.get(id), when + ": acknowledged create " + id + " lost");
                }
            }
            for (String id : deleted) {
                assertFalse(listed.containsKey(id), when + ": acknowledged delete " + id + " came back");
            }
            for (Map.Entry<String, Key> entry : listed.entrySet()) {
                if (!present.containsKey(entry.getKey())) {
                    assertTrue(creating.contains(entry.getValue()), when + ": subscription " + entry.getKey()
                            + " was never requested");
                    present.put(entry.getKey(), entry.getValue());
                }
            }
            deleting.clear();
            creating.clear();
        }
    }
}
