package io.ptpproxy.event;

import java.util.UUID;

/**
 * An event ready to deliver: its id, the publisher address subscriptions are matched against, and
 * the serialized CloudEvent every matching subscriber receives (the same bytes and id for all).
 *
 * @param id the CloudEvent id
 * @param type the kind of event
 * @param address the publisher address, e.g. {@code /cluster/node/node1/sync/ptp-status/lock-state}
 * @param json the structured-mode CloudEvent JSON
 */
public record PublishedEvent(UUID id, EventKind type, String address, byte[] json) {

    public PublishedEvent {
        if (id == null || type == null || address == null || json == null) {
            throw new IllegalArgumentException("id, type, address and json cannot be null");
        }
    }
}
