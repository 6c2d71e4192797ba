package io.ptpproxy.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ptpproxy.fixtures.Executables;

/**
 * {@code kubectl kustomize} exactly as a cluster admin runs it before {@code kubectl apply -k}: with
 * kustomize's default load restrictor, so a kustomization reading files outside its root fails here.
 */
final class Kustomize {

    static final Path DEPLOY = Path.of("deploy");
    private static final YAMLMapper YAML = new YAMLMapper();

    private Kustomize() {
    }

    /** @return the kubectl on the PATH, if any */
    static Optional<String> kubectl() {
        return Executables.onPath("kubectl");
    }


    /** @return every directory under deploy/ with a kustomization.yaml, sorted */
    static List<Path> kustomizations() throws IOException {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
                    .map(Path::getParent).sorted().toList();
        }
    }

    /** @return the objects {@code kubectl kustomize dir} renders */
    static List<JsonNode> render(String kubectl, Path dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(kubectl, "kustomize", dir.toString()).start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize " + dir + " hung");
        assertEquals(0, process.exitValue(), "kubectl kustomize " + dir + ": " + err);
        return documents(out);
    }

    /** @return the YAML documents of a multi-document stream, empty ones left out */
    static List<JsonNode> documents(byte[] yaml) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            documents.forEachRemaining(document -> {
                if (document != null && !document.isMissingNode() && !document.isNull()) {
                    objects.add(document);
                }
            });
        }
        return objects;
    }

    /** @return kind/namespace/name of an object */
    static String identity(JsonNode object) {
        return object.path("kind").asText() + "/" + object.path("metadata").path("namespace").asText()
                + "/" + object.path("metadata").path("name").asText();
    }
}
