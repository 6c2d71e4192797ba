package io.ptpproxy.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The O-RAN v2 event is exactly upstream's structured CloudEvent JSON, and addresses resolve to types as upstream does. */
class OranEventFormatTest {

    @Test
    void should_serialize_exactly_the_upstream_structured_json() {
        Notification lockState = new Notification(ResourceType.LOCK_STATE, "/cluster/node/n1/sync/ptp-status/lock-state",
                List.of(DataValue.notification("/cluster/node/n1/ens5fx/master", "LOCKED"),
                        DataValue.metric("/cluster/node/n1/ens5fx/master", -3)));
        byte[] json = new OranEventFormat().serialize(lockState,
                UUID.fromString("6b6b7c1e-3a42-4c8e-9a53-2d6a0b1c9f10"),
                OffsetDateTime.parse("2026-01-10T02:41:57.094981000Z"));
        assertEquals("{\"specversion\":\"1.0\",\"id\":\"6b6b7c1e-3a42-4c8e-9a53-2d6a0b1c9f10\","
                + "\"source\":\"/sync/ptp-status/lock-state\",\"type\":\"event.sync.ptp-status.ptp-state-change\","
                + "\"time\":\"2026-01-10T02:41:57.094981Z\",\"data\":{\"version\":\"1.0\",\"values\":["
                + "{\"ResourceAddress\":\"/cluster/node/n1/ens5fx/master\",\"data_type\":\"notification\","
                + "\"value_type\":\"enumeration\",\"value\":\"LOCKED\"},"
                + "{\"ResourceAddress\":\"/cluster/node/n1/ens5fx/master\",\"data_type\":\"metric\","
                + "\"value_type\":\"decimal64.3\",\"value\":\"-3\"}]}}", new String(json, StandardCharsets.UTF_8));
    }

    @Test
    void should_serialize_an_event_of_another_kind_with_its_source_type_time_and_a_redfish_object() {
        Notification event = new Notification(EventKind.of("/x/y", "event.hw.fan"), "/x/y",
                List.of(new DataValue("/x/y/fan1", DataValue.NOTIFICATION, DataValue.REDFISH_EVENT, "{\"MessageId\":\"Fan.1\"}"),
                        new DataValue("/x/y/fan1", DataValue.METRIC, DataValue.DECIMAL, "99.6")),
                OffsetDateTime.parse("2026-01-10T03:41:57+01:00"));
        byte[] json = new EventIssuer(new OranEventFormat(), java.time.Clock.systemUTC()).snapshotOf(event);
        String body = new String(json, StandardCharsets.UTF_8);
        String id = body.substring(body.indexOf("\"id\":\"") + 6, body.indexOf("\",\"source\""));
        assertEquals("{\"specversion\":\"1.0\",\"id\":\"" + UUID.fromString(id) + "\",\"source\":\"/x/y\","
                + "\"type\":\"event.hw.fan\",\"time\":\"2026-01-10T02:41:57Z\",\"data\":{\"version\":\"1.0\",\"values\":["
                + "{\"ResourceAddress\":\"/x/y/fan1\",\"data_type\":\"notification\",\"value_type\":\"redfish-event\","
                + "\"value\":{\"MessageId\":\"Fan.1\"}},"
                + "{\"ResourceAddress\":\"/x/y/fan1\",\"data_type\":\"metric\",\"value_type\":\"decimal64.3\","
                + "\"value\":\"99.6\"}]}}", body);
    }

    @Test
    void should_resolve_addresses_by_substring_in_upstream_order_without_checking_the_node() {
        assertEquals(Optional.of(ResourceType.LOCK_STATE), ResourceType.ofAddress("/cluster/node/ANY/sync/ptp-status/lock-state"));
        assertEquals(Optional.of(ResourceType.SYNCE_LOCK_STATE), ResourceType.ofAddress("/cluster/node/n1/sync/synce-status/lock-state"));
        assertEquals(Optional.of(ResourceType.CLOCK_CLASS), ResourceType.ofAddress("/cluster/node/n1/sync/ptp-status/ptp-clock-class-change"));
        assertEquals(Optional.of(ResourceType.SYNC_STATE), ResourceType.ofAddress("/cluster/node/n1/sync/sync-status/sync-state"));
        assertEquals(Optional.empty(), ResourceType.ofAddress("/cluster/node/n1/foo/bar"));
        assertEquals(Optional.empty(), ResourceType.ofAddress(null));
    }
}
