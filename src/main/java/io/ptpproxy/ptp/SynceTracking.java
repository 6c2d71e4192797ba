package io.ptpproxy.ptp;

import java.util.List;

import io.ptpproxy.event.Notification;
import io.ptpproxy.event.ResourceType;

/**
 * What synce4l's lines do: the SyncE lock state and clock quality of each port, published when they change.
 *
 * <p>Called only under the {@link ClockStateTracker}'s lock, like every family's tracking; it keeps no
 * state of its own beyond the {@link ConfigState} it is handed.
 */
final class SynceTracking {

    private final ClockMetrics metrics;
    private final StatePublisher publisher;

    SynceTracking(ClockMetrics metrics, StatePublisher publisher) {
        this.metrics = metrics;
        this.publisher = publisher;
    }

    /**
     * SyncE lock state of a port, published when it changes (upstream re-publishes every line). As
     * upstream, the state string travels as a metric/decimal64.3 value.
     */
    void onSynceState(ConfigState config, PtpLine.SynceEecState line, List<Notification> out) {
        String port = line.device() + "/" + line.iface();
        SyncState state = line.syncState();
        metrics.clockState(line.process(), line.iface(), state);
        if (config.synceStates().put(port, state) != state) {
            out.add(publisher.notification(ResourceType.SYNCE_LOCK_STATE, publisher.synceStateValues(port, state)));
        }
    }

    /** SyncE clock quality of a port, published when its QL or extended QL changes. */
    void onSynceQuality(ConfigState config, PtpLine.SynceClockQuality line, List<Notification> out) {
        String port = line.device() + "/" + line.iface();
        ConfigState.SynceQuality quality = new ConfigState.SynceQuality(line.ql(),
                line.extendedQl() == null ? 0xFF : line.extendedQl());
        metrics.synceQuality(config.configName(), line.device(), line.iface(), line.networkOption(), quality.ql(),
                quality.extendedQl());
        if (!quality.equals(config.synceQualities().put(port, quality))) {
            out.add(publisher.notification(ResourceType.SYNCE_CLOCK_QUALITY, publisher.synceQualityValues(port, quality)));
        }
    }
}
