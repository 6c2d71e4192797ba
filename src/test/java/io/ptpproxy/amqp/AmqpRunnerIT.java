package io.ptpproxy.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

import io.ptpproxy.fixtures.EmbeddedBroker;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.V1Golden;
import io.ptpproxy.fixtures.SocketWriter;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two jars as they ship (run after {@code package}): the AMQP runner jar started with
 * {@code --transport-host amqp://…} publishes a socket line's event through a real broker, and the
 * default jar refuses such a transport host with its documented message and exit status.
 */
class AmqpRunnerIT {

    private static final Path AMQP_JAR = Path.of("target/ptp-event-proxy-amqp-runner.jar");
    private static final Path PLAIN_JAR = Path.of("target/ptp-event-proxy-runner.jar");
    private static final String LOCK_STATE = "/cluster/node/" + RunningProxy.NODE + "/sync/ptp-status/lock-state";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path work;

    @Test
    void should_publish_an_event_through_the_broker_from_the_amqp_runner_jar() throws Exception {
        assertTrue(Files.isRegularFile(AMQP_JAR), "run after package: " + AMQP_JAR);
        int apiPort = RunningProxy.freePort();
        int metricsPort = RunningProxy.freePort();
        Path socket = work.resolve("events.sock");
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             GoPeer consumer = GoPeer.connect(broker.url())) {
            MessageConsumer events = consumer.receiver(LOCK_STATE);
            Process proxy = start(AMQP_JAR, work.resolve("proxy.log"), "--transport-host=" + broker.url(),
                    "--api-port=" + apiPort, "--metrics-addr=127.0.0.1:" + metricsPort);
            try {
                awaitBrokerUp(proxy, metricsPort, socket, work.resolve("proxy.log"));
                try (SocketWriter writer = SocketWriter.connect(socket)) {
                    writer.line("ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED")
                            .line("ptp4l[2.0]: [ptp4l.0.config] master offset 7 s2 freq 0 path delay 1");
                }
                Message message = events.receive(20_000);
                assertNotNull(message, "the event went through the broker: " + Files.readString(work.resolve("proxy.log")));
                assertEquals("0.3", GoPeer.property(message, "cloudEvents:specversion"));
                assertEquals(LOCK_STATE, GoPeer.property(message, "cloudEvents:source"));
                assertEquals("event.sync.ptp-status.ptp-state-change", GoPeer.property(message, "cloudEvents:type"));
                assertEquals(V1Golden.data("binary-lock-state", "LOCKED", "7"), GoPeer.body(message));
            } finally {
                proxy.destroy();
                assertTrue(proxy.waitFor(30, TimeUnit.SECONDS), "stopped on SIGTERM");
            }
        }
    }

    @Test
    void should_refuse_an_amqp_transport_host_in_the_default_jar() throws Exception {
        assertTrue(Files.isRegularFile(PLAIN_JAR), "run after package: " + PLAIN_JAR);
        Path log = work.resolve("plain.log");
        Process proxy = start(PLAIN_JAR, log, "--transport-host=amqp://127.0.0.1:5672",
                "--api-port=" + RunningProxy.freePort(), "--metrics-addr=127.0.0.1:" + RunningProxy.freePort());
        assertTrue(proxy.waitFor(60, TimeUnit.SECONDS), "the default jar stops by itself");
        assertEquals(1, proxy.exitValue(), Files.readString(log));
        assertEquals("ptp-event-proxy cannot start: --transport-host amqp://127.0.0.1:5672 needs the AMQP transport:"
                + " run ptp-event-proxy-amqp-runner.jar", Files.readString(log).strip());
    }

    private Process start(Path jar, Path log, String... flags) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--store-path=" + work.resolve("store"),
                "--socket-path=" + work.resolve("events.sock"),
                "--ptp-config-dir=" + Files.createDirectories(work.resolve("run")),
                "--ptp-profile-path=" + work.resolve("profiles"),
                "--node-name=" + RunningProxy.NODE));
        command.addAll(List.of(flags));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the socket is bound and the management health shows the broker connected. */
    private void awaitBrokerUp(Process proxy, int metricsPort, Path socket, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String health = "";
        while (System.nanoTime() < deadline && proxy.isAlive()) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + metricsPort + "/observe/health")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                health = response.body();
                if (response.statusCode() == 200 && Files.exists(socket)) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the AMQP jar never reported the broker UP: " + health + "\n" + Files.readString(log));
    }
}
