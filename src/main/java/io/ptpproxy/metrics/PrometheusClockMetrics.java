package io.ptpproxy.metrics;

import java.util.Map;
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
 * suffix).
 */
public final class PrometheusClockMetrics implements ClockMetrics {

    private static final String PREFIX = "openshift_ptp_";

    private final MeterRegistry registry;
    private final String node;
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

    public PrometheusClockMetrics(MeterRegistry registry, String node) {
        this.registry = registry;
        this.node = node;
    }

    @Override
    public void servo(String from, String process, String iface, long offsetNs, long maxOffsetNs, long frequency,
                      long delayNs) {
        String[] labels = {"from", from, "process", process, "iface", iface};
        set("offset_ns", "Offset of the clock in ns", labels, offsetNs);
        set("max_offset_ns", "Largest offset seen in ns", labels, maxOffsetNs);
        set("frequency_adjustment_ns", "Frequency adjustment", labels, frequency);
        set("delay_ns", "Path or read delay in ns", labels, delayNs);
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
            value("process_restart_count", "Times the process was started", labels).incrementAndGet();
        }
    }

    /**
     * {@code openshift_ptp_threshold} of every profile, as read from the PtpConfig profile file.
     *
     * @param byProfile thresholds by profile name
     */
    public void thresholds(Map<String, Thresholds> byProfile) {
        String help = "Profile thresholds: HoldOverTimeout in s, Max/MinOffsetThreshold in ns";
        byProfile.forEach((profile, thresholds) -> {
            set("threshold", help, new String[] {"profile", profile, "threshold", "HoldOverTimeout"},
                    thresholds.holdOverTimeout().toSeconds());
            set("threshold", help, new String[] {"profile", profile, "threshold", "MaxOffsetThreshold"},
                    thresholds.maxOffsetNs());
            set("threshold", help, new String[] {"profile", profile, "threshold", "MinOffsetThreshold"},
                    thresholds.minOffsetNs());
        });
    }

    private void set(String name, String help, String[] labels, long value) {
        value(name, help, labels).set(value);
    }

    /**
     * The value behind one series, its gauge registered on first use. Samples arrive per log line, so
     * the lookup key is plain label text; Micrometer's tags are built only for a new series.
     *
     * @param labels label names and values, alternating
     */
    private AtomicLong value(String name, String help, String[] labels) {
        return values.computeIfAbsent(name + '|' + String.join("|", labels), key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(PREFIX + name, value, AtomicLong::get).description(help)
                    .tags(Tags.of(labels).and("node", node)).register(registry);
            return value;
        });
    }
}
