package io.ptpproxy.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A create holds its place before the initial notification (issue 17 bug 7): the place counts against
 * the limit and the duplicate check, its probe file is written at once and gone after commit or
 * release, and nothing is listed or stored until the commit.
 */
class SubscriptionStoreReservationTest {

    private static final String LOCK_STATE = "/cluster/node/node1/sync/ptp-status/lock-state";
    private static final String A = "http://a.example:9043/event";
    private static final String B = "http://b.example:9043/event";

    @TempDir
    Path dir;

    @Test
    void a_reserved_place_counts_against_the_limit_and_duplicates_until_released() throws Exception {
        SubscriptionStore store = SubscriptionStore.open(dir, 1);
        SubscriptionStore.Reservation held = store.reserve(sub("11111111-1111-4111-8111-111111111111", A));
        assertTrue(Files.exists(held.probe()), "the client file it needs was written once");
        assertEquals(List.of(), store.all(), "not listed before the commit");
        assertThrows(DuplicateSubscriptionException.class, () -> store.reserve(sub("22222222-2222-4222-8222-222222222222", A)));
        assertThrows(SubscriptionLimitException.class, () -> store.reserve(sub("33333333-3333-4333-8333-333333333333", B)));
        assertEquals(1, store.refusedByLimit());

        store.release(held);
        assertFalse(Files.exists(held.probe()));
        SubscriptionStore.Reservation next = store.reserve(sub("33333333-3333-4333-8333-333333333333", B));
        store.commit(next);
        assertFalse(Files.exists(next.probe()));
        assertEquals(List.of("33333333-3333-4333-8333-333333333333"), store.all().stream().map(Subscription::id).toList());
        assertEquals(1, SubscriptionStore.open(dir, 1).size(), "stored");
        assertThrows(IllegalStateException.class, () -> store.commit(next), "a reservation commits once");
    }

    private static Subscription sub(String id, String endpoint) {
        return new Subscription(id, LOCK_STATE, endpoint, "http://localhost:9043/api/ocloudNotifications/v2/subscriptions/" + id);
    }
}
