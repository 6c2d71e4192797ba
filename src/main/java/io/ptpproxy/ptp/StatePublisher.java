package io.ptpproxy.ptp;

import java.util.List;
import java.util.Map;

import io.ptpproxy.event.DataValue;
import io.ptpproxy.event.Notification;
import io.ptpproxy.event.ResourceType;

/**
 * What every family's tracking shares: the state-change rule, and publishing a state as the
 * notifications (with the node's sync-state when the worst state changes) and metrics it makes.
 * Called under the {@link ClockStateTracker}'s lock, whose config map it reads.
 */
final class StatePublisher {

    private final String nodePrefix;
    private final ClockMetrics metrics;
    private final Map<String, ConfigState> configs;
    private SyncState nodeState;

    /**
     * @param configs the tracker's configs, read (never changed) to find the node's worst state
     */
    StatePublisher(String nodePrefix, ClockMetrics metrics, Map<String, ConfigState> configs) {
        this.nodePrefix = nodePrefix;
        this.metrics = metrics;
        this.configs = configs;
    }

    /** Forgets the node's published sync-state (the tracker's {@code CMD RESTART}). */
    void reset() {
        nodeState = null;
    }

    /**
     * The state-change table of ptp-domain.md §2.3, with one fix: a FREERUN servo during HOLDOVER is
     * announced as FREERUN (upstream sets it silently and never announces it).
     *
     * @return the state to publish, or null when nothing changes
     */
    static SyncState next(SyncState last, SyncState measured, Thresholds thresholds, long offset) {
        SyncState candidate = measured == SyncState.LOCKED && !thresholds.inRange(offset)
                ? SyncState.FREERUN : measured;
        if (last == SyncState.HOLDOVER && measured == SyncState.LOCKED && candidate == SyncState.FREERUN) {
            return null;
        }
        return candidate == last ? null : candidate;
    }

    void publishLockState(ConfigState config, PtpProfile profile, SyncState state,
                          List<Notification> out) {
        ClockRecord master = config.mainClock();
        master.state(state);
        String process = config.boundary() ? "T-BC" : config.grandmaster() ? "GM" : "ptp4l";
        config.alias(profile).ifPresent(alias -> metrics.clockState(process, alias, state));
        String address = masterAddress(config, profile);
        out.add(notification(ResourceType.LOCK_STATE, List.of(
                DataValue.notification(address, state.name()),
                DataValue.metric(address, master.lastOffset()))));
        publishNodeStateIfChanged(out);
    }

    void publishOsClock(ConfigState config, String process, SyncState state, List<Notification> out) {
        ClockRecord os = config.osClock();
        os.state(state);
        metrics.clockState(process, PtpLine.Offset.CLOCK_REALTIME, state);
        out.add(notification(ResourceType.OS_CLOCK_SYNC_STATE, List.of(
                DataValue.notification(osClockAddress(), state.name()),
                DataValue.metric(osClockAddress(), os.lastOffset()))));
        publishNodeStateIfChanged(out);
    }

    void publishNodeStateIfChanged(List<Notification> out) {
        SyncState worst = worstState();
        if (worst != null && worst != nodeState) {
            nodeState = worst;
            out.add(notification(ResourceType.SYNC_STATE,
                    List.of(DataValue.notification(syncStateAddress(), worst.name()))));
        }
    }

    /** @return the worst published state over every config's servo and OS clock, or null */
    SyncState worstState() {
        SyncState worst = null;
        for (ConfigState config : configs.values()) {
            for (ClockRecord record : List.of(config.mainClock(), config.osClock())) {
                if (record.known()) {
                    worst = worst == null ? record.state() : worst.worst(record.state());
                }
            }
        }
        return worst;
    }

    static void addClock(List<DataValue> values, String address, ClockRecord record) {
        if (record.known()) {
            values.add(DataValue.notification(address, record.state().name()));
            values.add(DataValue.metric(address, record.lastOffset()));
        }
    }

    Notification notification(ResourceType type, List<DataValue> values) {
        return new Notification(type, nodePrefix + type.suffix(), values);
    }

    String masterAddress(ConfigState config, PtpProfile profile) {
        return nodePrefix + "/" + config.alias(profile).map(alias -> alias + "/").orElse("") + "master";
    }

    String osClockAddress() {
        return nodePrefix + "/" + PtpLine.Offset.CLOCK_REALTIME;
    }

    String syncStateAddress() {
        return nodePrefix + ResourceType.SYNC_STATE.suffix();
    }

    List<DataValue> gnssValues(String iface, ConfigState.GnssReading reading) {
        String address = nodePrefix + "/" + InterfaceAlias.of(iface) + "/master";
        return List.of(DataValue.notification(address, reading.state().value()),
                DataValue.metric(address, reading.offset()),
                DataValue.metric(address + "/gpsFix", reading.fix()));
    }

    List<DataValue> synceStateValues(String port, SyncState state) {
        return List.of(new DataValue(nodePrefix + "/" + port, DataValue.METRIC, DataValue.DECIMAL, state.name()));
    }

    List<DataValue> synceQualityValues(String port, ConfigState.SynceQuality quality) {
        return List.of(DataValue.metric(nodePrefix + "/" + port + "/Ql", quality.ql()),
                DataValue.metric(nodePrefix + "/" + port + "/extQl", quality.extendedQl()));
    }
}
