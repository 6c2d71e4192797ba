package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptpproxy.fixtures.Executables;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import org.junit.jupiter.api.Assumptions;
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

    /** Thresholds of the profile, so that openshift_ptp_threshold is exported. */
    private static final String PROFILE = "[{\"name\":\"oc-profile\",\"ptpClockThreshold\":"
            + "{\"holdOverTimeout\":5,\"maxOffsetThreshold\":100,\"minOffsetThreshold\":-100}}]";
    private static final Pattern OVER_TIME = Pattern.compile("\\b(?:increase|rate|irate)\\(([a-z_]+)\\{");
    private static final String PROMTOOL = Executables.onPath("promtool").orElse(null);

    @TempDir
    Path work;

    /**
     * Across nodes: every legend names the node (interfaces are called the same on every node), every
     * query is limited to one scrape job and the selected nodes, and aggregates keep the node.
     */
    @Test
    void should_tell_nodes_apart_and_read_one_scrape_job() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        List<String> problems = new ArrayList<>();
        for (JsonNode target : targets(dashboard)) {
            String expr = target.path("expr").asText();
            if (!target.path("legendFormat").asText().contains("{{node}}")) {
                problems.add("legend without {{node}}: " + target.path("legendFormat").asText());
            }
            Matcher selector = Pattern.compile("[a-z_]+\\{([^}]*)\\}").matcher(expr);
            while (selector.find()) {
                if (!selector.group(1).startsWith("job=\"$job\",node=~\"$node\"")) {
                    problems.add("selector not limited to $job and $node: " + selector.group());
                }
            }
            if (expr.matches(".*\\bsum\\b.*")) {
                problems.add("sum adds up the same series scraped twice: " + expr);
            }
            Matcher by = Pattern.compile("\\bby \\(([^)]*)\\)").matcher(expr);
            while (by.find()) {
                if (!List.of(by.group(1).split(",\\s*")).contains("node")) {
                    problems.add("aggregation drops the node: " + by.group());
                }
            }
        }
        assertEquals(List.of(), problems);
        Map<String, JsonNode> variables = new TreeMap<>();
        dashboard.path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(), v));
        assertEquals(Set.of("datasource", "job", "node"), variables.keySet());
        assertEquals(false, variables.get("job").path("multi").asBoolean(true), "one scrape job at a time");
        assertEquals(false, variables.get("job").path("includeAll").asBoolean(true), "one scrape job at a time");
    }

    @Test
    void should_draw_the_thresholds_on_every_offset_panel() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        List<String> offsetPanels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String queries = panel.path("targets").findValuesAsText("expr").toString();
            if (queries.contains("offset_ns")) {
                offsetPanels.add(panel.path("title").asText());
                assertTrue(queries.contains("openshift_ptp_threshold{") && queries.contains("MaxOffsetThreshold")
                        && queries.contains("MinOffsetThreshold"), panel.path("title").asText() + ": " + queries);
            }
        }
        assertEquals(2, offsetPanels.size(), offsetPanels.toString());
    }

    /** increase() and rate() only on counters: on the cne_* gauges a restart reads as a huge jump. */
    @Test
    void should_take_increase_and_rate_of_counters_only() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        Map<String, String> types = new TreeMap<>();
        Files.writeString(Files.createDirectories(work.resolve("run")).resolve("ptp4l.0.config"),
                "#profile: oc-profile\n[global]\nslaveOnly 1\n[ens5f0]\n");
        try (RunningProxy proxy = RunningProxy.start(work);
             RecordingSubscriber subscriber = RecordingSubscriber.start();
             SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
            subscriber.next(Duration.ofSeconds(10));
            writer.line("ptp4l[1.0]: [ptp4l.0.config] master offset 7 s2 freq 0 path delay 1");
            subscriber.next(Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!types.containsKey("cne_transport_events_published") && System.nanoTime() < deadline) {
                proxy.send("GET", proxy.management() + "/metrics", null).body().lines()
                        .filter(line -> line.startsWith("# TYPE "))
                        .forEach(line -> types.put(line.split(" ")[2], line.split(" ")[3]));
            }
        }
        assertEquals("gauge", types.get("cne_api_events_published"), "the check needs a real scrape: " + types);
        List<String> overGauges = new ArrayList<>();
        for (JsonNode target : targets(dashboard)) {
            Matcher overTime = OVER_TIME.matcher(target.path("expr").asText());
            while (overTime.find()) {
                String metric = overTime.group(1);
                String family = metric.replaceAll("_(total|bucket)$", "");
                String type = types.getOrDefault(metric, types.get(family));
                if (!"counter".equals(type) && !"histogram".equals(type)) {
                    overGauges.add(overTime.group() + " (" + type + ")");
                }
            }
        }
        assertEquals(List.of(), overGauges);
    }

    /**
     * The queries evaluated by Prometheus' own engine ({@code promtool test rules}): a proxy scraped
     * twice (two targets of the job, the same series) counts once, and subscribers are shown by
     * endpoint where the proxy names one, by label otherwise ("other", beyond the label limit).
     */
    @Test
    void should_count_a_twice_scraped_proxy_once_and_name_subscriber_endpoints() throws Exception {
        Assumptions.assumeTrue(PROMTOOL != null, "promtool is not installed (.ci/run installs prometheus)");
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        String subscribers = exprOf(dashboard, "ptp_proxy_outboxes");
        String failures = exprOf(dashboard, "ptp_proxy_delivery_attempts_total");
        String published = exprOf(dashboard, "cne_api_events_published");
        String twice = "      - series: '%s{job=\"ptp\",instance=\"%s\",node=\"worker-0\"%s}'\n        values: '%s'\n";
        StringBuilder series = new StringBuilder();
        for (String instance : List.of("10.0.0.5:9091", "10.0.0.5:8443")) {
            series.append(twice.formatted("ptp_proxy_outboxes", instance, "", "2x10"))
                    .append(twice.formatted("cne_api_events_published", instance, ",address=\"/a\",status=\"success\"",
                            "0 1 2 3 4 5 6 7 8 9 10"))
                    .append(twice.formatted("ptp_proxy_delivery_attempts_total", instance,
                            ",subscriber=\"u-1\",result=\"unreachable\"", "0+60x10"))
                    .append(twice.formatted("ptp_proxy_delivery_attempts_total", instance,
                            ",subscriber=\"other\",result=\"unreachable\"", "0+120x10"))
                    .append(twice.formatted("ptp_proxy_subscriber_endpoint", instance,
                            ",subscriber=\"u-1\",endpoint=\"http://vdu-0:9089/event\"", "1x10"));
        }
        series.append(twice.formatted("ptp_proxy_outboxes", "elsewhere", "", "2x10").replace("job=\"ptp\"", "job=\"other\""));
        String test = "rule_files: []\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n" + series
                + "    promql_expr_test:\n"
                + expect(subscribers, "        exp_samples:\n          - labels: '{node=\"worker-0\"}'\n            value: 2\n")
                + expect(published, "        exp_samples:\n          - labels: '{node=\"worker-0\",address=\"/a\"}'\n            value: 2\n")
                + expect(failures, "        exp_samples:\n"
                        + "          - labels: '{node=\"worker-0\",subscriber=\"u-1\",result=\"unreachable\",endpoint=\"http://vdu-0:9089/event\"}'\n"
                        + "            value: 1\n"
                        + "          - labels: '{node=\"worker-0\",subscriber=\"other\",result=\"unreachable\"}'\n"
                        + "            value: 2\n");
        Path file = Files.writeString(work.resolve("dashboard-test.yaml"), test);
        Process process = new ProcessBuilder(PROMTOOL, "test", "rules", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool hung");
        assertEquals(0, process.exitValue(), output + "\n" + test);
    }

    private static String expect(String expr, String samples) {
        String evaluated = expr.replace("$job", "ptp").replace("$node", ".*").replace("$__rate_interval", "2m");
        return "      - expr: '" + evaluated.replace("'", "''") + "'\n        eval_time: 5m\n" + samples;
    }

    private static String exprOf(JsonNode dashboard, String metric) {
        return targets(dashboard).stream().map(t -> t.path("expr").asText()).filter(e -> e.contains(metric + "{"))
                .findFirst().orElseThrow(() -> new AssertionError("no query of " + metric));
    }

    private static List<JsonNode> targets(JsonNode dashboard) {
        List<JsonNode> targets = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(targets::add));
        return targets;
    }

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
        Files.writeString(Files.createDirectories(work.resolve("profiles")).resolve(RunningProxy.NODE), PROFILE);
        try (RunningProxy proxy = RunningProxy.start(work);
             RecordingSubscriber subscriber = RecordingSubscriber.start();
             RecordingSubscriber refusing = RecordingSubscriber.start();
             SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
            assertEquals(201, proxy.subscribe(LOCK_STATE, refusing.uri()).statusCode());
            assertNotNull(subscriber.next(Duration.ofSeconds(10)), "the initial notification");
            assertNotNull(refusing.next(Duration.ofSeconds(10)), "the initial notification");
            refusing.answer(400); // a final refusal: the failed deliveries the dashboard shows
            writer.line("ptp4l[1.0]: [ptp4l.0.config] master offset 7 s2 freq 0 path delay 1");
            writer.line("phc2sys[1.0]: [ptp4l.0.config] CLOCK_REALTIME phc offset -4 s2 freq 0 delay 500");
            writer.line("ptp4l[2]:[ptp4l.0.config] CLOCK_CLASS_CHANGE 6");
            assertNotNull(subscriber.next(Duration.ofSeconds(10)), "the LOCKED event");
            assertNotNull(refusing.next(Duration.ofSeconds(10)), "the LOCKED event, refused");
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
