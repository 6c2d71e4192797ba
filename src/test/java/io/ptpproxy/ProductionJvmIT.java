package io.ptpproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar run as a user runs it: the README's {@code java @deploy/jvm.options -jar …} is one JVM
 * with the shipped flags; a plain {@code java -jar …} runs the proxy in one child JVM with them, SIGTERM
 * to the launcher stops both, and a launcher killed outright takes its child with it.
 */
class ProductionJvmIT {

    private static final Path JAR = Path.of("target/ptp-event-proxy-runner.jar");
    private static final Duration START = Duration.ofSeconds(120);
    /** The logger that says whether Netty can allocate direct buffers without the JDK's zeroing. */
    private static final String NETTY_BUFFER_LOG = "io.netty.util.internal.PlatformDependent0";

    @TempDir
    Path work;

    @Test
    void should_run_the_readme_command_in_one_jvm_with_the_shipped_flags() throws Exception {
        Process proxy = start("@deploy/jvm.options", "-Dorg.slf4j.simpleLogger.log." + NETTY_BUFFER_LOG + "=debug");
        try {
            assertEquals(List.of(), proxy.children().toList(), "no child JVM");
            // java.nio is open to Netty: its pooled chunks are allocated without the JDK zeroing them
            assertTrue(log().contains(NETTY_BUFFER_LOG + " - direct buffer constructor: available"), log());
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(proxy.pid()), "VM.flags").redirectErrorStream(true).start();
            String flags = new String(jcmd.getInputStream().readAllBytes());
            assertTrue(jcmd.waitFor(60, TimeUnit.SECONDS));
            for (String flag : List.of("-XX:InitialHeapSize=16777216", "-XX:MaxHeapSize=67108864", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-XX:Tier3InvocationThreshold=20",
                    "-XX:Tier3MinInvocationThreshold=10", "-XX:Tier3CompileThreshold=100",
                    "-XX:CICompilerCount=1")) {
                assertTrue(flags.contains(flag), flag + " in " + flags);
            }
        } finally {
            proxy.destroy();
            assertTrue(proxy.waitFor(60, TimeUnit.SECONDS), "stops on SIGTERM");
        }
    }

    @Test
    void should_run_the_proxy_in_one_child_with_the_shipped_flags_and_stop_it_on_sigterm() throws Exception {
        Process launcher = start();
        ProcessHandle child = onlyChild(launcher);
        String childCommand = String.join(" ", child.info().arguments().orElseThrow());
        assertTrue(childCommand.startsWith(String.join(" ", ProductionJvm.flags(Runtime.version().feature()))), childCommand);
        assertTrue(childCommand.contains("-D" + ProductionJvm.CHILD_PROPERTY + "=true"), childCommand);
        assertEquals(0, child.children().count(), "the child launches nothing");
        // on a JDK 24 or later without the access flags: sun.misc.Unsafe and restricted-method warnings
        assertFalse(log().contains("WARNING: "), log());

        launcher.destroy();

        assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "the launcher stops");
        assertEquals(143, launcher.exitValue(), "SIGTERM's exit status");
        assertTrue(child.onExit().get(10, TimeUnit.SECONDS) != null && !child.isAlive(), "and the proxy with it");
    }

    @Test
    void should_stop_the_proxy_when_the_launcher_is_killed() throws Exception {
        Process launcher = start();
        ProcessHandle child = onlyChild(launcher);

        launcher.destroyForcibly();

        child.onExit().get(60, TimeUnit.SECONDS);
        assertFalse(child.isAlive());
    }

    @Test
    void should_answer_a_wrong_flag_itself_with_the_proxy_exit_code() throws Exception {
        Process launcher = new ProcessBuilder(java(), "-jar", JAR.toString(), "--no-such-flag")
                .redirectErrorStream(true).start();
        String output = new String(launcher.getInputStream().readAllBytes());
        assertTrue(launcher.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, launcher.exitValue(), output);
        assertTrue(output.startsWith("Unknown flag --no-such-flag"), output);
    }

    private Process start(String... jvmOptions) throws Exception {
        assertTrue(Files.isRegularFile(JAR), "run after package: " + JAR);
        int api = freePort();
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", JAR.toString(), "--api-port=" + api,
                "--metrics-addr=127.0.0.1:" + freePort(), "--socket-path=" + work.resolve("events.sock"),
                "--store-path=" + dir("store"), "--ptp-config-dir=" + dir("run"),
                "--ptp-profile-path=" + dir("profiles"), "--node-name=node1"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("proxy.log").toFile());
        // as a user's shell: no JVM options from the environment
        builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
        Process launcher = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create("http://127.0.0.1:" + api + "/api/ocloudNotifications/v2/health");
        long deadline = System.nanoTime() + START.toNanos();
        while (true) {
            assertTrue(launcher.isAlive(), () -> "exited: " + log());
            try {
                if (http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return launcher;
                }
            } catch (IOException e) {
                // not listening yet
            }
            assertTrue(System.nanoTime() < deadline, () -> "not healthy within " + START + ": " + log());
            Thread.sleep(100);
        }
    }

    private static ProcessHandle onlyChild(Process launcher) {
        List<ProcessHandle> children = launcher.children().toList();
        assertEquals(1, children.size(), "one child JVM: " + children);
        return children.get(0);
    }

    private String dir(String name) throws IOException {
        return Files.createDirectories(work.resolve(name)).toString();
    }

    private String log() {
        try {
            return Files.readString(work.resolve("proxy.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
