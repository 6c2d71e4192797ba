package io.ptpproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The packages of {@code io.ptpproxy} import each other only downward: no package imports one that
 * imports it back, directly or through others. The graph is read from the {@code import} lines of
 * the production sources (the default jar's and the AMQP transport's).
 */
class PackageCycleTest {

    private static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("src/amqp/java"));
    private static final Pattern PACKAGE = Pattern.compile("^package (io\\.ptpproxy(?:\\.[a-z0-9]+)*);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile(
            "^import (?:static )?(io\\.ptpproxy(?:\\.[a-z0-9]+)*)\\.(?:[A-Z*])", Pattern.MULTILINE);

    @Test
    void noPackageCycleAmongTheProxysPackages() {
        assertEquals(List.of(), cycles(importGraph()), "package cycles (each a strongly connected set)");
    }

    @Test
    void onlyTheWiringAndTheAmqpTransportImportTheLegacyPackage() {
        Set<String> importers = new TreeSet<>();
        importGraph().forEach((from, targets) -> {
            if (targets.contains("io.ptpproxy.legacy")) {
                importers.add(from);
            }
        });
        assertEquals(Set.of("io.ptpproxy.wiring", "io.ptpproxy.amqp"), importers);
    }

    @Test
    void theCycleFinderReportsABackArrowThroughAThirdPackage() {
        Map<String, Set<String>> graph = Map.of(
                "a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertEquals(List.of(Set.of("a", "b", "c")), cycles(graph));
    }

    /** @return each package's imported packages of {@code io.ptpproxy}, itself left out */
    private static Map<String, Set<String>> importGraph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path root : SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                    String source = read(file);
                    Matcher declared = PACKAGE.matcher(source);
                    if (!declared.find()) {
                        return;
                    }
                    String from = declared.group(1);
                    Set<String> targets = graph.computeIfAbsent(from, ignored -> new TreeSet<>());
                    Matcher imported = IMPORT.matcher(source);
                    while (imported.find()) {
                        if (!imported.group(1).equals(from)) {
                            targets.add(imported.group(1));
                        }
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return graph;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the strongly connected sets of more than one package (Tarjan), in a stable order */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        return new Tarjan(graph).run();
    }

    private static final class Tarjan {
        private final Map<String, Set<String>> graph;
        private final Map<String, Integer> index = new TreeMap<>();
        private final Map<String, Integer> lowLink = new TreeMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<Set<String>> found = new ArrayList<>();

        Tarjan(Map<String, Set<String>> graph) {
            this.graph = graph;
        }

        List<Set<String>> run() {
            new TreeSet<>(graph.keySet()).forEach(node -> {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            });
            return found;
        }

        private void visit(String node) {
            index.put(node, index.size());
            lowLink.put(node, index.get(node));
            stack.push(node);
            onStack.add(node);
            for (String next : new TreeSet<>(graph.getOrDefault(node, Set.of()))) {
                if (!index.containsKey(next)) {
                    visit(next);
                    lowLink.put(node, Math.min(lowLink.get(node), lowLink.get(next)));
                } else if (onStack.contains(next)) {
                    lowLink.put(node, Math.min(lowLink.get(node), index.get(next)));
                }
            }
            if (lowLink.get(node).equals(index.get(node))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(node));
                if (component.size() > 1) {
                    found.add(component);
                }
            }
        }
    }
}
