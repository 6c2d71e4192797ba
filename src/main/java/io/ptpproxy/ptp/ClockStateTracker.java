package io.ptpproxy.ptp;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.ptpproxy.event.DataValue;
import io.ptpproxy.event.Notification;
import io.ptpproxy.event.ResourceType;

/**
 * Derives O-RAN sync states from parsed linuxptp lines and says which state changes to publish.
 *
 * <p>State is kept per linuxptp config ({@code ptp4l.N.config}): the slave port's servo gives
 * {@code lock-state}, phc2sys gives {@code os-clock-sync-state}, and the worst of all of them is the
 * node's {@code sync-state}. On a T-GM the daemon's {@code T-GM-STATUS} drives lock-state (with the
 * DPLL phase offset) and GNSS lines give {@code gnss-sync-status}; synce4l lines give the SyncE lock
 * state and clock quality. An event is produced only when a state changes (ptp-domain.md §2).
 * Losing the SLAVE port starts HOLDOVER and sets the {@link HoldoverAlarm} to its deadline;
 * {@link #expire(Instant)} turns an expired HOLDOVER into FREERUN. Time is always passed in, so no
 * test has to sleep.
 *
 * <p>Thread-safe: lines of several socket connections arrive concurrently; every call holds the
 * tracker's lock for the few microseconds it needs.
 */
public final class ClockStateTracker {

    /** Offset reported when the process that measures it is down (upstream's sentinel). */
    public static final long PROCESS_DOWN_OFFSET = -9999999999999999L;

    private final String nodePrefix;
    private final Function<String, PtpProfile> profiles;
    private final Clock clock;
    private final ClockMetrics metrics;
    private final HoldoverAlarm alarm;
    private final Map<String, ConfigState> configs = new LinkedHashMap<>();
    private SyncState nodeState;

    /**
     * @param nodeName the node name used in resource addresses
     * @param profiles the profile of a config name (never null; see {@link PtpConfigCatalog})
     * @param clock the wall clock used by {@link #track(ParseOutcome)} and {@link #expireDue()}
     */
    public ClockStateTracker(String nodeName, Function<String, PtpProfile> profiles, Clock clock) {
        this(nodeName, profiles, clock, ClockMetrics.NONE);
    }

    /**
     * @param metrics where the {@code openshift_ptp_*} measurements go
     */
    public ClockStateTracker(String nodeName, Function<String, PtpProfile> profiles, Clock clock,
                             ClockMetrics metrics) {
        this(nodeName, profiles, clock, metrics, HoldoverAlarm.NONE);
    }

    /**
     * @param alarm set to every holdover deadline, so that {@link #expireDue()} is called when it is due
     */
    public ClockStateTracker(String nodeName, Function<String, PtpProfile> profiles, Clock clock,
                             ClockMetrics metrics, HoldoverAlarm alarm) {
        this.nodePrefix = "/cluster/node/" + nodeName;
        this.profiles = profiles;
        this.clock = clock;
        this.metrics = metrics;
        this.alarm = alarm;
    }

    /**
     * Applies a parser outcome at the current time; ignored and rejected lines change nothing.
     *
     * @return the notifications to publish, in order
     */
    public List<Notification> track(ParseOutcome outcome) {
        if (outcome instanceof ParseOutcome.Accepted accepted) {
            return apply(accepted.line(), clock.instant());
        }
        return List.of();
    }

    /**
     * {@link #track} for a batch of outcomes, in order.
     *
     * @return the notifications of every outcome, in order
     */
    public List<Notification> trackAll(List<ParseOutcome> outcomes) {
        List<Notification> notifications = new ArrayList<>();
        for (ParseOutcome outcome : outcomes) {
            notifications.addAll(track(outcome));
        }
        return notifications;
    }

    /** @return the notifications due to holdover timeouts at the current time */
    public List<Notification> expireDue() {
        return expire(clock.instant());
    }

