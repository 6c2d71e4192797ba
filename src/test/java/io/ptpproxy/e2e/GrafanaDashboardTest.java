package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the Grafana dashboard (deploy/grafana) queries is one a running proxy exports, once it
 * has tracked a clock and delivered an event, with a series matching each label the query selects on,
 * so the dashboard cannot silently drift from the code. Every panel must query something this test
 * checks: a dashboard without queries, or with a query on a metric it cannot recognise, fails.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("deploy/grafana/ptp-event-proxy-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\b((?:openshift_ptp|cne|ptp_proxy|camel)_[a-z_]+)\\b");
    /** {@code metric{labels}}: a selector of a query. */
    private static final Pattern SELECTOR = Pattern.compile("\\b((?:openshift_ptp|cne|ptp_proxy|camel)_[a-z_]+)\\{([^}]*)}");
    /** A label matcher of a selector: name, operator, value. */
    private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"");
    /** A sample line of the exposition format: name, labels, value. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? \\S+$");
    private static final Pattern SAMPLE_LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final String LOCK_STATE = "/cluster/node/" + RunningProxy.NODE + "/sync/ptp-status/lock-state";

    @TempDir
    Path work;

    @Test
    void should_query_only_metrics_the_proxy_exports() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.findValues("panels").stream().flatMap(panels -> stream(panels)).toList()) {
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            List<String> ofPanel = stream(panel.path("targets")).map(target -> target.path("expr").asText())
                    .filter(expr -> !expr.isBlank()).toList();
            assertFalse(ofPanel.isEmpty(), "panel \"" + panel.path("title").asText() + "\" queries nothing");
            expressions.addAll(ofPanel);
        }
        assertFalse(expressions.isEmpty(), "the dashboard has no panel with a query");
        Set<String> queried = new TreeSet<>();
        for (String expr : expressions) {
            Matcher metric = METRIC.matcher(expr);
            boolean named = false;
            while (metric.find()) {
                queried.add(metric.group(1));
                named = true;
            }
            assertTrue(named, "a query on no metric this test knows: " + expr);
        }
        Files.writeString(Files.createDirectories(work.resolve("run")).resolve("ptp4l.0.config"),
                "#profile: oc-profile\n[global]\nslaveOnly 1\n[ens5f0]\n");
        try (RunningProxy proxy = RunningProxy.start(work);
             RecordingSubscriber subscriber = RecordingSubscriber.start();
             RecordingSubscriber refusing = RecordingSubscriber.start();
             SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
            assertEquals(201, proxy.subscribe(LOCK_STATE, refusing.uri()).statusCode());
            assertNotNull(subscriber.next(Duration.ofSeconds(5)), "the initial notification");
            assertNotNull(refusing.next(Duration.ofSeconds(5)), "the initial notification");
            refusing.answer(400); // a final refusal: the failed deliveries the dashboard shows
            writer.line("ptp4l[1.0]: [ptp4l.0.config] master offset 7 s2 freq 0 path delay 1");
            writer.line("phc2sys[1.0]: [ptp4l.0.config] CLOCK_REALTIME phc offset -4 s2 freq 0 delay 500");
            writer.line("ptp4l[2]:[ptp4l.0.config] CLOCK_CLASS_CHANGE 6");
            assertNotNull(subscriber.next(Duration.ofSeconds(5)), "the LOCKED event");
            assertNotNull(refusing.next(Duration.ofSeconds(5)), "the LOCKED event, refused");
            // the failure is counted once its answer is in: poll until every query is met, or time out
            List<String> samples = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            do {
                samples = proxy.send("GET", proxy.management() + "/metrics", null).body().lines()
                        .filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
                List<String> current = samples;
                if (expressions.stream().allMatch(expr -> unmetSelector(expr, current) == null)) {
                    break;
                }
                Thread.sleep(50);
            } while (System.nanoTime() < deadline);
            Set<String> exported = new TreeSet<>();
            samples.forEach(line -> exported.add(line.split("[{ ]", 2)[0]));
            Set<String> missing = new TreeSet<>(queried);
            missing.removeAll(exported);
            assertEquals(Set.of(), missing, "queried by the dashboard but not exported");
            for (String expr : expressions) {
                String unmet = unmetSelector(expr, samples);
                assertNull(unmet, "no exported series matches " + unmet + " (in " + expr + ")");
            }
        }
    }

    /**
     * Each selector's {@code label="value"} and {@code label=~"regex"} matchers (but the dashboard's
     * variables) are met together by one exported series of its metric; a misspelt label or value
     * would leave the panel empty.
     *
     * @return the first selector no series meets, or null
     */
    private static String unmetSelector(String expr, List<String> samples) {
        Matcher selector = SELECTOR.matcher(expr);
        while (selector.find()) {
            String metric = selector.group(1);
            Map<String, Predicate<String>> wanted = new LinkedHashMap<>();
            Matcher matcher = MATCHER.matcher(selector.group(2));
            while (matcher.find()) {
                String value = matcher.group(3);
                if (value.contains("$")) {
                    continue;
                }
                switch (matcher.group(2)) {
                    case "=" -> wanted.put(matcher.group(1), value::equals);
                    case "=~" -> wanted.put(matcher.group(1), actual -> Pattern.compile(value).matcher(actual).matches());
                    default -> {
                        // negative matchers hold on a series without the value
                    }
                }
            }
            boolean met = samples.stream().map(SAMPLE::matcher).filter(Matcher::matches)
                    .filter(sample -> sample.group(1).equals(metric))
                    .anyMatch(sample -> {
                        Map<String, String> labels = new LinkedHashMap<>();
                        Matcher label = SAMPLE_LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
                        while (label.find()) {
                            labels.put(label.group(1), label.group(2));
                        }
                        return wanted.entrySet().stream().allMatch(entry ->
                                labels.containsKey(entry.getKey()) && entry.getValue().test(labels.get(entry.getKey())));
                    });
            if (!met) {
                return selector.group();
            }
        }
        return null;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
