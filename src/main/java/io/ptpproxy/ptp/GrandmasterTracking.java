package io.ptpproxy.ptp;

import java.util.List;

import io.ptpproxy.event.Notification;
import io.ptpproxy.event.ResourceType;

/**
 * What the grandmaster family's lines do (ts2phc, the daemon's T-GM, T-BC, DPLL and GNSS status lines,
 * NMEA status): on a T-GM the daemon's {@code T-GM-STATUS} drives lock-state with the DPLL phase offset,
 * on a T-BC its {@code T-BC-STATUS} does, and GNSS lines give {@code gnss-sync-status}.
 *
 * <p>Called only under the {@link ClockStateTracker}'s lock, like every family's tracking; it keeps no
 * state of its own beyond the {@link ConfigState} it is handed.
 */
final class GrandmasterTracking {

    private final ClockMetrics metrics;
    private final StatePublisher publisher;

    GrandmasterTracking(ClockMetrics metrics, StatePublisher publisher) {
        this.metrics = metrics;
        this.publisher = publisher;
    }

    /**
     * ts2phc offsets drive lock-state only until the daemon's T-GM state machine speaks
     * ({@code T-GM-STATUS} lines); after that they are measurements only.
     */
    void onTs2phcOffset(ConfigState config, PtpProfile profile, PtpLine.Ts2phcOffset line,
                        List<Notification> out) {
        config.grandmaster(true);
        String alias = InterfaceAlias.of(line.iface());
        ClockRecord servo = config.ts2phcClocks().computeIfAbsent(line.iface(), iface -> new ClockRecord());
        servo.offset(line.offset());
        SyncState measured = line.holdover() ? SyncState.HOLDOVER : line.servo().syncState();
        SyncState servoState = measured == SyncState.LOCKED && !profile.thresholds().inRange(line.offset())
                ? SyncState.FREERUN : measured;
        if (servoState != servo.state()) {
            servo.state(servoState);
        }
        metrics.servo(PtpLine.Offset.MASTER, line.process(), alias, line.offset(), servo.maxAbsOffset(),
                line.frequency(), 0);
        metrics.clockState(line.process(), alias, servoState);
        if (config.lastGmState() != null || config.boundary()) {
            return;
        }
        config.masterAlias(alias);
        ClockRecord master = config.master();
        master.offset(line.offset());
        SyncState next = StatePublisher.next(master.state(), measured, profile.thresholds(), line.offset());
        if (next != null) {
            publisher.publishLockState(config, profile, next, out);
        }
    }

    /** The daemon's T-GM state: published as lock-state with the DPLL phase offset of the interface. */
    void onGmStatus(ConfigState config, PtpProfile profile, PtpLine.GmStatus line, List<Notification> out) {
        config.grandmaster(true);
        config.masterAlias(InterfaceAlias.of(line.iface()));
        SyncState state = line.syncState();
        config.lastGmState(state);
        config.master().offset(config.dpllPhaseOffset(line.iface()));
        metrics.clockState(line.process(), InterfaceAlias.of(line.iface()), state);
        if (state != config.master().state()) {
            config.holdoverDeadline(null);
            publisher.publishLockState(config, profile, state, out);
        }
    }

    /**
     * GNSS status of a T-GM interface, published when the reported status changes (upstream compares
     * only the s-token, so a fix lost while the token stays s0 goes unreported).
     */
    void onGnssStatus(ConfigState config, PtpProfile profile, PtpLine.GnssStatus line,
                      List<Notification> out) {
        config.grandmaster(true);
        GnssState state = GnssState.of(line, profile.thresholds());
        ConfigState.GnssReading previous = config.gnss().get(line.iface());
        config.gnss().put(line.iface(), new ConfigState.GnssReading(state, line.offset(), line.fix()));
        String alias = InterfaceAlias.of(line.iface());
        metrics.offset(line.process(), line.process(), alias, line.offset());
        metrics.clockState(line.process(), alias, line.syncState());
        metrics.gnssStatus(alias, line.fix());
        if (previous == null || previous.state() != state) {
            out.add(publisher.notification(ResourceType.GNSS_SYNC_STATUS,
                    publisher.gnssValues(line.iface(), config.gnss().get(line.iface()))));
        }
    }

    /**
     * The daemon's T-BC state machine: the aggregate is the config's main clock, published as
     * lock-state with the offset the line carries whenever its state changes.
     */
    void onTbcStatus(ConfigState config, PtpProfile profile, PtpLine.TbcStatus line, List<Notification> out) {
        ClockRecord tbc = config.boundaryClock();
        if (!config.boundary()) {
            // lock-state so far came from the port servo: carry it over, so an unchanged state is not republished
            config.boundary(true);
            if (config.master().known()) {
                tbc.state(config.master().state());
            }
        }
        String alias = InterfaceAlias.of(line.iface());
        config.masterAlias(alias);
        config.holdoverDeadline(null);
        tbc.offset(line.offset());
        metrics.offset(line.process(), line.process(), alias, line.offset());
        SyncState state = line.syncState();
        if (state != tbc.state()) {
            publisher.publishLockState(config, profile, state, out);
        }
    }

    /** DPLL lines are measurements: their phase offset is what a later T-GM-STATUS line reports. */
    void onDpllStatus(ConfigState config, PtpLine.DpllStatus line) {
        config.grandmaster(true);
        config.dpllPhaseOffset(line.iface(), line.offset());
        String alias = InterfaceAlias.of(line.iface());
        metrics.dpllStatus(alias, line.frequencyStatus(), line.phaseStatus(), line.ppsStatus());
        metrics.offset(line.process(), line.process(), alias, line.offset());
        metrics.clockState(line.process(), alias, line.syncState());
    }
}