    /**
     * @param line a parsed line
     * @param now when it arrived
     * @return the notifications to publish, in order
     */
    public synchronized List<Notification> apply(PtpLine line, Instant now) {
        List<Notification> out = new ArrayList<>(2);
        if (line instanceof PtpLine.Restart) {
            reset();
            return out;
        }
        // ts2phc state lives with the ptp4l config of its profile (process status keeps the raw tag)
        String configName = line.configName().replace("ts2phc.", "ptp4l.");
        ConfigState config = config(configName);
        PtpProfile profile = profiles.apply(configName);
        if (line instanceof PtpLine.Offset offset) {
            if (PtpLine.Offset.CLOCK_REALTIME.equals(offset.clock())) {
                onOsClockOffset(config, profile, offset, out);
            } else {
                onServoOffset(config, profile, offset, out);
            }
        } else if (line instanceof PtpLine.Summary summary) {
            onSummary(config, profile, summary);
        } else if (line instanceof PtpLine.PortState port) {
            onPortState(config, profile, port, now, out);
        } else if (line instanceof PtpLine.ProcessStatus status) {
            onProcessStatus(config, profile, status, out);
        } else if (line instanceof PtpLine.ClockClass clockClass) {
            onClockClass(config, profile, clockClass, out);
        } else if (line instanceof PtpLine.Ts2phcOffset ts2phc) {
            onTs2phcOffset(config, profile, ts2phc, out);
        } else if (line instanceof PtpLine.GmStatus gm) {
            onGmStatus(config, profile, gm, out);
        } else if (line instanceof PtpLine.TbcStatus tbc) {
            onTbcStatus(config, profile, tbc, out);
        } else if (line instanceof PtpLine.DpllStatus dpll) {
            onDpllStatus(config, dpll);
        } else if (line instanceof PtpLine.GnssStatus gnss) {
            onGnssStatus(config, profile, gnss, out);
        } else if (line instanceof PtpLine.NmeaStatus nmea) {
            metrics.nmeaStatus(InterfaceAlias.of(nmea.iface()), nmea.available());
        } else if (line instanceof PtpLine.SynceEecState eec) {
            onSynceState(config, eec, out);
        } else if (line instanceof PtpLine.SynceClockQuality quality) {
            onSynceQuality(config, quality, out);
        } else if (line instanceof PtpLine.ChronydState chronyd) {
            onChronyd(config, chronyd, out);
        } else if (line instanceof PtpLine.HaProfileStatus ha) {
            metrics.haProfileStatus(ha.profile(), ha.active());
        }
        return out;
    }

    /**
     * Declares FREERUN for every config whose HOLDOVER has lasted its profile's holdOverTimeout, and sets
     * the alarm to the earliest deadline still ahead.
     *
     * @param now the current time
     * @return the notifications to publish, in order
     */
    public synchronized List<Notification> expire(Instant now) {
        List<Notification> out = new ArrayList<>();
        Instant next = null;
        for (ConfigState config : configs.values()) {
            Instant deadline = config.holdoverDeadline();
            if (deadline != null && !now.isBefore(deadline)) {
                config.holdoverDeadline(null);
                if (config.master().state() == SyncState.HOLDOVER) {
                    PtpProfile profile = profiles.apply(config.configName());
                    publishLockState(config, profile, SyncState.FREERUN, out);
                }
            } else if (deadline != null && (next == null || deadline.isBefore(next))) {
                next = deadline;
            }
        }
        if (next != null) {
            alarm.wakeAt(next);
        }
        return out;
    }

    /**
     * The values a CurrentState request answers for a resource type: one entry (or pair) per config
     * that has a state. Empty when nothing is known for that type.
     */
    public synchronized List<DataValue> currentValues(ResourceType type) {
        List<DataValue> values = new ArrayList<>();
        for (ConfigState config : configs.values()) {
            PtpProfile profile = profiles.apply(config.configName());
            switch (type) {
                case LOCK_STATE -> addClock(values, masterAddress(config, profile), config.mainClock());
                case OS_CLOCK_SYNC_STATE -> addClock(values, osClockAddress(), config.osClock());
                case SYNCE_LOCK_STATE -> config.synceStates().forEach((port, state) -> values.addAll(synceStateValues(port, state)));
                case SYNCE_CLOCK_QUALITY -> config.synceQualities().forEach((port, quality) -> values.addAll(synceQualityValues(port, quality)));
                case GNSS_SYNC_STATUS -> config.gnss().forEach((iface, reading) -> values.addAll(gnssValues(iface, reading)));
                case CLOCK_CLASS -> {
                    if (config.clockClass() != null) {
                        values.add(DataValue.metric(masterAddress(config, profile), config.clockClass()));
                    }
                }
                default -> {
                }
            }
        }
        if (type == ResourceType.SYNC_STATE) {
            SyncState node = worstState();
            if (node != null) {
                values.add(DataValue.notification(syncStateAddress(), node.name()));
            }
        }
        return values;
    }

