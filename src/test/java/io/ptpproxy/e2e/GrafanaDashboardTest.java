package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the Grafana dashboard (deploy/grafana) queries is one a running proxy exports, once it
 * has tracked a clock and delivered an event, so the dashboard cannot silently drift from the code.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("deploy/grafana/ptp-event-proxy-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\b((?:openshift_ptp|cne|ptp_proxy|camel)_[a-z_]+)\\b");
    private static final String LOCK_STATE = "/cluster/node/" + RunningProxy.NODE + "/sync/ptp-status/lock-state";

    @TempDir
    Path work;

    @Test
    void should_query_only_metrics_the_proxy_exports() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        Set<String> queried = new TreeSet<>();
        for (JsonNode expr : dashboard.findValues("expr")) {
            Matcher metric = METRIC.matcher(expr.asText());
            while (metric.find()) {
                queried.add(metric.group(1));
            }
        }
        Files.writeString(Files.createDirectories(work.resolve("run")).resolve("ptp4l.0.config"),
                "#profile: oc-profile\n[global]\nslaveOnly 1\n[ens5f0]\n");
        try (RunningProxy proxy = RunningProxy.start(work);
             RecordingSubscriber subscriber = RecordingSubscriber.start();
             SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
            subscriber.next(Duration.ofSeconds(5));
            writer.line("ptp4l[1.0]: [ptp4l.0.config] master offset 7 s2 freq 0 path delay 1");
            writer.line("phc2sys[1.0]: [ptp4l.0.config] CLOCK_REALTIME phc offset -4 s2 freq 0 delay 500");
            writer.line("ptp4l[2]:[ptp4l.0.config] CLOCK_CLASS_CHANGE 6");
            subscriber.next(Duration.ofSeconds(5));
            Set<String> exported = new TreeSet<>();
            proxy.send("GET", proxy.management() + "/metrics", null).body().lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .forEach(line -> exported.add(line.split("[{ ]", 2)[0]));
            Set<String> missing = new TreeSet<>(queried);
            missing.removeAll(exported);
            assertEquals(Set.of(), missing, "queried by the dashboard but not exported");
        }
    }
}
