package io.ptpproxy.ptp;

import java.time.Instant;
import java.util.List;

import io.ptpproxy.event.Notification;

/**
 * What ptp4l's lines do to a config's state: the slave port's servo drives lock-state, a lost slave
 * port starts HOLDOVER and sets the {@link HoldoverAlarm} to its deadline (ptp-domain.md §2).
 *
 * <p>Called only under the {@link ClockStateTracker}'s lock, like every family's tracking; it keeps no
 * state of its own beyond the {@link ConfigState} it is handed.
 */
final class Ptp4lTracking {

    private final ClockMetrics metrics;
    private final StatePublisher publisher;
    private final HoldoverAlarm alarm;

    Ptp4lTracking(ClockMetrics metrics, StatePublisher publisher, HoldoverAlarm alarm) {
        this.metrics = metrics;
        this.publisher = publisher;
        this.alarm = alarm;
    }

    void onServoOffset(ConfigState config, PtpProfile profile, PtpLine.Offset line,
                       List<Notification> out) {
        // Offsets only count while the config has a port synchronized to a master.
        String slave = config.slaveInterface(profile).orElse(null);
        if (slave == null) {
            return;
        }
        String alias = InterfaceAlias.of(slave);
        config.masterAlias(alias);
        ClockRecord master = config.master();
        master.offset(line.offset());
        SyncState next = StatePublisher.next(master.state(), line.servo().syncState(), profile.thresholds(),
                line.offset());
        if (next != null && config.boundary()) {
            // on a T-BC the daemon's T-BC-STATUS drives lock-state; the port servo is a measurement
            master.state(next);
            metrics.clockState(line.process(), alias, next);
        } else if (next != null) {
            config.holdoverDeadline(null);
            publisher.publishLockState(config, profile, next, out);
        }
        metrics.servo(PtpLine.Offset.MASTER, line.process(), alias, line.offset(), master.maxAbsOffset(),
                line.frequency(), line.delay());
    }

    /** Summary lines are measurements only; ptp4l's count only while the config has a slave port. */
    void onSummary(ConfigState config, PtpProfile profile, PtpLine.Summary line) {
        if (PtpLine.Offset.CLOCK_REALTIME.equals(line.clock())) {
            metrics.servo("phc", line.process(), line.clock(), line.rms(), line.max(), line.frequency(), line.delay());
            return;
        }
        config.slaveInterface(profile).map(InterfaceAlias::of).ifPresent(alias -> metrics.servo(
                PtpLine.Offset.MASTER, line.process(), alias, line.rms(), line.max(), line.frequency(), line.delay()));
    }

    void onPortState(ConfigState config, PtpProfile profile, PtpLine.PortState line, Instant now,
                     List<Notification> out) {
        PortRole previous = config.role(line.port(), profile);
        config.role(line.port(), line.interfaceName(), line.role());
        config.interfaceOf(line.port(), profile)
                .ifPresent(iface -> metrics.interfaceRole(line.process(), iface, line.role()));
        boolean lostMaster = line.lossOfSync() && previous == PortRole.SLAVE;
        if (lostMaster && config.boundary()) {
            // a T-BC has no holdover timer here: the daemon's T-BC-STATUS reports its holdover
            config.master().state(SyncState.FREERUN);
            config.alias(profile).ifPresent(alias -> metrics.clockState(line.process(), alias, SyncState.FREERUN));
        } else if (lostMaster && config.master().known() && config.master().state() != SyncState.HOLDOVER) {
            Instant deadline = now.plus(profile.thresholds().holdOverTimeout());
            config.holdoverDeadline(deadline);
            alarm.wakeAt(deadline);
            publisher.publishLockState(config, profile, SyncState.HOLDOVER, out);
        }
    }
}