    /**
     * Forgets configs whose file the daemon removed: their state, and every metric series of theirs
     * (those of interfaces another config still uses stay). Their next line starts them afresh.
     *
     * @param removed the profiles of the removed config files by name, e.g. {@code ptp4l.1.config}
     */
    public synchronized void forgetConfigs(Map<String, PtpProfile> removed) {
        if (removed == null || removed.isEmpty()) {
            return;
        }
        Set<String> configNames = new HashSet<>();
        Set<String> ifaces = new HashSet<>();
        removed.forEach((name, profile) -> {
            configNames.add(name);
            configNames.add(name.replace("ptp4l.", "ts2phc."));
            profile.interfaces().forEach(iface -> {
                ifaces.add(iface);
                ifaces.add(InterfaceAlias.of(iface));
            });
            ConfigState config = configs.remove(name);
            if (config != null) {
                addSeriesInterfaces(config, profile, ifaces);
            }
        });
        Set<String> stillUsed = new HashSet<>();
        configs.values().forEach(config -> addSeriesInterfaces(config, profiles.apply(config.configName()), stillUsed));
        ifaces.removeAll(stillUsed);
        metrics.forget(configNames, ifaces);
    }

    /**
     * Upstream's proxy answers {@code CMD RESTART} by re-executing itself: all clock state and metric
     * series go (subscriptions stay), and the first line of each clock publishes its state afresh.
     */
    private void reset() {
        configs.clear();
        nodeState = null;
        metrics.reset();
    }

    /** The iface label values of a config's series: raw names, their aliases, and its OS clock. */
    private static void addSeriesInterfaces(ConfigState config, PtpProfile profile, Set<String> into) {
        for (String iface : config.interfaces(profile)) {
            into.add(iface);
            into.add(InterfaceAlias.of(iface));
        }
        config.alias(profile).ifPresent(into::add);
        if (config.osClock().known()) {
            into.add(PtpLine.Offset.CLOCK_REALTIME);
        }
    }

    /** @return true once any line of any config has been tracked */
    public synchronized boolean hasState() {
        return !configs.isEmpty();
    }

    private ConfigState config(String configName) {
        ConfigState config = configs.get(configName);
        if (config == null) {
            config = new ConfigState(configName);
            configs.put(configName, config);
        }
        return config;
    }

    private void onServoOffset(ConfigState config, PtpProfile profile, PtpLine.Offset line,
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
        SyncState next = next(master.state(), line.servo().syncState(), profile.thresholds(),
                line.offset());
        if (next != null && config.boundary()) {
            // on a T-BC the daemon's T-BC-STATUS drives lock-state; the port servo is a measurement
            master.state(next);
            metrics.clockState(line.process(), alias, next);
        } else if (next != null) {
            config.holdoverDeadline(null);
            publishLockState(config, profile, next, out);
        }
        metrics.servo(PtpLine.Offset.MASTER, line.process(), alias, line.offset(), master.maxAbsOffset(),
                line.frequency(), line.delay());
    }

    private void onOsClockOffset(ConfigState config, PtpProfile profile, PtpLine.Offset line,
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
        SyncState next = next(os.state(), measured, profile.thresholds(), line.offset());
        if (next != null) {
            publishOsClock(config, line.process(), next, out);
        }
        metrics.servo("phc", line.process(), PtpLine.Offset.CLOCK_REALTIME, line.offset(), os.maxAbsOffset(),
                line.frequency(), line.delay());
    }

    /** Summary lines are measurements only; ptp4l's count only while the config has a slave port. */
    private void onSummary(ConfigState config, PtpProfile profile, PtpLine.Summary line) {
        if (PtpLine.Offset.CLOCK_REALTIME.equals(line.clock())) {
            metrics.servo("phc", line.process(), line.clock(), line.rms(), line.max(), line.frequency(), line.delay());
            return;
        }
        config.slaveInterface(profile).map(InterfaceAlias::of).ifPresent(alias -> metrics.servo(
                PtpLine.Offset.MASTER, line.process(), alias, line.rms(), line.max(), line.frequency(), line.delay()));
    }

    /**
     * The state-change table of ptp-domain.md §2.3, with one fix: a FREERUN servo during HOLDOVER is
     * announced as FREERUN (upstream sets it silently and never announces it).
     *
     * @return the state to publish, or null when nothing changes
     */
    private static SyncState next(SyncState last, SyncState measured, Thresholds thresholds, long offset) {
        SyncState candidate = measured == SyncState.LOCKED && !thresholds.inRange(offset)
                ? SyncState.FREERUN : measured;
        if (last == SyncState.HOLDOVER && measured == SyncState.LOCKED && candidate == SyncState.FREERUN) {
            return null;
        }
        return candidate == last ? null : candidate;
    }

