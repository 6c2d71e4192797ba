package io.ptpproxy.ptp;

import java.util.List;

import io.ptpproxy.event.Notification;

/**
 * What chronyd's lines do: chronyd disciplines the OS clock instead of phc2sys.
 *
 * <p>Called only under the {@link ClockStateTracker}'s lock, like every family's tracking; it keeps no
 * state of its own beyond the {@link ConfigState} it is handed.
 */
final class ChronydTracking {

    private final ClockMetrics metrics;
    private final StatePublisher publisher;

    ChronydTracking(ClockMetrics metrics, StatePublisher publisher) {
        this.metrics = metrics;
        this.publisher = publisher;
    }

    /**
     * chronyd disciplines the OS clock instead of phc2sys: a selected source is LOCKED, none FREERUN
     * (offset 0, chronyd prints none in these lines).
     */
    void onChronyd(ConfigState config, PtpLine.ChronydState line, List<Notification> out) {
        ClockRecord os = config.osClock();
        os.offset(0);
        SyncState state = line.selected() ? SyncState.LOCKED : SyncState.FREERUN;
        if (state != os.state()) {
            publisher.publishOsClock(config, line.process(), state, out);
        }
    }
}
