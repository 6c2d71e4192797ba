package io.ptpproxy.ptp;

import java.util.List;

import io.ptpproxy.event.Notification;

/**
 * What phc2sys's lines do: the OS clock's servo drives os-clock-sync-state, no better than the PTP
 * clock it follows; its summaries and high-availability status are measurements only.
 *
 * <p>Called only under the {@link ClockStateTracker}'s lock, like every family's tracking; it keeps no
 * state of its own beyond the {@link ConfigState} it is handed.
 */
final class Phc2sysTracking {

    private final ClockMetrics metrics;
    private final StatePublisher publisher;

    Phc2sysTracking(ClockMetrics metrics, StatePublisher publisher) {
        this.metrics = metrics;
        this.publisher = publisher;
    }

    void onOsClockOffset(ConfigState config, PtpProfile profile, PtpLine.Offset line,
                         List<Notification> out) {
        ClockRecord os = config.osClock();
        os.offset(line.offset());
        SyncState measured = line.servo().syncState();
        SyncState main = config.mainClock().state();
        if (config.grandmaster()) {
            // A T-GM in holdover still disciplines the OS clock from its DPLL; only FREERUN drags it down.
            if (config.lastGmState() == SyncState.FREERUN) {
                measured = SyncState.FREERUN;
            }
        } else if (main == SyncState.FREERUN || main == SyncState.HOLDOVER) {
            // O-RAN: the OS clock can be no better than the PTP clock it follows (E3 = worst(E2, E1)).
            measured = measured.worst(main);
        }
        SyncState next = StatePublisher.next(os.state(), measured, profile.thresholds(), line.offset());
        if (next != null) {
            publisher.publishOsClock(config, line.process(), next, out);
        }
        metrics.servo("phc", line.process(), PtpLine.Offset.CLOCK_REALTIME, line.offset(), os.maxAbsOffset(),
                line.frequency(), line.delay());
    }
}