    /**
     * ts2phc offsets drive lock-state only until the daemon's T-GM state machine speaks
     * ({@code T-GM-STATUS} lines); after that they are measurements only.
     */
    private void onTs2phcOffset(ConfigState config, PtpProfile profile, PtpLine.Ts2phcOffset line,
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
        SyncState next = next(master.state(), measured, profile.thresholds(), line.offset());
        if (next != null) {
            publishLockState(config, profile, next, out);
        }
    }

    /** The daemon's T-GM state: published as lock-state with the DPLL phase offset of the interface. */
    private void onGmStatus(ConfigState config, PtpProfile profile, PtpLine.GmStatus line, List<Notification> out) {
        config.grandmaster(true);
        config.masterAlias(InterfaceAlias.of(line.iface()));
        SyncState state = line.syncState();
        config.lastGmState(state);
        config.master().offset(config.dpllPhaseOffset(line.iface()));
        metrics.clockState(line.process(), InterfaceAlias.of(line.iface()), state);
        if (state != config.master().state()) {
            config.holdoverDeadline(null);
            publishLockState(config, profile, state, out);
        }
    }

    /**
     * GNSS status of a T-GM interface, published when the reported status changes (upstream compares
     * only the s-token, so a fix lost while the token stays s0 goes unreported).
     */
    private void onGnssStatus(ConfigState config, PtpProfile profile, PtpLine.GnssStatus line,
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
            out.add(notification(ResourceType.GNSS_SYNC_STATUS,
                    gnssValues(line.iface(), config.gnss().get(line.iface()))));
        }
    }

    private List<DataValue> gnssValues(String iface, ConfigState.GnssReading reading) {
        String address = nodePrefix + "/" + InterfaceAlias.of(iface) + "/master";
        return List.of(DataValue.notification(address, reading.state().value()),
                DataValue.metric(address, reading.offset()),
                DataValue.metric(address + "/gpsFix", reading.fix()));
    }

    /**
     * SyncE lock state of a port, published when it changes (upstream re-publishes every line). As
     * upstream, the state string travels as a metric/decimal64.3 value.
     */
    private void onSynceState(ConfigState config, PtpLine.SynceEecState line, List<Notification> out) {
        String port = line.device() + "/" + line.iface();
        SyncState state = line.syncState();
        metrics.clockState(line.process(), line.iface(), state);
        if (config.synceStates().put(port, state) != state) {
            out.add(notification(ResourceType.SYNCE_LOCK_STATE, synceStateValues(port, state)));
        }
    }

    /** SyncE clock quality of a port, published when its QL or extended QL changes. */
    private void onSynceQuality(ConfigState config, PtpLine.SynceClockQuality line, List<Notification> out) {
        String port = line.device() + "/" + line.iface();
        ConfigState.SynceQuality quality = new ConfigState.SynceQuality(line.ql(),
                line.extendedQl() == null ? 0xFF : line.extendedQl());
        metrics.synceQuality(config.configName(), line.device(), line.iface(), line.networkOption(), quality.ql(),
                quality.extendedQl());
        if (!quality.equals(config.synceQualities().put(port, quality))) {
            out.add(notification(ResourceType.SYNCE_CLOCK_QUALITY, synceQualityValues(port, quality)));
        }
    }

    private List<DataValue> synceStateValues(String port, SyncState state) {
        return List.of(new DataValue(nodePrefix + "/" + port, DataValue.METRIC, DataValue.DECIMAL, state.name()));
    }

    private List<DataValue> synceQualityValues(String port, ConfigState.SynceQuality quality) {
        return List.of(DataValue.metric(nodePrefix + "/" + port + "/Ql", quality.ql()),
                DataValue.metric(nodePrefix + "/" + port + "/extQl", quality.extendedQl()));
    }

    /**
     * The daemon's T-BC state machine: the aggregate is the config's main clock, published as
     * lock-state with the offset the line carries whenever its state changes.
     */
    private void onTbcStatus(ConfigState config, PtpProfile profile, PtpLine.TbcStatus line, List<Notification> out) {
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
            publishLockState(config, profile, state, out);
        }
    }

    /** DPLL lines are measurements: their phase offset is what a later T-GM-STATUS line reports. */
    private void onDpllStatus(ConfigState config, PtpLine.DpllStatus line) {
        config.grandmaster(true);
        config.dpllPhaseOffset(line.iface(), line.offset());
        String alias = InterfaceAlias.of(line.iface());
        metrics.dpllStatus(alias, line.frequencyStatus(), line.phaseStatus(), line.ppsStatus());
        metrics.offset(line.process(), line.process(), alias, line.offset());
        metrics.clockState(line.process(), alias, line.syncState());
    }

    /**
     * chronyd disciplines the OS clock instead of phc2sys: a selected source is LOCKED, none FREERUN
     * (offset 0, chronyd prints none in these lines).
     */
    private void onChronyd(ConfigState config, PtpLine.ChronydState line, List<Notification> out) {
        ClockRecord os = config.osClock();
        os.offset(0);
        SyncState state = line.selected() ? SyncState.LOCKED : SyncState.FREERUN;
        if (state != os.state()) {
            publishOsClock(config, line.process(), state, out);
        }
    }

    private void onPortState(ConfigState config, PtpProfile profile, PtpLine.PortState line, Instant now,
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
            publishLockState(config, profile, SyncState.HOLDOVER, out);
        }
    }

    private void onProcessStatus(ConfigState config, PtpProfile profile, PtpLine.ProcessStatus line,
                                 List<Notification> out) {
        metrics.processStatus(line.process(), line.configName(), line.up());
        if (line.up()) {
            return;
        }
        if ("ts2phc".equals(line.process())) {
            config.ts2phcClocks().forEach((iface, servo) -> {
                servo.offset(PROCESS_DOWN_OFFSET);
                servo.state(SyncState.FREERUN);
                metrics.offset(PtpLine.Offset.MASTER, line.process(), InterfaceAlias.of(iface), PROCESS_DOWN_OFFSET);
                metrics.clockState(line.process(), InterfaceAlias.of(iface), SyncState.FREERUN);
            });
        }
        String offsetSource = config.boundary() ? "ptp4l" : config.grandmaster() ? "ts2phc" : "ptp4l";
        ClockRecord main = config.mainClock();
        if (offsetSource.equals(line.process()) && main.known() && main.state() != SyncState.FREERUN) {
            config.holdoverDeadline(null);
            main.offset(PROCESS_DOWN_OFFSET);
            publishLockState(config, profile, SyncState.FREERUN, out);
        }
        ClockRecord os = config.osClock();
        if (os.known() && os.state() != SyncState.FREERUN) {
            os.offset(PROCESS_DOWN_OFFSET);
            publishOsClock(config, "chronyd".equals(line.process()) ? "chronyd" : "phc2sys", SyncState.FREERUN, out);
        }
    }

    private void onClockClass(ConfigState config, PtpProfile profile, PtpLine.ClockClass line,
                              List<Notification> out) {
        Integer previous = config.clockClass();
        if (previous != null && previous == line.clockClass()) {
            return;
        }
        config.clockClass(line.clockClass());
        metrics.clockClass("ptp4l", config.configName(), line.clockClass());
        out.add(notification(ResourceType.CLOCK_CLASS,
                List.of(DataValue.metric(masterAddress(config, profile), line.clockClass()))));
    }

    private void publishLockState(ConfigState config, PtpProfile profile, SyncState state,
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

    private void publishOsClock(ConfigState config, String process, SyncState state, List<Notification> out) {
        ClockRecord os = config.osClock();
        os.state(state);
        metrics.clockState(process, PtpLine.Offset.CLOCK_REALTIME, state);
        out.add(notification(ResourceType.OS_CLOCK_SYNC_STATE, List.of(
                DataValue.notification(osClockAddress(), state.name()),
                DataValue.metric(osClockAddress(), os.lastOffset()))));
        publishNodeStateIfChanged(out);
    }

    private void publishNodeStateIfChanged(List<Notification> out) {
        SyncState worst = worstState();
        if (worst != null && worst != nodeState) {
            nodeState = worst;
            out.add(notification(ResourceType.SYNC_STATE,
                    List.of(DataValue.notification(syncStateAddress(), worst.name()))));
        }
    }

    /** @return the worst published state over every config's servo and OS clock, or null */
    private SyncState worstState() {
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

    private static void addClock(List<DataValue> values, String address, ClockRecord record) {
        if (record.known()) {
            values.add(DataValue.notification(address, record.state().name()));
            values.add(DataValue.metric(address, record.lastOffset()));
        }
    }

    private Notification notification(ResourceType type, List<DataValue> values) {
        return new Notification(type, nodePrefix + type.suffix(), values);
    }

    private String masterAddress(ConfigState config, PtpProfile profile) {
        return nodePrefix + "/" + config.alias(profile).map(alias -> alias + "/").orElse("") + "master";
    }

    private String osClockAddress() {
        return nodePrefix + "/" + PtpLine.Offset.CLOCK_REALTIME;
    }

    private String syncStateAddress() {
        return nodePrefix + ResourceType.SYNC_STATE.suffix();
    }
}
