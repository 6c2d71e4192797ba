package io.ptpproxy.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ptpproxy.fixtures.RunningProxy;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kustomization under deploy/ rendered by {@code kubectl kustomize} (as a cluster admin would
 * apply it) and every rendered object validated against its strict schema; the Camel K form's
 * routes, taken from the rendered ConfigMap, run in a plain Camel Main.
 */
class DeployRenderTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static ManifestSchemas schemas;
    private static String kubectl;

    @BeforeAll
    static void findKubectl() {
        kubectl = Kustomize.kubectl().orElse(null);
        Assumptions.assumeTrue(kubectl != null,
                "kubectl is not installed: the manifests are not rendered (.ci/run installs it)");
        schemas = ManifestSchemas.load();
    }

    @Test
    void should_render_and_validate_every_kustomization() throws Exception {
        Map<String, List<String>> kindsByDir = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Path dir : Kustomize.kustomizations()) {
            List<JsonNode> objects = render(dir);
            kindsByDir.put(DEPLOY.relativize(dir).toString(), objects.stream()
                    .map(o -> o.path("kind").asText()).sorted().toList());
            objects.forEach(object -> problems.addAll(schemas.problems(object)));
        }
        assertEquals(List.of(), problems);
        assertEquals(Map.of(
                "camel-k", List.of("ConfigMap", "Integration"),
                "kubernetes/base", List.of("DaemonSet", "Service"),
                "kubernetes/base/services", List.of("Service"),
                "kubernetes/components/monitoring", List.of("ServiceMonitor"),
                "kubernetes/overlays/amqp-broker", List.of("DaemonSet", "Deployment", "Service", "Service"),
                "kubernetes/overlays/monitoring", List.of("DaemonSet", "Service", "ServiceMonitor"),
                "kubernetes/overlays/v1-consumer-sidecar", List.of("Deployment", "Namespace", "Service"),
                "kubernetes/overlays/secure-api", List.of("DaemonSet", "Namespace", "Service", "ServiceAccount"),
                "kubernetes/standalone", List.of("DaemonSet", "Namespace", "ServiceAccount", "Service")
                        .stream().sorted().toList()), kindsByDir);
    }

    @Test
    void should_validate_the_examples_kept_outside_every_kustomization() throws Exception {
        List<String> problems = new ArrayList<>();
        List<String> examples = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes/examples"))) {
            for (Path file : files.sorted().toList()) {
                for (JsonNode object : Kustomize.documents(Files.readAllBytes(file))) {
                    examples.add(Kustomize.identity(object));
                    problems.addAll(schemas.problems(object));
                }
            }
        }
        assertEquals(List.of("Service/openshift-ptp/ptp-event-publisher-service-worker-0"), examples);
        assertEquals(List.of(), problems);
    }

    /**
     * Each object is defined in one file only (the base's DaemonSet stub and the standalone DaemonSet
     * are the two alternatives for the same DaemonSet, never applied together), patches aside.
     */
    @Test
    void should_define_every_object_in_one_place() throws Exception {
        Set<Path> patches = new TreeSet<>();
        for (Path dir : Kustomize.kustomizations()) {
            YAML.readTree(dir.resolve("kustomization.yaml").toFile()).path("patches")
                    .forEach(patch -> patches.add(dir.resolve(patch.path("path").asText()).normalize()));
        }
        Map<String, List<String>> definedIn = new TreeMap<>();
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (file.getFileName().toString().equals("kustomization.yaml") || patches.contains(file.normalize())
                        || file.startsWith(DEPLOY.resolve("camel-k/routes"))) {
                    continue;
                }
                for (JsonNode object : Kustomize.documents(Files.readAllBytes(file))) {
                    if (object.has("kind")) {
                        definedIn.computeIfAbsent(Kustomize.identity(object), k -> new ArrayList<>())
                                .add(DEPLOY.relativize(file).toString());
                    }
                }
            }
        }
        definedIn.values().removeIf(where -> where.size() == 1);
        assertEquals(Map.of("DaemonSet/openshift-ptp/linuxptp-daemon",
                List.of("kubernetes/base/linuxptp-daemon.yaml", "kubernetes/standalone/daemonset.yaml")), definedIn);
    }

    @Test
    void should_scrape_the_one_metrics_service_on_one_path_only_when_monitoring_is_opted_in() throws Exception {
        for (String form : List.of("kubernetes/base", "kubernetes/standalone")) {
            assertEquals(List.of(), render(DEPLOY.resolve(form)).stream()
                    .filter(o -> o.path("kind").asText().equals("ServiceMonitor")).toList(), form);
        }
        List<JsonNode> objects = render(DEPLOY.resolve("kubernetes/overlays/monitoring"));
        JsonNode monitor = ofKind(objects, "ServiceMonitor");
        JsonNode service = ofKind(objects, "Service");
        Map<String, String> serviceLabels = new TreeMap<>();
        service.path("metadata").path("labels").fields()
                .forEachRemaining(label -> serviceLabels.put(label.getKey(), label.getValue().asText()));
        monitor.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(label ->
                assertEquals(label.getValue().asText(), serviceLabels.get(label.getKey()), label.getKey()));
        assertEquals(List.of(service.path("metadata").path("namespace").asText()),
                YAML.convertValue(monitor.path("spec").path("namespaceSelector").path("matchNames"), List.class));
        JsonNode endpoints = monitor.path("spec").path("endpoints");
        assertEquals(1, endpoints.size(), "one scrape path: /metrics and /observe/metrics serve the same series");
        assertEquals("/observe/metrics", endpoints.get(0).path("path").asText());
        assertEquals(service.path("spec").path("ports").get(0).path("name").asText(),
                endpoints.get(0).path("port").asText());
        assertEquals("node", endpoints.get(0).path("relabelings").get(0).path("targetLabel").asText(),
                "every series carries the node it comes from (the dashboard's legends and filter)");
    }

    @Test
    void should_reject_a_misspelt_field_and_a_wrong_type() throws Exception {
        JsonNode daemonSet = render(DEPLOY.resolve("kubernetes/base")).stream()
                .filter(o -> o.path("kind").asText().equals("DaemonSet")).findFirst().orElseThrow();
        String text = YAML.writeValueAsString(daemonSet);
        JsonNode misspelt = YAML.readTree(text.replace("readinessProbe:", "readinesProbe:"));
        JsonNode wrongType = YAML.readTree(text.replaceFirst("containerPort: 9043", "containerPort: [9043]"));

        assertTrue(schemas.problems(misspelt).stream().anyMatch(p -> p.contains("readinesProbe")),
                schemas.problems(misspelt).toString());
        assertTrue(schemas.problems(wrongType).stream().anyMatch(p -> p.contains("containerPort")),
                schemas.problems(wrongType).toString());
    }

    @Test
    void should_give_the_camel_k_integration_every_route_of_its_config_map() throws Exception {
        List<JsonNode> objects = render(DEPLOY.resolve("camel-k"));
        Map<String, String> routes = routesOf(objects);
        JsonNode integration = ofKind(objects, "Integration");
        Set<String> sources = new TreeSet<>();
        integration.path("spec").path("sources").forEach(source -> {
            assertEquals(source.path("name").asText(), source.path("contentKey").asText());
            sources.add(source.path("contentKey").asText());
        });

        assertEquals(routes.keySet(), sources);
        assertEquals(routeFiles(), routes.keySet());
    }

    @Test
    void should_set_every_application_property_in_the_camel_k_integration() throws Exception {
        Map<String, String> integration = camelProperties(ofKind(render(DEPLOY.resolve("camel-k")), "Integration"));
        Properties defaults = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            defaults.load(in);
        }
        Set<String> application = defaults.stringPropertyNames().stream()
                .filter(key -> !key.startsWith("camel.")).collect(Collectors.toCollection(TreeSet::new));

        assertEquals(Set.of(), application.stream().filter(key -> !integration.containsKey(key))
                .collect(Collectors.toCollection(TreeSet::new)), "keys the Integration does not set");
    }

    @Test
    void should_run_the_camel_k_routes_in_plain_camel_main(@TempDir Path work) throws Exception {
        List<JsonNode> objects = render(DEPLOY.resolve("camel-k"));
        Path routesDir = Files.createDirectories(work.resolve("camel-k-routes"));
        for (Map.Entry<String, String> route : routesOf(objects).entrySet()) {
            Files.writeString(routesDir.resolve(route.getKey()), route.getValue());
        }
        Map<String, String> properties = new LinkedHashMap<>(camelProperties(ofKind(objects, "Integration")));
        // what only Quarkus reads, and what the fixture must own (ports, paths, node name)
        properties.keySet().removeIf(key -> key.startsWith("quarkus.") || Set.of("api.port", "node.name",
                "store.path", "socket.path", "ptp.config-dir", "ptp.profile-path").contains(key));
        properties.put("camel.main.routes-include-pattern", "file:" + routesDir + "/*.yaml");

        Map<String, ServiceStatus> expected;
        try (RunningProxy jar = RunningProxy.start(work.resolve("jar"))) {
            expected = routeStatuses(jar);
        }
        try (RunningProxy camelK = RunningProxy.start(work.resolve("camel-k"), properties)) {
            assertEquals(expected, routeStatuses(camelK));
            Set<String> beans = beansNamedBy(routesOf(objects).values());
            assertTrue(beans.size() > 10, beans.toString());
            assertEquals(Set.of(), beans.stream().filter(name -> camelK.context().getRegistry().lookupByName(name) == null)
                    .collect(Collectors.toCollection(TreeSet::new)), "beans the routes name but the Camel K form does not bind");
            assertEquals(200, camelK.send("GET", camelK.v2() + "/health", null).statusCode());
            assertEquals("[]", camelK.send("GET", camelK.v2() + "/subscriptions", null).body());
        }
    }

    /** Bean names in {@code #name} / {@code #bean:name} URIs, {@code bean:name} endpoints and {@code ref:} keys. */
    static Set<String> beansNamedBy(java.util.Collection<String> routes) {
        Set<String> names = new TreeSet<>();
        java.util.regex.Pattern reference = java.util.regex.Pattern.compile(
                "(?:[\\s\"'=:,]#(?:bean:)?|\\bref: *|[\\s\"']bean:)([A-Za-z][A-Za-z0-9]*)");
        for (String route : routes) {
            java.util.regex.Matcher matcher = reference.matcher(route);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /**
     * Route ids and their status once started (the demo routes stay stopped outside demo mode). Routes
     * Camel generates itself (the OpenAPI document's) are numbered JVM-wide, so they are left out.
     */
    private static Map<String, ServiceStatus> routeStatuses(RunningProxy proxy) {
        Map<String, ServiceStatus> statuses = new TreeMap<>();
        proxy.context().getRoutes().stream().filter(route -> !route.getId().matches("route\\d+"))
                .forEach(route -> statuses.put(route.getId(),
                        proxy.context().getRouteController().getRouteStatus(route.getId())));
        return statuses;
    }

    private static Map<String, String> camelProperties(JsonNode integration) {
        Map<String, String> properties = new LinkedHashMap<>();
        integration.path("spec").path("traits").path("camel").path("properties").forEach(line -> {
            String[] pair = line.asText().split("=", 2);
            properties.put(pair[0].strip(), pair.length > 1 ? pair[1].strip() : "");
        });
        return properties;
    }

    private static Map<String, String> routesOf(List<JsonNode> objects) {
        Map<String, String> routes = new TreeMap<>();
        ofKind(objects, "ConfigMap").path("data").fields()
                .forEachRemaining(entry -> routes.put(entry.getKey(), entry.getValue().asText()));
        return routes;
    }

    private static Set<String> routeFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            return files.map(f -> f.getFileName().toString()).filter(name -> name.endsWith(".yaml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static JsonNode ofKind(List<JsonNode> objects, String kind) {
        Optional<JsonNode> found = objects.stream().filter(o -> o.path("kind").asText().equals(kind)).findFirst();
        return found.orElseThrow(() -> new AssertionError("no " + kind + " rendered"));
    }

    private static List<JsonNode> render(Path dir) throws IOException, InterruptedException {
        return Kustomize.render(kubectl, dir);
    }
}
