package io.ptpproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.ptpproxy.api.NotificationApiV2;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The manifests under deploy/ run the proxy the way the proxy actually works: flags it knows,
 * probes on its real health paths, the hardening the issue asks for, the daemon's socket shared.
 */
class DeployManifestsTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final Set<String> KNOWN_FLAGS = CommandLine.OPTIONS.stream()
            .map(CommandLine.Option::flag).collect(Collectors.toCollection(TreeSet::new));

    @Test
    void should_start_every_proxy_container_with_flags_the_proxy_knows() throws IOException {
        List<Map<String, Object>> containers = proxyContainers(DEPLOY.resolve("kubernetes/base"));
        containers.addAll(proxyContainers(DEPLOY.resolve("kubernetes/standalone")));
        assertEquals(2, containers.size(), "the base sidecar patch and the standalone DaemonSet");
        for (Map<String, Object> container : containers) {
            assertEquals(Set.of(), unknownFlags(strings(container.get("args"))), "unknown flags in " + container.get("name"));
        }
    }

    @Test
    void should_run_the_v1_consumer_sidecar_with_flags_the_proxy_knows() throws IOException {
        List<Map<String, Object>> containers = proxyContainers(DEPLOY.resolve("kubernetes/overlays/v1-consumer-sidecar"));
        assertEquals(1, containers.size());
        List<String> args = strings(containers.get(0).get("args"));
        assertEquals(Set.of(), unknownFlags(args));
        assertTrue(args.stream().anyMatch(arg -> arg.startsWith("--http-event-publishers=")), "consumer-sidecar mode");
        assertTrue(args.contains("--api-version=1.0"));
    }

    @Test
    void should_run_the_amqp_overlay_with_the_amqp_image_a_broker_url_and_readiness_without_the_broker() throws IOException {
        Path overlay = DEPLOY.resolve("kubernetes/overlays/amqp-broker");
        List<Map<String, Object>> containers = proxyContainers(overlay);
        assertEquals(1, containers.size());
        List<String> args = strings(containers.get(0).get("args"));
        assertEquals(Set.of(), unknownFlags(args));
        assertEquals("true", CommandLine.transportOverrides(CommandLine.parse(args.toArray(String[]::new), Map.of())
                .orElseThrow()).get("transport.amqp-enabled"), "an amqp:// transport host: " + args);
        assertEquals(Map.of("path", "/observe/health/ready", "port", 9091),
                map(map(containers.get(0).get("readinessProbe")).get("httpGet")));
        String kustomization = Files.readString(overlay.resolve("kustomization.yaml"));
        assertTrue(kustomization.contains("newName: registry.example.com/ptp/ptp-event-proxy-amqp"), kustomization);
        assertTrue(kustomization.contains("RUNNER=ptp-event-proxy-amqp-runner.jar"), kustomization);
        assertTrue(Files.readString(DEPLOY.resolve("container/Containerfile")).contains("COPY target/${RUNNER} "));
    }

    @Test
    void should_probe_the_real_health_endpoints_and_run_hardened() throws IOException {
        for (String form : List.of("kubernetes/base", "kubernetes/standalone")) {
            Map<String, Object> container = proxyContainers(DEPLOY.resolve(form)).get(0);
            assertEquals(Map.of("path", NotificationApiV2.BASE_PATH + "/health", "port", 9043),
                    map(map(container.get("startupProbe")).get("httpGet")), form);
            assertEquals(Map.of("path", "/observe/health/live", "port", 9091),
                    map(map(container.get("livenessProbe")).get("httpGet")), form);
            assertEquals(Map.of("path", "/observe/health/ready", "port", 9091),
                    map(map(container.get("readinessProbe")).get("httpGet")), form);
            Map<String, Object> security = map(container.get("securityContext"));
            assertEquals(true, security.get("runAsNonRoot"), form);
            assertEquals(true, security.get("readOnlyRootFilesystem"), form);
            assertEquals(false, security.get("allowPrivilegeEscalation"), form);
            assertEquals(List.of("ALL"), map(security.get("capabilities")).get("drop"), form);
            assertTrue(map(container.get("resources")).containsKey("limits"), form);
        }
    }

    @Test
    void should_share_the_daemons_socket_directory_with_the_proxy() throws IOException {
        Map<String, Object> pod = podSpec(DEPLOY.resolve("kubernetes/base/proxy-sidecar-patch.yaml"));
        String daemonVolume = mountAt(container(pod, "linuxptp-daemon-container"), "/cloud-native");
        assertEquals(daemonVolume, mountAt(container(pod, "cloud-event-proxy"), "/cloud-native"));
        assertEquals("/cloud-native/events.sock", Files.readString(Path.of("src/main/resources/application.properties"))
                .lines().filter(line -> line.startsWith("socket.path")).map(line -> line.split("=", 2)[1].strip())
                .findFirst().orElseThrow());
    }

    @Test
    void should_run_the_systemd_units_with_known_flags_on_one_socket() throws IOException {
        String proxy = Files.readString(DEPLOY.resolve("systemd/ptp-event-proxy.service"));
        String forwarder = Files.readString(DEPLOY.resolve("systemd/ptp4l-forwarded@.service"));
        assertEquals(Set.of(), unknownFlags(flagsIn(execStart(proxy))));
        Matcher socket = Pattern.compile("--socket-path=(\\S+)").matcher(execStart(proxy));
        assertTrue(socket.find());
        assertTrue(execStart(forwarder).contains("--socket " + socket.group(1)), "the forwarder writes to the proxy's socket");
        assertTrue(Files.isExecutable(Path.of("scripts/ptp-forwarder")));
    }

    @Test
    void should_document_every_flag_environment_variable_and_key_in_the_configuration_reference() throws IOException {
        String deployDoc = Files.readString(Path.of("docs/deploy.md"));
        String reference = deployDoc.substring(deployDoc.indexOf("## Configuration reference"),
                deployDoc.indexOf("## Plain process"));
        Set<String> missing = new TreeSet<>();
        for (CommandLine.Option option : CommandLine.OPTIONS) {
            if (option.flag() != null && !reference.contains("`" + option.flag() + "`")) {
                missing.add(option.flag());
            }
            if (!reference.contains("`" + option.env() + "`")) {
                missing.add(option.env());
            }
        }
        for (String line : Files.readAllLines(Path.of("src/main/resources/application.properties"))) {
            String key = line.contains("=") && !line.startsWith("#") ? line.substring(0, line.indexOf('=')).strip() : "";
            if (!key.isEmpty() && !key.startsWith("camel.") && !reference.contains("| `" + key + "` |")) {
                missing.add(key);
            }
        }
        assertEquals(Set.of(), missing, "not in the configuration reference of docs/deploy.md");
    }

    /** The JVM flags the manifests and the systemd unit set are the ones a plain {@code java -jar} gets (ProductionJvm). */
    @Test
    void should_give_the_proxy_jvm_the_same_flags_in_every_manifest_as_the_plain_java_jar() throws IOException {
        Pattern toolOptions = Pattern.compile("JAVA_TOOL_OPTIONS(?:\\n\\s*value: |=)\"?([^\"\\n]+)");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(DEPLOY)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        int found = 0;
        for (Path file : files) {
            Matcher options = toolOptions.matcher(Files.readString(file));
            while (options.find()) {
                found++;
                List<String> tuning = Stream.of(options.group(1).trim().split("\\s+"))
                        .filter(DeployManifestsTest::isShippedFlag).toList();
                assertEquals(ProductionJvm.FLAGS, tuning, "JVM flags in " + file);
            }
        }
        assertTrue(found >= 4, "the base sidecar, the standalone DaemonSet, the v1 consumer and the systemd unit: " + found);
    }

    /** The README's command and the image run one JVM with the shipped flags from a JDK argument file (ProductionJvm leaves it alone). */
    @Test
    void should_ship_the_same_flags_in_the_argument_file_the_readme_command_runs() throws IOException {
        assertEquals(ProductionJvm.FLAGS, ProductionJvm.argumentFile("@" + DEPLOY.resolve("jvm.options")));
        assertTrue(Files.readString(Path.of("README.md"))
                .contains("java @deploy/jvm.options -jar target/ptp-event-proxy-runner.jar --demo"), "README's run command");
        String containerfile = Files.readString(DEPLOY.resolve("container/Containerfile"));
        assertTrue(containerfile.contains("COPY deploy/jvm.options /app/jvm.options"), "the image has the file");
        assertTrue(containerfile.contains("&& java @/app/jvm.options -XX:ArchiveClassesAtExit="), "archive trained with it");
        assertTrue(containerfile.contains("ENTRYPOINT [\"java\",\"@/app/jvm.options\","), "and started with it");
    }

    /** The Camel K Integration's jvm trait (the one place without JAVA_TOOL_OPTIONS). */
    @Test
    void should_give_the_camel_k_integration_the_same_jvm_flags() throws IOException {
        Map<String, Object> integration = map(new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(DEPLOY.resolve("camel-k/integration.yaml"))));
        List<Object> options = list(map(map(map(integration.get("spec")).get("traits")).get("jvm")).get("options"));
        assertEquals(ProductionJvm.FLAGS, options.stream().map(String::valueOf).filter(DeployManifestsTest::isShippedFlag).toList());
    }

    /** JVM tuning, the Netty allocator's settings and java.nio opened to it; not the manifests' own -Djava.io.tmpdir. */
    private static boolean isShippedFlag(String option) {
        return option.startsWith("-X") || option.startsWith("-Dio.netty.") || option.startsWith("--add-opens=");
    }

    private static Set<String> unknownFlags(List<String> args) {
        Set<String> unknown = new TreeSet<>();
        for (String arg : args) {
            String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (flag.startsWith("--") && !KNOWN_FLAGS.contains(flag) && !flag.equals("--demo")) {
                unknown.add(flag);
            }
        }
        return unknown;
    }

    private static String execStart(String unit) {
        Matcher exec = Pattern.compile("(?m)^ExecStart=((?:.*\\\\\\n)*.*)$").matcher(unit);
        assertTrue(exec.find(), "ExecStart missing");
        return exec.group(1).replace("\\\n", " ");
    }

    private static List<String> flagsIn(String commandLine) {
        return Stream.of(commandLine.split("\\s+")).filter(word -> word.startsWith("--")).toList();
    }

    /** Containers that run the proxy image (not init containers) in every manifest below a directory. */
    private static List<Map<String, Object>> proxyContainers(Path dir) throws IOException {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Map<String, Object> pod : podSpecs(dir)) {
            for (Object container : list(pod.get("containers"))) {
                Map<String, Object> spec = map(container);
                if (String.valueOf(spec.get("image")).contains("ptp-event-proxy")) {
                    found.add(spec);
                }
            }
        }
        return found;
    }

    private static List<Map<String, Object>> podSpecs(Path dir) throws IOException {
        List<Map<String, Object>> pods = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file))) {
                    Map<String, Object> template = document instanceof Map<?, ?> doc
                            ? map(map(map(doc).get("spec")).get("template")) : Map.of();
                    if (template.get("spec") != null) {
                        pods.add(map(template.get("spec")));
                    }
                }
            }
        }
        return pods;
    }

    private static Map<String, Object> podSpec(Path file) throws IOException {
        List<Map<String, Object>> pods = podSpecs(file);
        assertFalse(pods.isEmpty(), "no pod template in " + file);
        return pods.get(0);
    }

    private static Map<String, Object> container(Map<String, Object> pod, String name) {
        return list(pod.get("containers")).stream().map(DeployManifestsTest::map)
                .filter(c -> name.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    private static String mountAt(Map<String, Object> container, String path) {
        return list(container.get("volumeMounts")).stream().map(DeployManifestsTest::map)
                .filter(m -> path.equals(m.get("mountPath"))).map(m -> (String) m.get("name")).findFirst()
                .orElseThrow(() -> new AssertionError(container.get("name") + " mounts nothing at " + path));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(String::valueOf).toList();
    }
}
