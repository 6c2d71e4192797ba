package io.ptpproxy.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.ptpproxy.fixtures.TinyFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 bug 9 (store part): deleting all of 10,000 subscriptions, each of its own client (the worst
 * case: 10,000 files), took 18.6 s through the API: one durable write per client and the whole index
 * rebuilt after each. Now the files are unlinked, the directory fsynced once and the index rebuilt
 * once. The store is a tmpfs so that the bound measures the store, not the shared build disk, where a
 * bare {@code rm} of 10,000 files took 24 s at load 20 (docs/reliability.md); there the old code also
 * rebuilt a 10,000-entry index 10,000 times, which alone takes longer than the bound.
 */
class SubscriptionStoreDeleteAllTest {

    private static final int SUBSCRIPTIONS = 10_000;
    private static final Duration BOUND = Duration.ofSeconds(3);
    private static final String LOCK_STATE = "/cluster/node/node1/sync/ptp-status/lock-state";

    @TempDir
    Path work;

    @Test
    void removes_10000_clients_at_once_and_leaves_an_empty_store_on_disk_and_after_reopening() throws Exception {
        try (TinyFileSystem disk = TinyFileSystem.mount(work.resolve("store"), 64 * 1024)) {
            for (int i = 0; i < SUBSCRIPTIONS; i++) {
                writeClientFile(disk.path(), "http://consumer-" + i + ".example:9043/event");
            }
            SubscriptionStore store = SubscriptionStore.open(disk.path(), SUBSCRIPTIONS);
            assertEquals(SUBSCRIPTIONS, store.size());

            // the CPU time of this thread, which removeAll runs on: on a tmpfs the deletes are CPU work
            // (system time) too, and unlike the wall clock it does not grow with the machine's load
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            assumeTrue(threads.isCurrentThreadCpuTimeSupported(), "no thread CPU time on this JVM");
            long started = threads.getCurrentThreadCpuTime();
            List<Subscription> removed = store.removeAll();
            Duration took = Duration.ofNanos(threads.getCurrentThreadCpuTime() - started);

            assertTrue(took.compareTo(BOUND) < 0, "removing 10,000 clients took " + took.toMillis() + " ms of CPU");
            assertEquals(SUBSCRIPTIONS, removed.size());
            assertEquals(0, store.size());
            assertEquals(List.of(), disk.files());
            assertEquals(0, SubscriptionStore.open(disk.path()).size());
        }
    }

    private static void writeClientFile(Path store, String endpoint) throws Exception {
        String clientId = ClientId.of(endpoint);
        String id = UUID.randomUUID().toString();
        String uriLocation = "http://localhost:9043/api/ocloudNotifications/v2/subscriptions/" + id;
        Files.writeString(store.resolve(clientId + ".json"), "{\"clientID\":\"" + clientId + "\",\"subStore\":{\"store\":{\""
                + id + "\":{\"ResourceAddress\":\"" + LOCK_STATE + "\",\"EndpointUri\":\"" + endpoint
                + "\",\"SubscriptionId\":\"" + id + "\",\"UriLocation\":\"" + uriLocation + "\"}}},\"EndpointUri\":\""
                + endpoint + "\",\"status\":1,\"action\":0}");
    }
}
