package io.ptpproxy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ptpproxy.ptp.PortRole;
import io.ptpproxy.ptp.SyncState;
import io.ptpproxy.ptp.Thresholds;
import org.junit.jupiter.api.Test;

/** Series names, labels and removal of the {@code openshift_ptp_*} gauges, read back from a real Prometheus scrape. */
class PrometheusClockMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PrometheusClockMetrics metrics = new PrometheusClockMetrics(registry, "node1");

    @Test
    void should_remove_every_series_of_a_removed_config_and_its_interfaces_only() {
        metrics.processStatus("ptp4l", "ptp4l.0.config", true);
        metrics.processStatus("ptp4l", "ptp4l.1.config", true);
        metrics.processStatus("ts2phc", "ts2phc.1.config", true);
        metrics.clockClass("ptp4l", "ptp4l.1.config", 6);
        metrics.interfaceRole("ptp4l", "ens5f0", PortRole.SLAVE);
        metrics.interfaceRole("ptp4l", "ens7f0", PortRole.SLAVE);
        metrics.servo("master", "ptp4l", "ens7fx", 1, 1, 2, 3);
        metrics.clockState("ptp4l", "ens7fx", SyncState.LOCKED);
        metrics.clockState("ptp4l", "ens5fx", SyncState.LOCKED);

        metrics.forget(Set.of("ptp4l.1.config", "ts2phc.1.config"), Set.of("ens7f0", "ens7fx"));

        assertEquals(List.of(
                "openshift_ptp_clock_state{iface=\"ens5fx\",node=\"node1\",process=\"ptp4l\"} 1.0",
                "openshift_ptp_interface_role{iface=\"ens5f0\",node=\"node1\",process=\"ptp4l\"} 1.0",
                "openshift_ptp_process_restart_count{config=\"ptp4l.0.config\",node=\"node1\",process=\"ptp4l\"} 1.0",
                "openshift_ptp_process_status{config=\"ptp4l.0.config\",node=\"node1\",process=\"ptp4l\"} 1.0"),
                samples());
    }

    @Test
    void should_drop_the_thresholds_of_a_profile_no_longer_configured() {
        metrics.thresholds(Map.of("oc", Thresholds.DEFAULT, "oc2", Thresholds.of(3, 50, -50)));
        metrics.thresholds(Map.of("oc2", Thresholds.of(3, 50, -50)));
        assertEquals(List.of(
                "openshift_ptp_threshold{node=\"node1\",profile=\"oc2\",threshold=\"HoldOverTimeout\"} 3.0",
                "openshift_ptp_threshold{node=\"node1\",profile=\"oc2\",threshold=\"MaxOffsetThreshold\"} 50.0",
                "openshift_ptp_threshold{node=\"node1\",profile=\"oc2\",threshold=\"MinOffsetThreshold\"} -50.0"),
                samples());
    }

    @Test
    void should_export_dpll_gnss_nmea_and_ha_with_upstream_labels() {
        metrics.dpllStatus("ens2fx", 3, 4, 1);
        metrics.gnssStatus("ens2fx", 5);
        metrics.nmeaStatus("ens2fx", true);
        metrics.haProfileStatus("profile1", false);
        assertEquals(List.of(
                "openshift_ptp_frequency_status{from=\"dpll\",iface=\"ens2fx\",node=\"node1\",process=\"dpll\"} 3.0",
                "openshift_ptp_gnss_status{from=\"gnss\",iface=\"ens2fx\",node=\"node1\",process=\"gnss\"} 5.0",
                "openshift_ptp_ha_profile_status{node=\"node1\",process=\"phc2sys\",profile=\"profile1\"} 0.0",
                "openshift_ptp_nmea_status{iface=\"ens2fx\",node=\"node1\",process=\"ts2phc\"} 1.0",
                "openshift_ptp_phase_status{from=\"dpll\",iface=\"ens2fx\",node=\"node1\",process=\"dpll\"} 4.0",
                "openshift_ptp_pps_status{from=\"dpll\",iface=\"ens2fx\",node=\"node1\",process=\"dpll\"} 1.0"),
                samples());
    }

    private List<String> samples() {
        return registry.scrape().lines().filter(line -> line.startsWith("openshift_ptp_")).sorted().toList();
    }
}
