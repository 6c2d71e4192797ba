package io.ptpproxy.ptp;

import java.util.List;

import io.ptpproxy.event.DataValue;
import io.ptpproxy.event.Notification;
import io.ptpproxy.event.ResourceType;

/**
 * What the lines any process may carry do: {@code PTP_PROCESS_STATUS} (a process that goes down takes
 * the clocks it measures to FREERUN) and {@code CLOCK_CLASS_CHANGE}.
 *
 * <p>Called only under the {@link ClockStateTracker}'s lock, like every family's tracking; it keeps no
 * state of its own beyond the {@link ConfigState} it is handed.
 */
final class DaemonTracking {

    private final ClockMetrics metrics;
    private final StatePublisher publisher;

    DaemonTracking(ClockMetrics metrics, StatePublisher publisher) {
        this.metrics = metrics;
        this.publisher = publisher;
    }

    void onProcessStatus(ConfigState config, PtpProfile profile, PtpLine.ProcessStatus line,
                         List<Notification> out) {
        metrics.processStatus(line.process(), line.configName(), line.up());
        if (line.up()) {
            return;
        }
        if ("ts2phc".equals(line.process())) {
            config.ts2phcClocks().forEach((iface, servo) -> {
                servo.offset(ClockStateTracker.PROCESS_DOWN_OFFSET);
                servo.state(SyncState.FREERUN);
                metrics.offset(PtpLine.Offset.MASTER, line.process(), InterfaceAlias.of(iface), ClockStateTracker.PROCESS_DOWN_OFFSET);
                metrics.clockState(line.process(), InterfaceAlias.of(iface), SyncState.FREERUN);
            });
        }
        String offsetSource = config.boundary() ? "ptp4l" : config.grandmaster() ? "ts2phc" : "ptp4l";
        ClockRecord main = config.mainClock();
        if (offsetSource.equals(line.process()) && main.known() && main.state() != SyncState.FREERUN) {
            config.holdoverDeadline(null);
            main.offset(ClockStateTracker.PROCESS_DOWN_OFFSET);
            publisher.publishLockState(config, profile, SyncState.FREERUN, out);
        }
        ClockRecord os = config.osClock();
        if (os.known() && os.state() != SyncState.FREERUN) {
            os.offset(ClockStateTracker.PROCESS_DOWN_OFFSET);
            publisher.publishOsClock(config, "chronyd".equals(line.process()) ? "chronyd" : "phc2sys", SyncState.FREERUN, out);
        }
    }

    void onClockClass(ConfigState config, PtpProfile profile, PtpLine.ClockClass line,
                      List<Notification> out) {
        Integer previous = config.clockClass();
        if (previous != null && previous == line.clockClass()) {
            return;
        }
        config.clockClass(line.clockClass());
        metrics.clockClass("ptp4l", config.configName(), line.clockClass());
        out.add(publisher.notification(ResourceType.CLOCK_CLASS,
                List.of(DataValue.metric(publisher.masterAddress(config, profile), line.clockClass()))));
    }
}
