package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The openshift_ptp_* clock metrics of recorded scenarios, scraped from the real management server. */
class ClockMetricsTest {

    @TempDir
    Path work;

    @Test
    void should_export_the_final_metrics_of_the_steady_lock_scenario() throws Exception {
        Path run = Files.createDirectories(work.resolve("run"));
        Files.writeString(run.resolve("ptp4l.0.config"), "#profile: oc-profile\n[global]\nslaveOnly 1\n[ens5f0]\n");
        try (RunningProxy proxy = RunningProxy.start(work)) {
            List<String> lines = PtpLogsToSubscriberTest.recorded("01-steady-lock.log");
            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writer.lines(lines);
            }
            awaitLines(proxy, lines.size());
            Map<String, String> metrics = scrape(proxy);
            Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                    Map.entry("openshift_ptp_clock_state{iface=ens5fx,node=node1,process=ptp4l}", "1.0"),
                    Map.entry("openshift_ptp_clock_state{iface=CLOCK_REALTIME,node=node1,process=phc2sys}", "1.0"),
                    Map.entry("openshift_ptp_offset_ns{from=master,iface=ens5fx,node=node1,process=ptp4l}", "13.0"),
                    Map.entry("openshift_ptp_frequency_adjustment_ns{from=master,iface=ens5fx,node=node1,process=ptp4l}", "4.0"),
                    Map.entry("openshift_ptp_delay_ns{from=master,iface=ens5fx,node=node1,process=ptp4l}", "1583.0"),
                    Map.entry("openshift_ptp_offset_ns{from=phc,iface=CLOCK_REALTIME,node=node1,process=phc2sys}", "1.0"),
                    Map.entry("openshift_ptp_delay_ns{from=phc,iface=CLOCK_REALTIME,node=node1,process=phc2sys}", "495.0"),
                    Map.entry("openshift_ptp_interface_role{iface=ens5f0,node=node1,process=ptp4l}", "1.0"),
                    Map.entry("openshift_ptp_process_status{config=ptp4l.0.config,node=node1,process=ptp4l}", "1.0"),
                    Map.entry("openshift_ptp_process_status{config=ptp4l.0.config,node=node1,process=phc2sys}", "1.0"),
                    Map.entry("openshift_ptp_process_restart_count{config=ptp4l.0.config,node=node1,process=ptp4l}", "1.0"),
                    Map.entry("openshift_ptp_process_restart_count{config=ptp4l.0.config,node=node1,process=phc2sys}", "1.0")));
            Map<String, String> actual = new TreeMap<>();
            expected.keySet().forEach(key -> actual.put(key, metrics.get(key)));
            assertEquals(expected, actual);
        }
    }

    @Test
    void should_export_each_profiles_thresholds() throws Exception {
        Path profiles = Files.createDirectories(work.resolve("profiles"));
        Files.writeString(profiles.resolve(RunningProxy.NODE), "[{\"name\":\"oc-profile\"},{\"name\":\"oc2\","
                + "\"ptpClockThreshold\":{\"holdOverTimeout\":3,\"maxOffsetThreshold\":50,\"minOffsetThreshold\":-50}}]");
        try (RunningProxy proxy = RunningProxy.start(work)) {
            Map<String, String> metrics = scrape(proxy);
            Map<String, String> expected = new TreeMap<>(Map.of(
                    "openshift_ptp_threshold{node=node1,profile=oc-profile,threshold=HoldOverTimeout}", "5.0",
                    "openshift_ptp_threshold{node=node1,profile=oc-profile,threshold=MaxOffsetThreshold}", "100.0",
                    "openshift_ptp_threshold{node=node1,profile=oc-profile,threshold=MinOffsetThreshold}", "-100.0",
                    "openshift_ptp_threshold{node=node1,profile=oc2,threshold=HoldOverTimeout}", "3.0",
                    "openshift_ptp_threshold{node=node1,profile=oc2,threshold=MaxOffsetThreshold}", "50.0",
                    "openshift_ptp_threshold{node=node1,profile=oc2,threshold=MinOffsetThreshold}", "-50.0"));
            Map<String, String> actual = new TreeMap<>();
            expected.keySet().forEach(key -> actual.put(key, metrics.get(key)));
            assertEquals(expected, actual);
        }
    }

    /** A config file the daemon removes takes its series with it; the other config's stay. */
    @Test
    void should_remove_the_series_of_a_removed_config_file() throws Exception {
        Path run = Files.createDirectories(work.resolve("run"));
        Files.writeString(run.resolve("ptp4l.0.config"),
                "#profile: oc-profile\n[global]\nslaveOnly 1\n[ens5f0]\n[ens5f1]\nmasterOnly 1\n");
        Path second = Files.writeString(run.resolve("ptp4l.1.config"), "#profile: oc2\n[global]\n[ens7f0]\n");
        try (RunningProxy proxy = RunningProxy.start(work, Map.of("ptp.config-reload-ms", "100"))) {
            List<String> lines = PtpLogsToSubscriberTest.recorded("11-two-configs.log");
            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writer.lines(lines);
            }
            awaitLines(proxy, lines.size());
            assertEquals("1.0", scrape(proxy).get("openshift_ptp_process_status{config=ptp4l.1.config,node=node1,process=ptp4l}"));
            Files.delete(second);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (scrape(proxy).keySet().stream().anyMatch(series -> series.contains("ens7f")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<String> left = new java.util.ArrayList<>(new TreeMap<>(scrape(proxy)).keySet());
            left.removeIf(series -> series.startsWith("openshift_ptp_threshold"));
            assertEquals(List.of(
                    "openshift_ptp_clock_state{iface=CLOCK_REALTIME,node=node1,process=phc2sys}",
                    "openshift_ptp_clock_state{iface=ens5fx,node=node1,process=ptp4l}",
                    "openshift_ptp_delay_ns{from=master,iface=ens5fx,node=node1,process=ptp4l}",
                    "openshift_ptp_delay_ns{from=phc,iface=CLOCK_REALTIME,node=node1,process=phc2sys}",
                    "openshift_ptp_frequency_adjustment_ns{from=master,iface=ens5fx,node=node1,process=ptp4l}",
                    "openshift_ptp_frequency_adjustment_ns{from=phc,iface=CLOCK_REALTIME,node=node1,process=phc2sys}",
                    "openshift_ptp_interface_role{iface=ens5f0,node=node1,process=ptp4l}",
                    "openshift_ptp_interface_role{iface=ens5f1,node=node1,process=ptp4l}",
                    "openshift_ptp_max_offset_ns{from=master,iface=ens5fx,node=node1,process=ptp4l}",
                    "openshift_ptp_max_offset_ns{from=phc,iface=CLOCK_REALTIME,node=node1,process=phc2sys}",
                    "openshift_ptp_offset_ns{from=master,iface=ens5fx,node=node1,process=ptp4l}",
                    "openshift_ptp_offset_ns{from=phc,iface=CLOCK_REALTIME,node=node1,process=phc2sys}",
                    "openshift_ptp_process_restart_count{config=ptp4l.0.config,node=node1,process=phc2sys}",
                    "openshift_ptp_process_restart_count{config=ptp4l.0.config,node=node1,process=ptp4l}",
                    "openshift_ptp_process_status{config=ptp4l.0.config,node=node1,process=phc2sys}",
                    "openshift_ptp_process_status{config=ptp4l.0.config,node=node1,process=ptp4l}"), left);
        }
    }

    /** Upstream's scrape path {@code :9091/metrics} and Camel's {@code /observe/metrics} serve the same registry. */
    @Test
    void should_serve_the_metrics_at_upstreams_path_and_at_observe_metrics() throws Exception {
        Files.writeString(Files.createDirectories(work.resolve("run")).resolve("ptp4l.0.config"),
                "#profile: oc-profile\n[global]\n[ens5f0]\n");
        try (RunningProxy proxy = RunningProxy.start(work)) {
            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writer.line("ptp4l[1700000000]:[ptp4l.0.config] PTP_PROCESS_STATUS:1");
            }
            awaitLines(proxy, 1);
            var upstream = proxy.send("GET", proxy.management().replace("/observe", "") + "/metrics", null);
            assertEquals(200, upstream.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", upstream.headers().firstValue("Content-Type").orElse(""));
            String series = "openshift_ptp_process_status{config=\"ptp4l.0.config\",node=\"node1\",process=\"ptp4l\"} 1.0";
            assertEquals(List.of(series), upstream.body().lines().filter(line -> line.startsWith("openshift_ptp_process_status")).toList());
            String observe = proxy.send("GET", proxy.management() + "/metrics", null).body();
            assertEquals(List.of(series), observe.lines().filter(line -> line.startsWith("openshift_ptp_process_status")).toList());
        }
    }

    /** @return every sample as {@code name{label=value,...}} (labels sorted, quotes dropped) → value */
    static Map<String, String> scrape(RunningProxy proxy) throws Exception {
        String body = proxy.send("GET", proxy.management() + "/metrics", null).body();
        return body.lines()
                .filter(line -> line.startsWith("openshift_ptp_"))
                .collect(Collectors.toMap(line -> normalize(line.substring(0, line.lastIndexOf(' '))),
                        line -> line.substring(line.lastIndexOf(' ') + 1)));
    }

    private static String normalize(String series) {
        int brace = series.indexOf('{');
        if (brace < 0) {
            return series;
        }
        String labels = Stream.of(series.substring(brace + 1, series.length() - 1).split(","))
                .map(label -> label.replace("\"", "")).sorted().collect(Collectors.joining(","));
        return series.substring(0, brace) + "{" + labels + "}";
    }

    private static void awaitLines(RunningProxy proxy, long lines) throws InterruptedException {
        proxy.awaitLinesProcessed(lines, Duration.ofSeconds(10));
    }
}
