package io.ptpproxy.subscription;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The subscription store keeps one crash-safe JSON file per client and restores them at start-up. */
class SubscriptionStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NODE = "/cluster/node/compute-1";
    private static final String LOCK_STATE = NODE + "/sync/ptp-status/lock-state";
    private static final String SYNC_STATE = NODE + "/sync/sync-status/sync-state";
    private static final String CLIENT_A = "http://localhost:9089/event";
    private static final String CLIENT_A_ID = "02ff4ff6-cd62-33ec-8af1-603c11db4d99";
    private static final String CLIENT_B = "http://consumer-b:9043/event";
    private static final String LOCATION = "http://publisher:9043/api/ocloudNotifications/v2/subscriptions/";

    @TempDir
    Path dir;

    @Test
    void should_restore_subscriptions_after_reopen() {
        SubscriptionStore store = SubscriptionStore.open(dir);
        Subscription first = store.add(sub("11111111-1111-4111-8111-111111111111", LOCK_STATE, CLIENT_A));
        Subscription second = store.add(sub("22222222-2222-4222-8222-222222222222", SYNC_STATE, CLIENT_A));
        Subscription third = store.add(sub("33333333-3333-4333-8333-333333333333", LOCK_STATE, CLIENT_B));

        SubscriptionStore reopened = SubscriptionStore.open(dir);

        assertEquals(3, reopened.size());
        assertEquals(Optional.of(first), reopened.find("11111111-1111-4111-8111-111111111111"));
        assertEquals(LOCATION + "22222222-2222-4222-8222-222222222222",
                reopened.find("22222222-2222-4222-8222-222222222222").orElseThrow().uriLocation());
        assertEquals(List.of(first, third), reopened.matching(LOCK_STATE));
        assertEquals(List.of(second), reopened.matching(SYNC_STATE));
    }

    @Test
    void should_restore_the_order_of_subscriptions_within_a_file() {
        SubscriptionStore store = SubscriptionStore.open(dir);
        List<Subscription> added = new ArrayList<>();
        for (int i = 9; i >= 0; i--) {
            added.add(store.add(sub("id-" + i, NODE + "/resource-" + i, CLIENT_A)));
        }

        assertEquals(added, SubscriptionStore.open(dir).all());
    }

    @Test
    void should_write_the_upstream_client_file_layout() throws IOException {
        SubscriptionStore store = SubscriptionStore.open(dir);
        store.add(sub("id-1", LOCK_STATE, CLIENT_A));

        Path file = dir.resolve(CLIENT_A_ID + ".json");
        JsonNode root = JSON.readTree(file.toFile());

        assertEquals(List.of("clientID", "subStore", "EndpointUri", "status", "action"), keys(root));
        assertEquals(CLIENT_A_ID, root.get("clientID").textValue());
        assertEquals(file.getFileName().toString(), root.get("clientID").textValue() + ".json");
        assertEquals(CLIENT_A, root.get("EndpointUri").textValue());
        assertEquals(1, root.get("status").intValue());
        assertEquals(0, root.get("action").intValue());
        assertEquals(List.of("store"), keys(root.get("subStore")));
        JsonNode entry = root.get("subStore").get("store").get("id-1");
        assertEquals(List.of("ResourceAddress", "EndpointUri", "SubscriptionId", "UriLocation"), keys(entry));
        assertEquals(LOCK_STATE, entry.get("ResourceAddress").textValue());
        assertEquals(CLIENT_A, entry.get("EndpointUri").textValue());
        assertEquals("id-1", entry.get("SubscriptionId").textValue());
        assertEquals(LOCATION + "id-1", entry.get("UriLocation").textValue());
    }

    @Test
    void should_keep_two_subscriptions_of_one_endpoint_in_one_file() throws IOException {
        SubscriptionStore store = SubscriptionStore.open(dir);
        store.add(sub("id-1", LOCK_STATE, CLIENT_A));
        store.add(sub("id-2", SYNC_STATE, CLIENT_A));

        assertEquals(List.of(CLIENT_A_ID + ".json"), jsonFiles());
        assertEquals(List.of("id-1", "id-2"), keys(storeOf(CLIENT_A_ID)));
    }

    @Test
    void should_give_each_endpoint_its_own_file() {
        SubscriptionStore store = SubscriptionStore.open(dir);
        store.add(sub("id-1", LOCK_STATE, CLIENT_A));
        store.add(sub("id-2", LOCK_STATE, CLIENT_B));

        assertEquals(List.of(CLIENT_A_ID + ".json", ClientId.of(CLIENT_B) + ".json").stream().sorted().toList(),
                jsonFiles());
    }

    @Test
    void should_rewrite_the_file_when_one_of_two_subscriptions_is_removed() throws IOException {
        SubscriptionStore store = SubscriptionStore.open(dir);
        store.add(sub("id-1", LOCK_STATE, CLIENT_A));
        store.add(sub("id-2", SYNC_STATE, CLIENT_A));

        assertTrue(store.remove("id-1"));

        assertEquals(List.of("id-2"), keys(storeOf(CLIENT_A_ID)));
        assertEquals(List.of(sub("id-2", SYNC_STATE, CLIENT_A)), store.all());
        assertEquals(List.of(), store.matching(LOCK_STATE));
        assertEquals(store.all(), SubscriptionStore.open(dir).all());
    }

    @Test
    void should_delete_the_file_when_the_last_subscription_of_a_client_is_removed() {
        SubscriptionStore store = SubscriptionStore.open(dir);
        store.add(sub("id-1", LOCK_STATE, CLIENT_A));
        store.add(sub("id-2", LOCK_STATE, CLIENT_B));

        assertTrue(store.remove("id-1"));

        assertEquals(List.of(ClientId.of(CLIENT_B) + ".json"), jsonFiles());
        assertEquals(Optional.empty(), store.find("id-1"));
    }

    @Test
    void should_return_false_when_removing_an_unknown_id() {
        SubscriptionStore store = SubscriptionStore.open(dir);
        store.add(sub("id-1", LOCK_STATE, CLIENT_A));

        assertFalse(store.remove("id-9"));
        assertFalse(store.remove(null));
        assertEquals(1, store.size());
    }

    @Test
    void should_leave_no_json_file_after_remove_all() {
        SubscriptionStore store = SubscriptionStore.open(dir);
        store.add(sub("id-1", LOCK_STATE, CLIENT_A));
        store.add(sub("id-2", SYNC_STATE, CLIENT_A));
        store.add(sub("id-3", LOCK_STATE, CLIENT_B));

        store.removeAll();

        assertEquals(List.of(), jsonFiles());
        assertEquals(0, store.size());
        assertEquals(List.of(), store.matching(LOCK_STATE));
        assertEquals(List.of(), SubscriptionStore.open(dir).all());
    }

    @Test
    void should_remove_every_subscription_of_a_client_and_its_file() {
        SubscriptionStore store = SubscriptionStore.open(dir);
        Subscription a1 = store.add(sub("id-1", LOCK_STATE, CLIENT_A));
        Subscription b = store.add(sub("id-2", LOCK_STATE, CLIENT_B));
        Subscription a2 = store.add(sub("id-3", SYNC_STATE, CLIENT_A));

        assertEquals(List.of(a1, a2), store.removeClient(CLIENT_A));

        assertEquals(List.of(b), store.all());
        assertEquals(List.of(ClientId.of(CLIENT_B) + ".json"), jsonFiles());
        assertEquals(List.of(), store.removeClient(CLIENT_A));
        assertEquals(List.of(b), SubscriptionStore.open(dir).all());
    }

    @Test
    void should_refuse_a_duplicate_and_leave_the_store_unchanged() throws IOException {
        SubscriptionStore store = SubscriptionStore.open(dir);
        Subscription original = store.add(sub("id-1", LOCK_STATE, CLIENT_A));
        byte[] fileBefore = Files.readAllBytes(dir.resolve(CLIENT_A_ID + ".json"));

        DuplicateSubscriptionException e = assertThrows(DuplicateSubscriptionException.class,
                () -> store.add(sub("id-2", LOCK_STATE, CLIENT_A)));

        assertSame(original, e.existing());
        assertEquals(List.of(original), store.all());
        assertArrayEquals(fileBefore, Files.readAllBytes(dir.resolve(CLIENT_A_ID + ".json")));
    }

    @Test
    void should_refuse_a_subscription_id_that_is_already_taken() {
        SubscriptionStore store = SubscriptionStore.open(dir);
        Subscription original = store.add(sub("id-1", LOCK_STATE, CLIENT_A));

        assertThrows(IllegalArgumentException.class, () -> store.add(sub("id-1", SYNC_STATE, CLIENT_B)));

        assertEquals(List.of(original), store.all());
        assertEquals(List.of(CLIENT_A_ID + ".json"), jsonFiles());
    }

    @Test
    void should_accept_the_same_address_for_another_endpoint_and_another_address_for_the_same_endpoint() {
        SubscriptionStore store = SubscriptionStore.open(dir);
        store.add(sub("id-1", LOCK_STATE, CLIENT_A));

        store.add(sub("id-2", LOCK_STATE, CLIENT_B));
        store.add(sub("id-3", SYNC_STATE, CLIENT_A));

        assertEquals(3, store.size());
    }

    @Test
    void should_let_exactly_one_of_eight_concurrent_adds_of_the_same_pair_succeed() throws Exception {
        SubscriptionStore store = SubscriptionStore.open(dir);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String id = "id-" + i;
                results.add(pool.submit(addWhenStarted(store, start, sub(id, LOCK_STATE, CLIENT_A))));
            }
            start.countDown();
            int successes = 0;
            for (Future<Boolean> result : results) {
                successes += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertEquals(1, successes);
            assertEquals(1, store.size());
            assertEquals(1, storeOf(CLIENT_A_ID).size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_match_only_the_exact_resource_address() {
        SubscriptionStore store = SubscriptionStore.open(dir);
        Subscription exact = store.add(sub("id-1", LOCK_STATE, CLIENT_A));
        store.add(sub("id-2", "/cluster/node/compute-2/sync/ptp-status/lock-state", CLIENT_A));
        store.add(sub("id-3", NODE + "/sync/ptp-status", CLIENT_A));

        assertEquals(List.of(exact), store.matching(LOCK_STATE));
        assertEquals(List.of(), store.matching("/cluster/node/compute-9/sync/ptp-status/lock-state"));
        assertEquals(List.of(), store.matching(NODE + "/sync"));
        assertEquals(List.of(), store.matching(LOCK_STATE + "/"));
        assertEquals(List.of(), store.matching(LOCK_STATE.toUpperCase()));
        assertEquals(List.of(), store.matching(null));
        assertThrows(UnsupportedOperationException.class, () -> store.matching(LOCK_STATE).clear());
        assertThrows(UnsupportedOperationException.class, () -> store.matching("/nothing").add(exact));
    }

    @Test
    void should_find_a_duplicate_only_for_the_exact_pair() {
        SubscriptionStore store = SubscriptionStore.open(dir);
        Subscription existing = store.add(sub("id-1", LOCK_STATE, CLIENT_A));

        assertEquals(Optional.of(existing), store.findDuplicate(LOCK_STATE, CLIENT_A));
        assertEquals(Optional.empty(), store.findDuplicate(LOCK_STATE, CLIENT_A + "/"));
        assertEquals(Optional.empty(), store.findDuplicate(SYNC_STATE, CLIENT_A));
        assertEquals(Optional.empty(), store.find(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "garbage \u0000\u0001 bytes",
        "",
        "[]",
        "null",
        "{\"clientID\":\"" + CLIENT_A_ID + "\"",
        "{\"clientID\":\"" + CLIENT_A_ID + "\",\"subStore\":{\"store\":{}},\"EndpointUri\":\"" + CLIENT_A + "\"} {}",
        "{\"clientID\":\"" + CLIENT_A_ID + "\",\"subStore\":{\"store\":{\"id-1\":{\"ResourceAddress\":\"/a\","
                + "\"EndpointUri\":\"" + CLIENT_A + "\",\"SubscriptionId\":1,\"UriLocation\":\"x\"}}},"
                + "\"EndpointUri\":\"" + CLIENT_A + "\"}",
        "{\"clientID\":\"" + CLIENT_A_ID + "\",\"subStore\":[],\"EndpointUri\":\"" + CLIENT_A + "\"}",
        "{\"clientID\":\"" + CLIENT_A_ID + "\",\"subStore\":{\"store\":{}},\"EndpointUri\":\"" + CLIENT_A + "\","
                + "\"status\":\"active\"}",
        "{\"clientID\":\"" + CLIENT_A_ID + "\",\"subStore\":{\"store\":{\"id-1\":{\"ResourceAddress\":\"/a\","
                + "\"EndpointUri\":\"" + CLIENT_A + "\",\"SubscriptionId\":\"id-1\"}}},"
                + "\"EndpointUri\":\"" + CLIENT_A + "\"}",
        "{\"clientID\":\"" + CLIENT_A_ID + "\",\"subStore\":{\"store\":{}}}",
        "{\"clientID\":\"00000000-0000-3000-8000-000000000000\",\"subStore\":{\"store\":{}},"
                + "\"EndpointUri\":\"" + CLIENT_A + "\"}",
        "{\"clientID\":\"" + CLIENT_A_ID + "\",\"subStore\":{\"store\":{}},\"EndpointUri\":\"" + CLIENT_B + "\"}",
        "{\"clientID\":\"" + CLIENT_A_ID + "\",\"subStore\":{\"store\":{\"id-1\":{\"ResourceAddress\":\"/a\","
                + "\"EndpointUri\":\"" + CLIENT_B + "\",\"SubscriptionId\":\"id-1\",\"UriLocation\":\"x\"}}},"
                + "\"EndpointUri\":\"" + CLIENT_A + "\"}",
        "{\"clientID\":\"" + CLIENT_A_ID + "\",\"subStore\":{\"store\":{\"id-1\":{\"ResourceAddress\":\"/a\","
                + "\"EndpointUri\":\"" + CLIENT_A + "\",\"SubscriptionId\":\"id-2\",\"UriLocation\":\"x\"}}},"
                + "\"EndpointUri\":\"" + CLIENT_A + "\"}"
    })
    void should_set_a_corrupt_file_aside_and_still_load_the_others(String content) throws IOException {
        Subscription other = sub("id-b", LOCK_STATE, CLIENT_B);
        SubscriptionStore.open(dir).add(other);
        Path corrupt = dir.resolve(CLIENT_A_ID + ".json");
        Files.writeString(corrupt, content);

        SubscriptionStore store = SubscriptionStore.open(dir);

        assertEquals(List.of(other), store.all());
        assertFalse(Files.exists(corrupt));
        assertEquals(content, Files.readString(dir.resolve(CLIENT_A_ID + ".json.corrupt")));
    }

    @Test
    void should_set_aside_a_file_that_repeats_a_subscription_id_of_another_file() throws IOException {
        SubscriptionStore store = SubscriptionStore.open(dir);
        store.add(sub("id-1", LOCK_STATE, CLIENT_A));
        store.add(sub("id-2", LOCK_STATE, CLIENT_B));
        Path fileB = dir.resolve(ClientId.of(CLIENT_B) + ".json");
        Files.writeString(fileB, Files.readString(fileB).replace("id-2", "id-1"));

        SubscriptionStore reopened = SubscriptionStore.open(dir);

        assertEquals(1, reopened.size());
        assertEquals(1, allFiles().stream().filter(name -> name.endsWith(".json.corrupt")).count());
    }

    @Test
    void should_set_a_file_of_binary_garbage_aside() throws IOException {
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0x00, 0x7b, (byte) 0x80, 0x22};
        Files.write(dir.resolve(CLIENT_A_ID + ".json"), garbage);

        assertEquals(0, SubscriptionStore.open(dir).size());

        assertArrayEquals(garbage, Files.readAllBytes(dir.resolve(CLIENT_A_ID + ".json.corrupt")));
        assertEquals(List.of(CLIENT_A_ID + ".json.corrupt"), allFiles());
    }

    @Test
    void should_set_a_second_corrupt_file_with_the_same_name_aside_under_the_next_number() throws IOException {
        Path corrupt = dir.resolve(CLIENT_A_ID + ".json");
        Files.writeString(corrupt, "first");
        SubscriptionStore.open(dir);
        Files.writeString(corrupt, "second");
        SubscriptionStore.open(dir);
        Files.writeString(corrupt, "third");

        SubscriptionStore.open(dir);

        assertEquals("first", Files.readString(dir.resolve(CLIENT_A_ID + ".json.corrupt")));
        assertEquals("second", Files.readString(dir.resolve(CLIENT_A_ID + ".json.corrupt.1")));
        assertEquals("third", Files.readString(dir.resolve(CLIENT_A_ID + ".json.corrupt.2")));
    }

    @Test
    void should_not_overwrite_a_corrupt_file_when_its_client_subscribes_again() throws IOException {
        Files.writeString(dir.resolve(CLIENT_A_ID + ".json"), "{broken");
        SubscriptionStore store = SubscriptionStore.open(dir);

        store.add(sub("id-1", LOCK_STATE, CLIENT_A));

        assertEquals("{broken", Files.readString(dir.resolve(CLIENT_A_ID + ".json.corrupt")));
        assertEquals(List.of("id-1"), keys(storeOf(CLIENT_A_ID)));
    }

    @Test
    void should_leave_foreign_files_untouched() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "my notes");
        Files.writeString(dir.resolve("abc.json"), "not even json");
        Files.writeString(dir.resolve("pub.json"), "[]");
        Files.createDirectories(dir.resolve("11111111-2222-3333-8444-555555555555.json"));

        SubscriptionStore store = SubscriptionStore.open(dir);
        store.add(sub("id-1", LOCK_STATE, CLIENT_A));
        store.removeAll();

        assertEquals(0, SubscriptionStore.open(dir).size());
        assertEquals("my notes", Files.readString(dir.resolve("notes.txt")));
        assertEquals("not even json", Files.readString(dir.resolve("abc.json")));
        assertEquals("[]", Files.readString(dir.resolve("pub.json")));
        assertTrue(Files.isDirectory(dir.resolve("11111111-2222-3333-8444-555555555555.json")));
    }

    @Test
    void should_delete_stale_temp_files_at_open() throws IOException {
        Files.writeString(dir.resolve(".xxx.json.tmp"), "half written");
        Files.writeString(dir.resolve("." + CLIENT_A_ID + ".json.tmp"), "{\"clientID\":");

        SubscriptionStore store = SubscriptionStore.open(dir);

        assertEquals(0, store.size());
        assertEquals(List.of(), allFiles());
    }

    @Test
    void should_restore_a_file_written_by_upstream() throws IOException {
        String uriLocation = "http://ptp-event-publisher-service-compute-1.openshift-ptp.svc.cluster.local:9043"
                + "/api/ocloudNotifications/v2/subscriptions/b6a5e2c6-1e1b-4c3c-9d3e-0d5f3b0c8f10";
        String upstream = """
                {
                 "clientID": "%s",
                 "subStore": {
                  "store": {
                   "b6a5e2c6-1e1b-4c3c-9d3e-0d5f3b0c8f10": {
                    "ResourceAddress": "%s",
                    "EndpointUri": "%s",
                    "SubscriptionId": "b6a5e2c6-1e1b-4c3c-9d3e-0d5f3b0c8f10",
                    "UriLocation": "%s"
                   }
                  }
                 },
                 "EndpointUri": "%s",
                 "status": 1,
                 "action": 0,
                 "extra": true
                }""".formatted(CLIENT_A_ID, LOCK_STATE, CLIENT_A, uriLocation, CLIENT_A);
        Files.writeString(dir.resolve(CLIENT_A_ID + ".json"), upstream);

        SubscriptionStore store = SubscriptionStore.open(dir);

        assertEquals(List.of(new Subscription("b6a5e2c6-1e1b-4c3c-9d3e-0d5f3b0c8f10", LOCK_STATE, CLIENT_A,
                uriLocation)), store.all());
    }

    @Test
    void should_delete_a_valid_client_file_without_subscriptions_at_open() throws IOException {
        Files.writeString(dir.resolve(CLIENT_A_ID + ".json"), "{\"clientID\":\"" + CLIENT_A_ID
                + "\",\"subStore\":{\"store\":{}},\"EndpointUri\":\"" + CLIENT_A + "\",\"status\":1,\"action\":0}");

        SubscriptionStore store = SubscriptionStore.open(dir);

        assertEquals(0, store.size());
        assertEquals(List.of(), allFiles());
    }

    @Test
    void should_fail_naming_the_path_when_the_store_path_is_under_a_regular_file() throws IOException {
        Files.writeString(dir.resolve("afile"), "x");
        Path path = dir.resolve("afile").resolve("store");

        StoreException e = assertThrows(StoreException.class, () -> SubscriptionStore.open(path));

        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a writable directory"), e.getMessage());
    }

    @Test
    void should_fail_naming_the_path_when_the_store_path_is_a_regular_file() throws IOException {
        Path path = Files.writeString(dir.resolve("afile"), "x");

        StoreException e = assertThrows(StoreException.class, () -> SubscriptionStore.open(path));

        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
    }

    @Test
    void should_create_missing_parent_directories() {
        Path path = dir.resolve("a").resolve("b").resolve("store");

        SubscriptionStore.open(path).add(sub("id-1", LOCK_STATE, CLIENT_A));

        assertTrue(Files.isRegularFile(path.resolve(CLIENT_A_ID + ".json")));
    }

    @Test
    void should_leave_no_temp_file_after_writes() throws IOException {
        SubscriptionStore store = SubscriptionStore.open(dir);
        store.add(sub("id-1", LOCK_STATE, CLIENT_A));
        store.add(sub("id-2", SYNC_STATE, CLIENT_A));
        store.add(sub("id-3", LOCK_STATE, CLIENT_B));
        store.remove("id-1");

        assertEquals(List.of(CLIENT_A_ID + ".json", ClientId.of(CLIENT_B) + ".json").stream().sorted().toList(),
                allFiles());
    }

    @Test
    void should_leave_the_store_unchanged_when_the_client_file_cannot_be_written() throws IOException {
        SubscriptionStore store = SubscriptionStore.open(dir);
        blockClientFile(CLIENT_A_ID);

        StoreException e = assertThrows(StoreException.class, () -> store.add(sub("id-1", LOCK_STATE, CLIENT_A)));

        assertTrue(e.getMessage().contains(dir.resolve(CLIENT_A_ID + ".json").toString()), e.getMessage());
        assertEquals(0, store.size());
        assertEquals(List.of(), store.matching(LOCK_STATE));
        assertFalse(Files.exists(dir.resolve("." + CLIENT_A_ID + ".json.tmp")));
    }

    @Test
    void should_leave_the_store_unchanged_when_a_client_file_cannot_be_deleted() throws IOException {
        SubscriptionStore store = SubscriptionStore.open(dir.resolve("store"));
        Subscription subscription = store.add(sub("id-1", LOCK_STATE, CLIENT_A));
        Path file = dir.resolve("store").resolve(CLIENT_A_ID + ".json");
        Files.delete(file);
        Files.createDirectories(file.resolve("blocker"));

        assertThrows(StoreException.class, () -> store.remove("id-1"));
        assertThrows(StoreException.class, () -> store.removeClient(CLIENT_A));
        assertThrows(StoreException.class, store::removeAll);

        assertEquals(List.of(subscription), store.all());
    }

    private void blockClientFile(String clientId) throws IOException {
        // a non-empty directory in the way makes the rename fail, whatever the permissions
        Files.createDirectories(dir.resolve(clientId + ".json").resolve("blocker"));
    }

    private static Callable<Boolean> addWhenStarted(SubscriptionStore store, CountDownLatch start, Subscription s) {
        return () -> {
            start.await();
            try {
                store.add(s);
                return true;
            } catch (DuplicateSubscriptionException e) {
                return false;
            }
        };
    }

    private static Subscription sub(String id, String resourceAddress, String endpointUri) {
        return new Subscription(id, resourceAddress, endpointUri, LOCATION + id);
    }

    private JsonNode storeOf(String clientId) throws IOException {
        return JSON.readTree(dir.resolve(clientId + ".json").toFile()).get("subStore").get("store");
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            keys.add(entry.getKey());
        }
        return keys;
    }

    private List<String> jsonFiles() {
        return allFiles().stream().filter(name -> name.endsWith(".json")).toList();
    }

    private List<String> allFiles() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
