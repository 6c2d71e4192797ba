package io.ptpproxy.example.consumer;

import java.util.List;
import java.util.Locale;

/** What the consumer subscribes to ({@code CONSUMER_TYPE}), with upstream's resource lists. */
public enum ConsumerType {

    /** The five PTP resources a vDU watches. */
    PTP(List.of("/sync/sync-status/os-clock-sync-state", "/sync/ptp-status/clock-class",
            "/sync/ptp-status/lock-state", "/sync/gnss-status/gnss-sync-status", "/sync/sync-status/sync-state")),

    /** Upstream's mock plugin resource. */
    MOCK(List.of("/mock")),

    /** Upstream's hardware (Redfish) resource. */
    HW(List.of("/redfish/v1/Systems"));

    private final List<String> suffixes;

    ConsumerType(List<String> suffixes) {
        this.suffixes = suffixes;
    }

    /**
     * @param text {@code PTP}, {@code MOCK} or {@code HW}, in any case
     * @return the type
     * @throws IllegalArgumentException for anything else
     */
    public static ConsumerType parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CONSUMER_TYPE must be PTP, MOCK or HW, not '" + text + "'", e);
        }
    }

    /** @return the resource addresses on a node, e.g. {@code /cluster/node/node1/sync/ptp-status/lock-state} */
    public List<String> addressesOn(String nodeName) {
        return suffixes.stream().map(suffix -> "/cluster/node/" + nodeName + suffix).toList();
    }
}
