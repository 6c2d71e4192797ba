package io.ptpproxy.event;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An event to publish: its kind, the publisher address it is published to (which subscriptions
 * match exactly), the values of the event's data, and, when the source knows it, the time it
 * happened.
 *
 * @param type the kind of event (gives the CloudEvent {@code type} and {@code source}); a
 *     {@link ResourceType} for PTP events
 * @param address the publisher address, e.g. {@code /cluster/node/node1/sync/ptp-status/lock-state}
 * @param values the event's {@code data.values}, notification first
 * @param time when the event happened, or null for "when it is issued" (PTP state changes)
 */
public record Notification(EventKind type, String address, List<DataValue> values, OffsetDateTime time) {

    public Notification {
        if (type == null) {
            throw new IllegalArgumentException("type cannot be null");
        }
        if (address == null) {
            throw new IllegalArgumentException("address cannot be null");
        }
        values = List.copyOf(values);
    }

    /** A notification stamped with the time it is issued. */
    public Notification(EventKind type, String address, List<DataValue> values) {
        this(type, address, values, null);
    }
}
