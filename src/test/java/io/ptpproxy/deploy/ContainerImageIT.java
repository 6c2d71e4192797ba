package io.ptpproxy.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptpproxy.fixtures.RunningProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What can be checked of the container image without pulling its base image: the Containerfile's
 * own AppCDS training command and its ENTRYPOINT/CMD, run as written on the packaged runner jar
 * (with the image's paths moved under a temporary directory and free ports). {@code -Xshare:on}
 * makes the JVM refuse to start if the archive it was given cannot be used.
 */
class ContainerImageIT {

    private static final Path CONTAINERFILE = Path.of("deploy/container/Containerfile");
    private static final Path JAR = Path.of("target/ptp-event-proxy-runner.jar");

    @Test
    void should_train_the_cds_archive_and_start_from_it_as_the_image_does(@TempDir Path root) throws Exception {
        String file = Files.readString(CONTAINERFILE).replace("\\\n", " ");
        Path app = Files.createDirectories(root.resolve("app"));
        Files.copy(JAR, app.resolve("ptp-event-proxy-runner.jar"));
        Files.copy(Path.of("deploy/jvm.options"), app.resolve("jvm.options"));

        List<String> training = words(between(file, "&& java ", " && test -s"), root);
        // the image builds alone; here other tests and builds may hold the default ports
        training.add(0, javaCommand());
        training.add(1, "-Ddemo.subscriber-port=" + RunningProxy.freePort());
        training.addAll(List.of("--api-port=" + RunningProxy.freePort(),
                "--metrics-addr=127.0.0.1:" + RunningProxy.freePort()));
        Files.createDirectories(root.resolve("training"));
        Process trainer = new ProcessBuilder(training).directory(root.resolve("training").toFile())
                .redirectErrorStream(true).redirectOutput(root.resolve("training.log").toFile()).start();
        assertTrue(trainer.waitFor(120, TimeUnit.SECONDS), "the training run did not stop by itself");
        assertEquals(0, trainer.exitValue(), Files.readString(root.resolve("training.log")));
        assertTrue(Files.size(app.resolve("app.jsa")) > 1_000_000, "archive written");

        int apiPort = RunningProxy.freePort();
        int metricsPort = RunningProxy.freePort();
        List<String> start = new ArrayList<>(relocate(jsonArray(file, "ENTRYPOINT"), root));
        start.set(0, javaCommand());
        start.add(1, "-Xshare:on");
        for (String arg : relocate(jsonArray(file, "CMD"), root)) {
            start.add(arg.replace("--api-port=9043", "--api-port=" + apiPort)
                    .replace("--metrics-addr=:9091", "--metrics-addr=127.0.0.1:" + metricsPort));
        }
        start.addAll(List.of("--socket-path=" + root.resolve("events.sock"), "--ptp-config-dir=" + root.resolve("run"),
                "--ptp-profile-path=" + root.resolve("profiles")));
        Files.createDirectories(root.resolve("store"));
        Process proxy = new ProcessBuilder(start).directory(app.toFile())
                .redirectErrorStream(true).redirectOutput(root.resolve("proxy.log").toFile()).start();
        try {
            assertEquals(200, awaitHealth("http://127.0.0.1:" + apiPort + "/api/ocloudNotifications/v2/health", proxy),
                    Files.readString(root.resolve("proxy.log")));
            assertEquals(200, awaitHealth("http://127.0.0.1:" + metricsPort + "/observe/health", proxy));
        } finally {
            proxy.destroy();
            proxy.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static int awaitHealth(String url, Process proxy) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && proxy.isAlive()) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return 200;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        return proxy.isAlive() ? -1 : -proxy.exitValue() - 1000;
    }

    /** The image's absolute paths (/app, /store, /tmp/cds-training) moved under the test directory. */
    private static List<String> relocate(List<String> words, Path root) {
        return words.stream().map(word -> word.replace("/tmp/cds-training", root.resolve("training").toString())
                .replace("/app/", root.resolve("app") + "/").replace("=/store", "=" + root.resolve("store")))
                .toList();
    }

    private static List<String> words(String command, Path root) {
        return new ArrayList<>(relocate(Stream.of(command.trim().split("\\s+")).toList(), root));
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        int to = text.indexOf(end, from);
        assertTrue(from >= 0 && to > from, "no '" + start.trim() + " … " + end.trim() + "' in the Containerfile");
        return text.substring(from + start.length(), to);
    }

    private static List<String> jsonArray(String file, String instruction) throws IOException {
        Matcher line = Pattern.compile("(?m)^" + instruction + "\\s+(\\[.*])\\s*$").matcher(file);
        assertTrue(line.find(), instruction + " missing");
        return new ObjectMapper().readValue(line.group(1), new TypeReference<List<String>>() { });
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
