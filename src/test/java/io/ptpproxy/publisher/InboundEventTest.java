package io.ptpproxy.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.util.List;

import io.ptpproxy.event.DataValue;
import org.junit.jupiter.api.Test;

/** The cne event a publisher pushes: both key styles, numeric values as strings, and a clear reason for every refusal. */
class InboundEventTest {

    @Test
    void should_read_v2_and_v1_keyed_values_and_render_numbers_as_decimal_strings() throws Exception {
        InboundEvent event = InboundEvent.parse("{\"id\":\"p1\",\"type\":\"mock\",\"source\":\"/s\","
                + "\"time\":\"2026-01-10T02:41:57.5+01:00\",\"data\":{\"version\":\"v1\",\"values\":["
                + "{\"ResourceAddress\":\"/a\",\"data_type\":\"notification\",\"value_type\":\"enumeration\",\"value\":\"LOCKED\"},"
                + "{\"resource\":\"/a\",\"dataType\":\"metric\",\"valueType\":\"decimal64.3\",\"value\":-200},"
                + "{\"resource\":\"/a\",\"dataType\":\"metric\",\"valueType\":\"decimal64.3\",\"value\":99.60},"
                + "{\"resource\":\"/a\",\"dataType\":\"metric\",\"valueType\":\"decimal64.3\",\"value\":1e3},"
                + "{\"resource\":\"/a\",\"dataType\":\"metric\",\"valueType\":\"decimal64.3\",\"value\":0.0}]}}");
        assertEquals("p1", event.publisherId());
        assertEquals("mock", event.type());
        assertEquals(OffsetDateTime.parse("2026-01-10T02:41:57.5+01:00"), event.time());
        assertEquals(List.of(DataValue.notification("/a", "LOCKED"),
                new DataValue("/a", "metric", "decimal64.3", "-200"),
                new DataValue("/a", "metric", "decimal64.3", "99.6"),
                new DataValue("/a", "metric", "decimal64.3", "1000"),
                new DataValue("/a", "metric", "decimal64.3", "0")), event.values());
    }

    @Test
    void should_keep_a_redfish_event_object_and_allow_no_time_and_no_values() throws Exception {
        InboundEvent event = InboundEvent.parse("{\"type\":\"hw\",\"data\":{\"values\":[{\"ResourceAddress\":\"/r\","
                + "\"data_type\":\"notification\",\"value_type\":\"redfish-event\",\"value\":{\"MessageId\":\"x\"}}]}}");
        assertNull(event.time());
        assertEquals("", event.publisherId());
        assertEquals("{\"MessageId\":\"x\"}", event.values().get(0).value());
        assertEquals(List.of(), InboundEvent.parse("{\"type\":\"t\",\"data\":{}}").values());
    }

    @Test
    void should_refuse_what_cannot_become_an_event_and_say_why() {
        assertReason("empty body", "");
        assertReason("the event is not a JSON object", "[]");
        assertReason("event type is missing", "{\"data\":{}}");
        assertReason("event data is missing or not an object", "{\"type\":\"t\"}");
        assertReason("\"id\" is not a string", "{\"id\":5,\"type\":\"t\",\"data\":{}}");
        assertReason("time is not an RFC 3339 timestamp: 10:00", "{\"type\":\"t\",\"time\":\"10:00\",\"data\":{}}");
        assertReason("data.values is not an array", "{\"type\":\"t\",\"data\":{\"values\":{}}}");
        assertReason("data.values[0].ResourceAddress (v1: resource) is missing or not a string",
                "{\"type\":\"t\",\"data\":{\"values\":[{\"data_type\":\"metric\",\"value_type\":\"decimal64.3\",\"value\":\"1\"}]}}");
        assertReason("data.values[0] has data type \"gauge\", expected notification or metric",
                "{\"type\":\"t\",\"data\":{\"values\":[{\"resource\":\"/a\",\"dataType\":\"gauge\",\"valueType\":\"decimal64.3\",\"value\":1}]}}");
        assertReason("data.values[0].value is missing or not a string or number",
                "{\"type\":\"t\",\"data\":{\"values\":[{\"resource\":\"/a\",\"dataType\":\"metric\",\"valueType\":\"decimal64.3\"}]}}");
        assertReason("data.values[0].value is out of range: 1E+999",
                "{\"type\":\"t\",\"data\":{\"values\":[{\"resource\":\"/a\",\"dataType\":\"metric\",\"valueType\":\"decimal64.3\",\"value\":1e999}]}}");
        assertReason("data.values[0].value of a redfish-event is not an object",
                "{\"type\":\"t\",\"data\":{\"values\":[{\"resource\":\"/a\",\"dataType\":\"metric\",\"valueType\":\"redfish-event\",\"value\":\"x\"}]}}");
    }

    private static void assertReason(String reason, String body) {
        assertEquals(reason, assertThrows(InvalidEventException.class, () -> InboundEvent.parse(body)).getMessage());
    }
}
