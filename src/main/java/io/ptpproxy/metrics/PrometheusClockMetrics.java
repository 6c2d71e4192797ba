package io.ptpproxy.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.ptpproxy.ptp.ClockMetrics;
import io.ptpproxy.ptp.PortRole;
import io.ptpproxy.ptp.SyncState;
import io.ptpproxy.ptp.Thresholds;

/**
 * Exports the clock state as upstream's {@code openshift_ptp_*} gauges on the Micrometer registry the
 * management server scrapes. Every series is a gauge backed by a value set on change; the restart
 * count too, so the name stays upstream's exactly (a Micrometer counter would gain a {@code _total}
 * suffix). Series of configs, interfaces and profiles that disappear are removed.
 */
public final class PrometheusClockMetrics implements ClockMetrics {

    private static final String PREFIX = "openshift_ptp_";
    private static final String DPLL = "dpll";
    private static final String GNSS = "gnss";
    private static final String SYNCE = "synce4l";
    private static final String SERVO = "servo";
    private static final String OFFSET_HELP = "Offset of the clock in ns";

    private final MeterRegistry registry;
    private final String node;
    private final Map<Key, Series> series = new ConcurrentHashMap<>();
    // the four series of one servo, found with one lookup per servo line instead of four; emptied
    // whenever series are removed, and refilled from the series above (the state tracker makes every
    // servo, forget and reset call under its own lock, so a group never outlives a removal)
    private final Map<Key, Series[]> servos = new ConcurrentHashMap<>();
    // the network option each SyncE port was last reported with: a label, so a change is a new series
    private final Map<String, String> synceOptions = new HashMap<>();

    public PrometheusClockMetrics(MeterRegistry registry, String node) {
        this.registry = registry;
        this.node = node;
    }

    @Override
    public void servo(String from, String process, String iface, long offsetNs, long maxOffsetNs, long frequency,
                      long delayNs) {
        String[] labels = {"from", from, "process", process, "iface", iface};
        Key key = new Key(SERVO, labels);
        Series[] servo = servos.get(key);
        if (servo == null) {
            servo = new Series[] {series("offset_ns", OFFSET_HELP, labels),
                    series("max_offset_ns", "Largest offset seen in ns", labels),
                    series("frequency_adjustment_ns", "Frequency adjustment", labels),
                    series("delay_ns", "Path or read delay in ns", labels)};
            servos.put(key, servo);
        }
        servo[0].value.lazySet(offsetNs);
        servo[1].value.lazySet(maxOffsetNs);
        servo[2].value.lazySet(frequency);
        servo[3].value.lazySet(delayNs);
    }

    @Override
    public void offset(String from, String process, String iface, long offsetNs) {
        set("offset_ns", OFFSET_HELP, new String[] {"from", from, "process", process, "iface", iface},
                offsetNs);
    }

    @Override
    public void clockState(String process, String iface, SyncState state) {
        set("clock_state", "0 = FREERUN, 1 = LOCKED, 2 = HOLDOVER", new String[] {"process", process, "iface", iface},
                state.metricValue());
    }

    @Override
    public void interfaceRole(String process, String iface, PortRole role) {
        set("interface_role", "0 = PASSIVE, 1 = SLAVE, 2 = MASTER, 3 = FAULTY, 4 = UNKNOWN, 5 = LISTENING",
                new String[] {"process", process, "iface", iface}, role.metricValue());
    }

    @Override
    public void clockClass(String process, String config, int clockClass) {
        set("clock_class", "PTP clock class", new String[] {"process", process, "config", config}, clockClass);
    }

    @Override
    public void processStatus(String process, String config, boolean up) {
        String[] labels = {"process", process, "config", config};
        set("process_status", "0 = DOWN, 1 = UP", labels, up ? 1 : 0);
        if (up) {
            series("process_restart_count", "Times the process was started", labels).value.incrementAndGet();
        }
    }

    @Override
    public void nmeaStatus(String iface, boolean available) {
        set("nmea_status", "0 = UNAVAILABLE, 1 = AVAILABLE", new String[] {"process", "ts2phc", "iface", iface},
                available ? 1 : 0);
    }

    @Override
    public void dpllStatus(String iface, int frequencyStatus, int phaseStatus, int ppsStatus) {
        String[] labels = {"from", DPLL, "process", DPLL, "iface", iface};
        String codes = "-1 = UNKNOWN, 0 = INVALID, 1 = FREERUN, 2 = LOCKED, 3 = LOCKED_HO_ACQ, 4 = HOLDOVER";
        set("frequency_status", codes, labels, frequencyStatus);
        set("phase_status", codes, labels, phaseStatus);
        set("pps_status", "0 = UNAVAILABLE, 1 = AVAILABLE", labels, ppsStatus);
    }

    @Override
    public void gnssStatus(String iface, int fix) {
        set("gnss_status", "0 = NOFIX, 1 = DEAD RECKONING ONLY, 2 = 2D-FIX, 3 = 3D-FIX, 4 = GPS+DEAD RECKONING FIX, "
                + "5 = TIME ONLY FIX", new String[] {"from", GNSS, "process", GNSS, "iface", iface}, fix);
    }

    @Override
    public void haProfileStatus(String profile, boolean active) {
        set("ha_profile_status", "0 = INACTIVE, 1 = ACTIVE", new String[] {"process", "phc2sys", "profile", profile},
                active ? 1 : 0);
    }

