package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import io.ptpproxy.fixtures.Executables;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real scrape of both metrics paths, after a tracked clock and a delivery, linted by Prometheus'
 * own {@code promtool check metrics}. Accepted findings are only those the proxy cannot change
 * without breaking a contract: upstream's {@code openshift_ptp_*} names (dashboards and alerts in
 * the field use them) and Camel's camelCase labels ({@code routeId}, {@code camelContext}).
 * Everything else, "no help text" first, fails. Skipped without promtool (.ci/run installs it).
 */
class PromtoolLintTest {

    private static final String LOCK_STATE = "/cluster/node/" + RunningProxy.NODE + "/sync/ptp-status/lock-state";
    private static final Set<String> UPSTREAM_NAMES = Set.of(
            "openshift_ptp_delay_ns metric names should not contain abbreviated units",
            "openshift_ptp_frequency_adjustment_ns metric names should not contain abbreviated units",
            "openshift_ptp_max_offset_ns metric names should not contain abbreviated units",
            "openshift_ptp_offset_ns metric names should not contain abbreviated units",
            "openshift_ptp_process_restart_count non-histogram and non-summary metrics should not have \"_count\" suffix");

    @TempDir
    Path work;

    @Test
    void should_pass_promtool_check_metrics_but_for_upstream_names_and_camel_labels() throws Exception {
        String promtool = Executables.onPath("promtool").orElse(null);
        Assumptions.assumeTrue(promtool != null, "promtool is not installed (.ci/run installs prometheus)");
        Files.writeString(Files.createDirectories(work.resolve("run")).resolve("ptp4l.0.config"),
                "#profile: oc-profile\n[global]\nslaveOnly 1\n[ens5f0]\n");
        try (RunningProxy proxy = RunningProxy.start(work);
             RecordingSubscriber subscriber = RecordingSubscriber.start();
             SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
            subscriber.next(Duration.ofSeconds(10));
            writer.line("ptp4l[1.0]: [ptp4l.0.config] master offset 7 s2 freq 0 path delay 1");
            writer.line("phc2sys[1.0]: [ptp4l.0.config] CLOCK_REALTIME phc offset -4 s2 freq 0 delay 500");
            subscriber.next(Duration.ofSeconds(10));
            String server = proxy.management().substring(0, proxy.management().lastIndexOf("/observe"));
            for (String path : new String[] {"/metrics", "/observe/metrics"}) {
                String scrape = proxy.send("GET", server + path, null).body();
                assertTrue(scrape.contains("# HELP openshift_ptp_offset_ns "), path + " is not a full scrape");
                Set<String> findings = lint(promtool, scrape);
                findings.removeAll(UPSTREAM_NAMES);
                findings.removeIf(finding -> finding.startsWith("camel_")
                        && finding.endsWith("label names should be written in 'snake_case' not 'camelCase'"));
                assertEquals(Set.of(), findings, "promtool check metrics on " + path);
            }
        }
    }

    private static Set<String> lint(String promtool, String scrape) throws Exception {
        Process process = new ProcessBuilder(promtool, "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool hung");
        return out.lines().map(String::strip).filter(line -> !line.isEmpty())
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
}
