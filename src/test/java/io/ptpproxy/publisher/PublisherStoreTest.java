package io.ptpproxy.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishers persist in upstream's pub.json (Go MarshalIndent layout), survive a reopen, and a corrupt file never stops start-up. */
class PublisherStoreTest {

    private static final Publisher A = new Publisher("11111111-1111-4111-8111-111111111111", "/x/a", "",
            "http://localhost:9043/api/ocloudNotifications/v2/publishers/11111111-1111-4111-8111-111111111111");
    private static final Publisher B = new Publisher("22222222-2222-4222-8222-222222222222", "/x/b", "http://h/cb",
            "http://localhost:9043/api/ocloudNotifications/v2/publishers/22222222-2222-4222-8222-222222222222");

    @TempDir
    Path dir;

    @Test
    void should_write_upstreams_pub_json_and_read_it_back() throws Exception {
        PublisherStore store = PublisherStore.open(dir);
        store.register(A);
        store.register(B);
        assertEquals("[\n {\n  \"ResourceAddress\": \"/x/a\",\n  \"EndpointUri\": \"\",\n  \"SubscriptionId\": \"" + A.id()
                + "\",\n  \"UriLocation\": \"" + A.uriLocation() + "\"\n },\n {\n  \"ResourceAddress\": \"/x/b\",\n"
                + "  \"EndpointUri\": \"http://h/cb\",\n  \"SubscriptionId\": \"" + B.id() + "\",\n  \"UriLocation\": \""
                + B.uriLocation() + "\"\n }\n]", Files.readString(dir.resolve("pub.json")));
        assertEquals(List.of(A, B), PublisherStore.open(dir).all());
    }

    @Test
    void should_keep_the_first_publisher_of_an_address() {
        PublisherStore store = PublisherStore.open(dir);
        store.register(A);
        Publisher sameAddress = new Publisher(B.id(), A.resourceAddress(), "", B.uriLocation());
        assertSame(A, store.register(sameAddress));
        assertEquals(List.of(A), store.all());
    }

    @Test
    void should_remove_one_and_all_and_delete_the_file_when_empty() {
        PublisherStore store = PublisherStore.open(dir);
        store.register(A);
        store.register(B);
        assertEquals(Optional.of(A), store.remove(A.id()));
        assertEquals(Optional.empty(), store.remove(A.id()));
        assertEquals(List.of(B), PublisherStore.open(dir).all());
        assertEquals(List.of(B), store.removeAll());
        assertTrue(Files.notExists(dir.resolve("pub.json")));
        assertEquals(List.of(), PublisherStore.open(dir).all());
    }

    @Test
    void should_move_a_corrupt_file_aside_and_start_empty() throws Exception {
        Files.writeString(dir.resolve("pub.json"), "[{\"ResourceAddress\":\"/x\"}]");
        PublisherStore store = PublisherStore.open(dir);
        assertEquals(List.of(), store.all());
        assertEquals("[{\"ResourceAddress\":\"/x\"}]", Files.readString(dir.resolve("pub.json.corrupt")));
        Files.writeString(dir.resolve("pub.json"), "{");
        PublisherStore.open(dir);
        assertTrue(Files.exists(dir.resolve("pub.json.corrupt.1")), "an earlier corrupt file is never overwritten");
    }
}