    @Override
    public synchronized void synceQuality(String config, String device, String iface, int networkOption, int ql,
                                          int extendedQl) {
        String option = Integer.toString(networkOption);
        String port = config + '|' + device + '|' + iface;
        String previous = synceOptions.put(port, option);
        if (previous != null && !previous.equals(option)) {
            removeSynce(config, device, iface, previous);
        }
        set("synce_ssm_ql", "SSM quality level", synceLabels(config, device, iface, option, "SSM"), ql);
        set("synce_ssm_ql", "SSM quality level", synceLabels(config, device, iface, option, "Extended SSM"), extendedQl);
        set("synce_clock_quality", "Sum of the SSM and extended SSM quality levels",
                synceLabels(config, device, iface, option, null), ql + extendedQl);
    }

    @Override
    public synchronized void forget(Set<String> configs, Set<String> ifaces) {
        servos.clear();
        series.entrySet().removeIf(entry -> {
            Map<String, String> labels = entry.getValue().labels;
            boolean gone = labelIn(labels, "config", configs) || labelIn(labels, "profile", configs)
                    || labelIn(labels, "iface", ifaces);
            if (gone) {
                registry.remove(entry.getValue().gauge);
            }
            return gone;
        });
        synceOptions.keySet().removeIf(port -> configs.contains(port.substring(0, port.indexOf('|'))));
    }

    private static boolean labelIn(Map<String, String> labels, String name, Set<String> values) {
        String value = labels.get(name);
        return value != null && values.contains(value);
    }

    @Override
    public synchronized void reset() {
        servos.clear();
        series.entrySet().removeIf(entry -> {
            boolean gone = !entry.getKey().name().equals("threshold");
            if (gone) {
                registry.remove(entry.getValue().gauge);
            }
            return gone;
        });
        synceOptions.clear();
    }

    /**
     * {@code openshift_ptp_threshold} of every profile, as read from the PtpConfig profile file; the
     * series of a profile no longer in the file are removed.
     *
     * @param byProfile thresholds by profile name
     */
    public synchronized void thresholds(Map<String, Thresholds> byProfile) {
        String help = "Profile thresholds: HoldOverTimeout in s, Max/MinOffsetThreshold in ns";
        series.entrySet().removeIf(entry -> {
            boolean gone = entry.getKey().name().equals("threshold")
                    && !byProfile.containsKey(entry.getValue().labels.get("profile"));
            if (gone) {
                registry.remove(entry.getValue().gauge);
            }
            return gone;
        });
        byProfile.forEach((profile, thresholds) -> {
            set("threshold", help, new String[] {"profile", profile, "threshold", "HoldOverTimeout"},
                    thresholds.holdOverTimeout().toSeconds());
            set("threshold", help, new String[] {"profile", profile, "threshold", "MaxOffsetThreshold"},
                    thresholds.maxOffsetNs());
            set("threshold", help, new String[] {"profile", profile, "threshold", "MinOffsetThreshold"},
                    thresholds.minOffsetNs());
        });
    }

    private static String[] synceLabels(String config, String device, String iface, String option, String qlType) {
        String[] labels = {"process", SYNCE, "profile", config, "network_option", option, "iface", iface,
                "device", device};
        if (qlType == null) {
            return labels;
        }
        String[] withType = Arrays.copyOf(labels, labels.length + 2);
        withType[labels.length] = "ql_type";
        withType[labels.length + 1] = qlType;
        return withType;
    }

    private void removeSynce(String config, String device, String iface, String option) {
        for (String[] labels : new String[][] {synceLabels(config, device, iface, option, "SSM"),
                synceLabels(config, device, iface, option, "Extended SSM"),
                synceLabels(config, device, iface, option, null)}) {
            String name = labels.length > 10 ? "synce_ssm_ql" : "synce_clock_quality";
            Series removed = series.remove(new Key(name, labels));
            if (removed != null) {
                registry.remove(removed.gauge);
            }
        }
    }

    private void set(String name, String help, String[] labels, long value) {
        // an ordered store, not a volatile one (no full fence per sample): a scrape may see a value a
        // moment late, and the tracker's lock release publishes it anyway
        series(name, help, labels).value.lazySet(value);
    }

    /**
     * The series behind one name and label set, its gauge registered on first use. Samples arrive per
     * log line, so the lookup key is the label array itself (no text is built; the label strings are
     * mostly shared instances with cached hash codes); Micrometer's tags are built only for a new series.
     *
     * @param labels label names and values, alternating
     */
    private Series series(String name, String help, String[] labels) {
        Key lookup = new Key(name, labels);
        Series existing = series.get(lookup);
        if (existing != null) {
            return existing;
        }
        return series.computeIfAbsent(lookup, key -> {
            AtomicLong value = new AtomicLong();
            Gauge gauge = Gauge.builder(PREFIX + name, value, AtomicLong::get).description(help)
                    .tags(Tags.of(labels).and("node", node)).register(registry);
            Map<String, String> byName = new HashMap<>();
            for (int i = 0; i + 1 < labels.length; i += 2) {
                byName.put(labels[i], labels[i + 1]);
            }
            return new Series(value, gauge, Map.copyOf(byName));
        });
    }

    /** What identifies a series: the metric name and its label names and values, alternating. */
    private record Key(String name, String[] labels) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && name.equals(key.name) && Arrays.equals(labels, key.labels);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + Arrays.hashCode(labels);
        }

        @Override
        public String toString() {
            return name + Arrays.toString(labels);
        }
    }

    /** One exported series: its value, its registered gauge and its labels by name. */
    private record Series(AtomicLong value, Gauge gauge, Map<String, String> labels) {
    }
}
