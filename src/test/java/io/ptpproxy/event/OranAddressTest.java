package io.ptpproxy.event;

import static io.ptpproxy.event.ResourceType.CLOCK_CLASS;
import static io.ptpproxy.event.ResourceType.GNSS_SYNC_STATUS;
import static io.ptpproxy.event.ResourceType.LOCK_STATE;
import static io.ptpproxy.event.ResourceType.OS_CLOCK_SYNC_STATE;
import static io.ptpproxy.event.ResourceType.SYNCE_CLOCK_QUALITY;
import static io.ptpproxy.event.ResourceType.SYNCE_LOCK_STATE;
import static io.ptpproxy.event.ResourceType.SYNC_STATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The address grammar of oran-addressing.md §1, as a proxy on node {@code n1} reads it. */
class OranAddressTest {

    private static final String NODE = "n1";

    @Test
    void should_read_openshifts_exact_leaf_as_exact() {
        OranAddress address = parse("/cluster/node/n1/sync/ptp-status/lock-state");
        assertEquals(List.of(LOCK_STATE), address.leaves());
        assertTrue(address.exact());
        assertNull(address.instance());
        assertEquals("/cluster/node/n1", address.nodePrefix());
        assertTrue(parse("/cluster/node/n1/sync/ptp-status/ptp-clock-class-change").exact(), "v1 clock-class name");
        assertEquals(List.of(CLOCK_CLASS), parse("/cluster/node/n1/sync/ptp-status/ptp-clock-class-change").leaves());
    }

    @Test
    void should_cover_every_leaf_beneath_a_parent_in_the_order_of_section_2() {
        assertEquals(List.of(GNSS_SYNC_STATUS, SYNCE_LOCK_STATE, SYNCE_CLOCK_QUALITY, CLOCK_CLASS, LOCK_STATE,
                OS_CLOCK_SYNC_STATE, SYNC_STATE), parse("/cluster/node/n1/sync").leaves());
        assertEquals(List.of(CLOCK_CLASS, LOCK_STATE), parse("/cluster/node/n1/sync/ptp-status").leaves());
        assertEquals(List.of(OS_CLOCK_SYNC_STATE, SYNC_STATE), parse("/cluster/node/n1/sync/sync-status").leaves());
        assertEquals(List.of(GNSS_SYNC_STATUS), parse("/cluster/node/n1/sync/gnss-status").leaves());
        assertEquals(List.of(SYNCE_LOCK_STATE, SYNCE_CLOCK_QUALITY), parse("/cluster/node/n1/sync/synce-status").leaves());
        assertFalse(parse("/cluster/node/n1/sync/gnss-status").exact(), "a parent, even of one leaf");
    }

    @Test
    void should_read_dot_and_star_and_any_cluster_hierarchy_as_this_node() {
        for (String written : List.of("/./sync", "/cluster/./sync", "/././sync", "/cluster/node/./sync",
                "/cluster/node/*/sync", "/*/sync", "/site/rack/n1/sync", "/x/n1/sync")) {
            OranAddress address = parse(written);
            assertEquals(7, address.leaves().size(), written);
            assertNull(address.instance(), written);
            assertFalse(address.exact(), written);
        }
        assertEquals("/./.", parse("/././sync").nodePrefix());
        assertEquals("/cluster/node/*", parse("/cluster/node/*/sync/sync-status").nodePrefix());
        assertFalse(parse("/other/n1/sync/ptp-status/lock-state").exact(), "another cluster token is not OpenShift's form");
    }

    @Test
    void should_read_one_token_between_the_node_and_sync_as_the_instance() {
        assertEquals("ens5fx", parse("/cluster/node/n1/ens5fx/sync/ptp-status/lock-state").instance());
        assertEquals("ptp1", parse("/./node/ptp1/sync/ptp-status/lock-state").instance(), "StarlingX's form");
        assertEquals("ens7fx", parse("/cluster/node/./ens7fx/sync").instance());
        assertFalse(parse("/cluster/node/n1/ens5fx/sync/ptp-status/lock-state").exact());
    }

    @Test
    void should_refuse_what_is_not_this_nodes_resource() {
        for (String written : List.of("/cluster/node/other/sync", "/cluster/node/n1/sync/nope", "/sync",
                "/cluster/node/n1/a/b/sync", "cluster/node/n1/sync", "/cluster/node/n1//sync", "/cluster/node/n1/foo/bar")) {
            assertTrue(OranAddress.parse(written, NODE).isEmpty(), written);
        }
    }

    @Test
    void should_name_every_segment_after_the_node_of_a_values_address_as_an_instance() {
        assertEquals(Set.of("ens5fx", "master"), OranAddress.instancesOf(List.of(
                DataValue.notification("/cluster/node/n1/ens5fx/master", "LOCKED"))));
        assertEquals(Set.of("synce1", "ens7f0", "Ql", "extQl"), OranAddress.instancesOf(List.of(
                DataValue.metric("/cluster/node/n1/synce1/ens7f0/Ql", 2),
                DataValue.metric("/cluster/node/n1/synce1/ens7f0/extQl", 255))));
        OranAddress instance = parse("/./ens5fx/sync/ptp-status/lock-state");
        assertTrue(instance.concerns(DataValue.metric("/cluster/node/n1/ens5fx/master", 1)));
        assertFalse(instance.concerns(DataValue.metric("/cluster/node/n1/ens7fx/master", 1)));
    }

    private static OranAddress parse(String written) {
        return OranAddress.parse(written, NODE).orElseThrow(() -> new AssertionError("not parsed: " + written));
    }
}
