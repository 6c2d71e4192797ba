package io.ptpproxy.event;

import java.util.List;
import java.util.Optional;

/**
 * The O-RAN resource types the PTP source publishes, each with its address suffix (under
 * {@code /cluster/node/<node>}) and CloudEvent {@code type}.
 *
 * <p>The declaration order is the order in which a requested address is matched (by substring,
 * as upstream does), so {@code lock-state} under {@code ptp-status} wins over SyncE's.
 */
public enum ResourceType implements EventKind {
    LOCK_STATE("/sync/ptp-status/lock-state", "event.sync.ptp-status.ptp-state-change"),
    OS_CLOCK_SYNC_STATE("/sync/sync-status/os-clock-sync-state",
            "event.sync.sync-status.os-clock-sync-state-change"),
    CLOCK_CLASS("/sync/ptp-status/clock-class", "event.sync.ptp-status.ptp-clock-class-change"),
    GNSS_SYNC_STATUS("/sync/gnss-status/gnss-sync-status", "event.sync.gnss-status.gnss-state-change"),
    SYNC_STATE("/sync/sync-status/sync-state", "event.sync.sync-status.synchronization-state-change"),
    SYNCE_LOCK_STATE("/sync/synce-status/lock-state", "event.sync.synce-status.synce-state-change"),
    SYNCE_CLOCK_QUALITY("/sync/synce-status/clock-quality",
            "event.sync.synce-status.synce-clock-quality-change");

    /** The v1 name of the clock-class address, still accepted when a subscription names it. */
    public static final String LEGACY_CLOCK_CLASS_SUFFIX = "/sync/ptp-status/ptp-clock-class-change";

    private final String suffix;
    private final String eventType;

    ResourceType(String suffix, String eventType) {
        this.suffix = suffix;
        this.eventType = eventType;
    }

    /** @return the address suffix, which is also the v2 CloudEvent {@code source} */
    public String suffix() {
        return suffix;
    }

    /** @return the address suffix: O-RAN v2 events name the resource type, not the node */
    @Override
    public String source() {
        return suffix;
    }

    /** @return the CloudEvent {@code type} */
    @Override
    public String eventType() {
        return eventType;
    }

    /** @return the full publisher address of this type on the given node */
    public String addressOn(String nodeName) {
        return "/cluster/node/" + nodeName + suffix;
    }

    /**
     * Resolves the type a subscription or CurrentState address refers to. Like upstream the match
     * is by substring and the node name is not checked.
     *
     * @param address e.g. {@code /cluster/node/node1/sync/ptp-status/lock-state}
     * @return the type, or empty for an unsupported address
     */
    public static Optional<ResourceType> ofAddress(String address) {
        if (address == null) {
            return Optional.empty();
        }
        if (address.contains(LEGACY_CLOCK_CLASS_SUFFIX)) {
            return Optional.of(CLOCK_CLASS);
        }
        for (ResourceType type : values()) {
            if (address.contains(type.suffix)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** @return all types, in publisher-list order */
    public static List<ResourceType> all() {
        return List.of(values());
    }
}
