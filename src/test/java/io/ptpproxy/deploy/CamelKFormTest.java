package io.ptpproxy.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Camel K form as Camel K reads it: its routes are the repository's, inside the kustomization
 * root; its Maven dependencies in Camel K's coordinate order; the thin jar's pom does not hand the
 * fat jar's runtime to the Quarkus build; the store is prepared as in the Kubernetes form.
 */
class CamelKFormTest {

    private static final Path CAMEL_K = Path.of("deploy/camel-k");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void should_ship_an_exact_copy_of_the_routes_inside_the_kustomization_root() throws IOException {
        Map<String, String> source = contents(Path.of("routes"));
        Map<String, String> copy = contents(CAMEL_K.resolve("routes"));
        assertEquals(source.keySet(), copy.keySet(), "refresh with: cp routes/*.yaml deploy/camel-k/routes/");
        source.forEach((name, text) -> assertEquals(text, copy.get(name),
                name + " differs from routes/" + name + ": cp routes/*.yaml deploy/camel-k/routes/"));
        String kustomization = Files.readString(CAMEL_K.resolve("kustomization.yaml"));
        assertTrue(!kustomization.contains("../"), "kustomize loads nothing outside its root by default");
    }

    /**
     * Camel K (2.x {@code maven.ParseGAV}) reads {@code group:artifact[:type]:version[:classifier]};
     * Maven's CLI order {@code group:artifact:type:classifier:version} would ask for version
     * "linux-x86_64". Each dependency, so read, must name an artifact this build resolved.
     */
    @Test
    void should_write_every_maven_dependency_in_camel_k_order() throws IOException {
        JsonNode integration = YAML.readTree(CAMEL_K.resolve("integration.yaml").toFile());
        List<String> declared = new ArrayList<>();
        integration.path("spec").path("dependencies").forEach(d -> declared.add(d.asText()));
        List<String> mvn = declared.stream().filter(d -> d.startsWith("mvn:")).toList();
        assertEquals(2, mvn.size(), declared.toString());
        for (String dependency : mvn) {
            String[] gav = dependency.substring("mvn:".length()).split(":");
            String group = gav[0];
            String artifact = gav[1];
            String version = gav.length == 3 ? gav[2] : gav[3];
            String type = gav.length >= 4 ? gav[2] : "jar";
            String classifier = gav.length == 5 ? "-" + gav[4] : "";
            assertTrue(version.matches("\\d.*"), dependency + ": version " + version);
            if (!group.equals("io.ptpproxy")) {
                Path file = localRepository().resolve(group.replace('.', '/')).resolve(artifact).resolve(version)
                        .resolve(artifact + "-" + version + classifier + "." + type);
                assertTrue(Files.isRegularFile(file), dependency + " read as Camel K reads it: " + file);
            }
        }
        for (Path doc : List.of(CAMEL_K.resolve("README.md"), CAMEL_K.resolve("integration.yaml"))) {
            Matcher cli = Pattern.compile("--dependency (mvn:\\S+)").matcher(Files.readString(doc));
            Set<String> documented = new TreeSet<>();
            while (cli.find()) {
                documented.add(cli.group(1));
            }
            assertEquals(new TreeSet<>(mvn), documented, "the kamel line in " + doc);
        }
    }

    @Test
    void should_keep_the_fat_jar_runtime_out_of_what_the_thin_jar_passes_on() throws Exception {
        Element pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile())
                .getDocumentElement();
        Map<String, String> optional = new TreeMap<>();
        NodeList dependencies = directChild(pom, "dependencies").getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            String artifact = text(dependency, "artifactId");
            if (Set.of("camel-main", "camel-platform-http-main", "slf4j-simple", "camel-amqp").contains(artifact)) {
                optional.put(artifact, text(dependency, "optional"));
            }
        }
        assertEquals(Map.of("camel-main", "true", "camel-platform-http-main", "true", "slf4j-simple", "true",
                "camel-amqp", "true"), optional);
    }

    @Test
    void should_prepare_the_store_with_the_kubernetes_forms_command() throws IOException {
        JsonNode integration = YAML.readTree(CAMEL_K.resolve("integration.yaml").toFile());
        JsonNode traits = integration.path("spec").path("traits");
        assertTrue(traits.path("pod").isMissingNode(), "traits.pod is deprecated since Camel K 2.8");
        String[] task = traits.path("init-containers").path("initTasks").get(0).asText().split(";", 3);
        JsonNode patch = YAML.readTree(Path.of("deploy/kubernetes/base/proxy-sidecar-patch.yaml").toFile());
        JsonNode storeOwner = patch.path("spec").path("template").path("spec").path("initContainers").get(0);
        List<String> command = new ArrayList<>();
        storeOwner.path("command").forEach(word -> command.add(word.asText()));
        assertEquals(command.get(0) + " " + command.get(1) + " \"" + command.get(2) + "\"", task[2]);
        JsonNode merged = integration.path("spec").path("template").path("spec").path("initContainers").get(0);
        assertEquals(task[0], merged.path("name").asText(), "the template completes the trait's container by name");
        assertEquals(storeOwner.path("securityContext"), merged.path("securityContext"));
        assertEquals("/store", merged.path("volumeMounts").get(0).path("mountPath").asText());
    }

    private static Element directChild(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && child.getTagName().equals(name)) {
                return child;
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
    }

    private static String text(Element element, String child) {
        NodeList found = element.getElementsByTagName(child);
        return found.getLength() == 0 ? "" : found.item(0).getTextContent().strip();
    }

    private static Path localRepository() {
        return Path.of(System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
    }

    private static Map<String, String> contents(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Map<String, String> byName = new TreeMap<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).collect(Collectors.toList())) {
                byName.put(file.getFileName().toString(), Files.readString(file));
            }
            return byName;
        }
    }
}
