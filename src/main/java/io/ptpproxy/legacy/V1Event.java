package io.ptpproxy.legacy;

import java.time.OffsetDateTime;
import java.util.List;

import io.ptpproxy.event.DataValue;

/**
 * An event as the v1 API and its HTTP transport carry it, independent of the encoding (cloud-native
 * event JSON to applications, CloudEvents 0.3 between sidecars).
 *
 * @param id the event id (CloudEvent id; the application gets its subscription id instead)
 * @param type the event type, e.g. {@code event.sync.ptp-status.ptp-state-change}
 * @param source the full resource address, e.g. {@code /cluster/node/n1/sync/ptp-status/lock-state}
 * @param time when the event was issued
 * @param values the event's data values
 */
public record V1Event(String id, String type, String source, OffsetDateTime time, List<DataValue> values) {

    public V1Event {
        if (id == null || type == null || source == null || time == null) {
            throw new IllegalArgumentException("id, type, source and time cannot be null");
        }
        values = List.copyOf(values);
    }

    /** @return the same event published under another resource address */
    public V1Event withSource(String address) {
        return new V1Event(id, type, address, time, values);
    }
}
