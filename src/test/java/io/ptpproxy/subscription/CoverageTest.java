package io.ptpproxy.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.ptpproxy.event.PublishedEvent;
import io.ptpproxy.event.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What subscriptions cover, who receives an event (once per endpoint), and the 409 rule, in the store. */
class CoverageTest {

    private static final String NODE = "/cluster/node/n1";
    private static final String LOCK = NODE + "/sync/ptp-status/lock-state";
    private static final String SYNC = NODE + "/sync/sync-status/sync-state";
    private static final Function<String, Coverage> RESOLVER = Coverage.resolver("n1");

    @TempDir
    Path dir;

    @Test
    void should_normalise_scheme_host_default_port_and_trailing_slash_of_an_endpoint() {
        assertEquals(EndpointKey.of("http://consumer/event"), EndpointKey.of("HTTP://Consumer:80/event/"));
        assertEquals(EndpointKey.of("https://c:443/e?x=1"), EndpointKey.of("https://C/e/?x=1"));
        assertEquals(EndpointKey.of("http://c:9043"), EndpointKey.of("http://c:9043/"));
        assertNotEquals(EndpointKey.of("http://c:8080/event"), EndpointKey.of("http://c/event"));
        assertNotEquals(EndpointKey.of("http://c/Event"), EndpointKey.of("http://c/event"), "the path keeps its case");
        assertEquals("not a uri", EndpointKey.of("not a uri"));
    }

    @Test
    void should_deliver_once_per_endpoint_whatever_its_subscriptions() {
        SubscriptionStore store = SubscriptionStore.open(dir, 100, RESOLVER);
        Subscription exact = store.add(subscription(LOCK, "http://a/event"));
        store.add(subscription(NODE + "/sync/ptp-status", "http://a/event"));
        store.add(subscription("/./sync", "HTTP://A:80/event/"));
        Subscription other = store.add(subscription("/x/*/sync/sync-status", "http://b/event"));

        assertEquals(List.of(exact), store.recipients(event(LOCK, Set.of("ens5fx", "master"))));
        List<Subscription> sync = store.recipients(event(SYNC, Set.of("sync")));
        assertEquals(2, sync.size(), sync.toString());
        assertTrue(sync.contains(other));
        assertEquals(List.of(), store.recipients(event(NODE + "/mock", Set.of())));
    }

    @Test
    void should_deliver_an_instance_subscriptions_events_only_when_the_event_names_the_instance() {
        SubscriptionStore store = SubscriptionStore.open(dir, 100, RESOLVER);
        Subscription five = store.add(subscription(NODE + "/ens5fx/sync/ptp-status/lock-state", "http://a/event"));
        store.add(subscription(NODE + "/ens5fx/sync/ptp-status", "http://a/event"));
        Subscription seven = store.add(subscription("/./ens7fx/sync", "http://b/event"));

        assertEquals(List.of(five), store.recipients(event(LOCK, Set.of("ens5fx", "master"))));
        assertEquals(List.of(seven), store.recipients(event(LOCK, Set.of("ens7fx", "master"))));
        assertEquals(List.of(), store.recipients(event(SYNC, Set.of("sync", "sync-status", "sync-state"))));
    }

    @Test
    void should_refuse_a_subscription_an_existing_one_of_the_same_endpoint_covers() {
        SubscriptionStore store = SubscriptionStore.open(dir, 100, RESOLVER);
        store.add(subscription("/./sync/ptp-status", "http://a/event"));
        for (String covered : List.of("/*/sync/ptp-status/lock-state", "/other/n1/sync/ptp-status/clock-class",
                NODE + "/ens5fx/sync/ptp-status/lock-state", NODE + "/sync/ptp-status")) {
            assertTrue(store.findCovering(covered, "http://A/event/").isPresent(), covered);
        }
        assertFalse(store.findCovering("/./sync", "http://a/event").isPresent(), "covers more than the existing one");
        assertFalse(store.findCovering("/./sync/ptp-status", "http://b/event").isPresent(), "another endpoint");
        assertFalse(store.findCovering(LOCK, "http://a/event").isPresent(), "OpenShift's exact address: today's rule");
        store.add(subscription(LOCK, "http://a/event"));
        assertTrue(store.findCovering(LOCK, "http://a/event").isPresent());
        assertFalse(store.findCovering(LOCK, "http://a/event/").isPresent(), "exact: string equality, as upstream");
    }

    @Test
    void should_resolve_restored_subscriptions_and_load_files_written_before_the_new_forms() {
        SubscriptionStore first = SubscriptionStore.open(dir, 100, RESOLVER);
        first.add(subscription(LOCK, "http://a/event"));
        first.add(subscription("/./sync", "http://b/event"));
        first.add(subscription(NODE + "/ens7fx/sync/ptp-status/lock-state", "http://c/event"));
        // a store opened without a resolver (the old code) reads the same files: the format is unchanged
        assertEquals(3, SubscriptionStore.open(dir, 100).size());

        SubscriptionStore restored = SubscriptionStore.open(dir, 100, RESOLVER);
        assertEquals(Set.copyOf(first.all()), Set.copyOf(restored.all()));
        assertEquals(2, restored.recipients(event(LOCK, Set.of("ens5fx"))).size());
        assertEquals(3, restored.recipients(event(LOCK, Set.of("ens7fx"))).size());
        assertTrue(restored.findCovering("/./sync/synce-status", "http://b/event").isPresent());
    }

    private static Subscription subscription(String address, String endpoint) {
        String id = UUID.randomUUID().toString();
        return new Subscription(id, address, endpoint, "http://localhost/api/ocloudNotifications/v2/subscriptions/" + id);
    }

    private static PublishedEvent event(String address, Set<String> instances) {
        return new PublishedEvent(UUID.randomUUID(), ResourceType.LOCK_STATE, address, new byte[0], instances);
    }
}
