package io.ptpproxy.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.ptpproxy.fixtures.Executables;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The bare-metal systemd units: exposure as {@code systemd-analyze security} scores it (at most
 * {@value #MAX_EXPOSURE}, systemd's "OK"; the forwarder scored 9.0 "UNSAFE" as root with every
 * capability), and install steps that put every file the units name where they name it.
 */
class SystemdUnitsTest {

    /** The highest exposure accepted, on systemd's 0-10 scale. */
    private static final double MAX_EXPOSURE = 4.0;
    private static final Path SYSTEMD = Path.of("deploy/systemd");
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+) ");
    /** Built by the shade plugin's default-runner execution (pom.xml), so absent while tests run. */
    private static final String RUNNER_JAR = "target/ptp-event-proxy-runner.jar";
    private static final Pattern INSTALL = Pattern.compile("(?m)^#\\s+install -D -m \\d+ (\\S+) (\\S+)$");

    @Test
    void should_score_every_unit_at_most_ok_in_systemd_analyze_security() throws Exception {
        String analyze = Executables.onPath("systemd-analyze").orElse(null);
        Assumptions.assumeTrue(analyze != null, "systemd-analyze is not installed (.ci/run installs systemd)");
        Map<String, Double> exposure = new TreeMap<>();
        for (Path unit : units()) {
            Process process = new ProcessBuilder(analyze, "security", "--offline=yes", "--no-pager", unit.toString())
                    .redirectErrorStream(true).start();
            String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "systemd-analyze hung");
            Assumptions.assumeFalse(report.contains("unrecognized option"), "systemd-analyze without --offline (< 250)");
            Matcher score = EXPOSURE.matcher(report);
            assertTrue(score.find(), report);
            exposure.put(unit.getFileName().toString(), Double.parseDouble(score.group(1)));
        }
        assertEquals(2, exposure.size());
        exposure.forEach((unit, score) -> assertTrue(score <= MAX_EXPOSURE,
                unit + " exposure " + score + " > " + MAX_EXPOSURE + ": " + exposure));
    }

    @Test
    void should_install_every_file_a_unit_names_and_say_what_it_needs() throws IOException {
        for (Path unit : units()) {
            String text = Files.readString(unit);
            Map<String, String> installed = new TreeMap<>();
            Matcher install = INSTALL.matcher(text);
            while (install.find()) {
                // the runner jar is what `mvn package` builds, after this test runs
                String source = install.group(1);
                assertTrue(Files.exists(Path.of(source)) || source.equals(RUNNER_JAR),
                        unit + " installs a missing " + source);
                installed.put(install.group(2), install.group(1));
            }
            List<String> named = new ArrayList<>();
            Matcher documentation = Pattern.compile("(?m)^Documentation=(.*)$").matcher(text);
            assertTrue(documentation.find(), unit + " has no Documentation=");
            for (String url : documentation.group(1).split("\\s+")) {
                assertTrue(url.startsWith("man:") || url.startsWith("file:///"), url);
                if (url.startsWith("file://")) {
                    named.add(url.substring("file://".length()));
                }
            }
            Matcher exec = Pattern.compile("(?m)^ExecStart=(\\S+)").matcher(text);
            assertTrue(exec.find());
            if (exec.group(1).startsWith("/opt/")) {
                named.add(exec.group(1));
            }
            for (String path : named) {
                assertTrue(installed.containsKey(path), unit + " names " + path + ", which its install steps never install");
            }
        }
        String forwarder = Files.readString(SYSTEMD.resolve("ptp4l-forwarded@.service"));
        assertTrue(Files.readString(Path.of("scripts/ptp-forwarder")).startsWith("#!/usr/bin/env python3"));
        assertTrue(forwarder.contains("apt-get install linuxptp python3"), "the forwarder's install steps name python3");
        String guide = Files.readString(Path.of("docs/deploy.md"));
        String bareMetal = guide.substring(guide.indexOf("## Bare metal with systemd"));
        assertTrue(bareMetal.contains("python3"), "docs/deploy.md's install steps name python3");
        assertTrue(bareMetal.contains("install -D -m 0644 docs/deploy.md /opt/ptp-event-proxy/docs/deploy.md"));
    }

    private static List<Path> units() throws IOException {
        try (Stream<Path> files = Files.list(SYSTEMD)) {
            return files.filter(f -> f.toString().endsWith(".service")).sorted().toList();
        }
    }
}
