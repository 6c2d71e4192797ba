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
 * <p>This is the one entry point the routes call ({@link #trackAll}, {@link #expireDue},
 * {@link #forgetConfigs}); it dispatches each line by its kind to the tracking of its process family
 * ({@link Ptp4lTracking}, {@link Phc2sysTracking}, {@link GrandmasterTracking}, {@link SynceTracking},
 * {@link ChronydTracking}, {@link DaemonTracking}), which share {@link StatePublisher} to publish.
 *
 * <p>Thread-safe: lines of several socket connections arrive concurrently; every call holds the
 * tracker's lock for the few microseconds it needs, and the family trackings run only under it.
 */
public final class ClockStateTracker {

    /** Offset reported when the process that measures it is down (upstream's sentinel). */
    public static final long PROCESS_DOWN_OFFSET = -9999999999999999L;

    private final Function<String, PtpProfile> profiles;
    private final Clock clock;
    private final ClockMetrics metrics;
    private final HoldoverAlarm alarm;
    private final Map<String, ConfigState> configs = new LinkedHashMap<>();
    private final StatePublisher publisher;
    private final Ptp4lTracking ptp4l;
    private final Phc2sysTracking phc2sys;
    private final GrandmasterTracking grandmaster;
    private final SynceTracking synce;
    private final ChronydTracking chronyd;
    private final DaemonTracking daemon;

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
        this.profiles = profiles;
        this.clock = clock;
        this.metrics = metrics;
        this.alarm = alarm;
        this.publisher = new StatePublisher("/cluster/node/" + nodeName, metrics, configs);
        this.ptp4l = new Ptp4lTracking(metrics, publisher, alarm);
        this.phc2sys = new Phc2sysTracking(metrics, publisher);
        this.grandmaster = new GrandmasterTracking(metrics, publisher);
        this.synce = new SynceTracking(metrics, publisher);
        this.chronyd = new ChronydTracking(metrics, publisher);
        this.daemon = new DaemonTracking(metrics, publisher);
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
                phc2sys.onOsClockOffset(config, profile, offset, out);
            } else {
                ptp4l.onServoOffset(config, profile, offset, out);
            }
        } else if (line instanceof PtpLine.Summary summary) {
            ptp4l.onSummary(config, profile, summary);
        } else if (line instanceof PtpLine.PortState port) {
            ptp4l.onPortState(config, profile, port, now, out);
        } else if (line instanceof PtpLine.ProcessStatus status) {
            daemon.onProcessStatus(config, profile, status, out);
        } else if (line instanceof PtpLine.ClockClass clockClass) {
            daemon.onClockClass(config, profile, clockClass, out);
        } else if (line instanceof PtpLine.Ts2phcOffset ts2phc) {
            grandmaster.onTs2phcOffset(config, profile, ts2phc, out);
        } else if (line instanceof PtpLine.GmStatus gm) {
            grandmaster.onGmStatus(config, profile, gm, out);
        } else if (line instanceof PtpLine.TbcStatus tbc) {
            grandmaster.onTbcStatus(config, profile, tbc, out);
        } else if (line instanceof PtpLine.DpllStatus dpll) {
            grandmaster.onDpllStatus(config, dpll);
        } else if (line instanceof PtpLine.GnssStatus gnss) {
            grandmaster.onGnssStatus(config, profile, gnss, out);
        } else if (line instanceof PtpLine.NmeaStatus nmea) {
            metrics.nmeaStatus(InterfaceAlias.of(nmea.iface()), nmea.available());
        } else if (line instanceof PtpLine.SynceEecState eec) {
            synce.onSynceState(config, eec, out);
        } else if (line instanceof PtpLine.SynceClockQuality quality) {
            synce.onSynceQuality(config, quality, out);
        } else if (line instanceof PtpLine.ChronydState state) {
            chronyd.onChronyd(config, state, out);
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
                    publisher.publishLockState(config, profile, SyncState.FREERUN, out);
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
                case LOCK_STATE -> StatePublisher.addClock(values, publisher.masterAddress(config, profile), config.mainClock());
                case OS_CLOCK_SYNC_STATE -> StatePublisher.addClock(values, publisher.osClockAddress(), config.osClock());
                case SYNCE_LOCK_STATE -> config.synceStates().forEach((port, state) -> values.addAll(publisher.synceStateValues(port, state)));
                case SYNCE_CLOCK_QUALITY -> config.synceQualities().forEach((port, quality) -> values.addAll(publisher.synceQualityValues(port, quality)));
                case GNSS_SYNC_STATUS -> config.gnss().forEach((iface, reading) -> values.addAll(publisher.gnssValues(iface, reading)));
                case CLOCK_CLASS -> {
                    if (config.clockClass() != null) {
                        values.add(DataValue.metric(publisher.masterAddress(config, profile), config.clockClass()));
                    }
                }
                default -> {
                }
            }
        }
        if (type == ResourceType.SYNC_STATE) {
            SyncState node = publisher.worstState();
            if (node != null) {
                values.add(DataValue.notification(publisher.syncStateAddress(), node.name()));
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
        publisher.reset();
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

}
