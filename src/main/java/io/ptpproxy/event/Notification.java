package io.ptpproxy.event;

import java.util.List;

/**
 * A state change to publish: the resource type, the publisher address it is published to (which
 * subscriptions match exactly), and the values of the event's data.
 *
 * @param type the resource type (gives the CloudEvent {@code type} and {@code source})
 * @param address the publisher address, e.g. {@code /cluster/node/node1/sync/ptp-status/lock-state}
 * @param values the event's {@code data.values}, notification first
 */
public record Notification(ResourceType type, String address, List<DataValue> values) {

    public Notification {
        if (type == null) {
            throw new IllegalArgumentException("type cannot be null");
        }
        if (address == null) {
            throw new IllegalArgumentException("address cannot be null");
        }
        values = List.copyOf(values);
    }
}
