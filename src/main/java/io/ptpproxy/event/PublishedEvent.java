package io.ptpproxy.event;

import java.util.Set;
import java.util.UUID;

/**
 * An event ready to deliver: its id, the publisher address subscriptions are matched against, the
 * instances its values name (for subscriptions limited to one instance), and the serialized
 * CloudEvent every matching subscriber receives (the same bytes and id for all).
 *
 * @param id the CloudEvent id
 * @param type the kind of event
 * @param address the publisher address, e.g. {@code /cluster/node/node1/sync/ptp-status/lock-state}
 * @param json the structured-mode CloudEvent JSON
 * @param instances the instance tokens of the values ({@link OranAddress#instancesOf}), computed once per event
 */
public record PublishedEvent(UUID id, EventKind type, String address, byte[] json, Set<String> instances) {

    public PublishedEvent {
        if (id == null || type == null || address == null || json == null) {
            throw new IllegalArgumentException("id, type, address and json cannot be null");
        }
        instances = instances == null ? Set.of() : Set.copyOf(instances);
    }

    /** An event whose values name no instance (v1 and broker copies, which no instance filter sees). */
    public PublishedEvent(UUID id, EventKind type, String address, byte[] json) {
        this(id, type, address, json, Set.of());
    }
}
