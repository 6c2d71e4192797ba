package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ptpproxy.fixtures.ProxyProcess;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator reads when the proxy starts, from a real process: a time on every line, a few
 * lines before one ready line, and that line naming the socket, the API, the management server as
 * bound (whose printed paths answer) and the subscriptions restored from the store.
 */
class StartupLogTest {

    /** ISO 8601 with milliseconds and offset, as simplelogger.properties sets it. */
    private static final Pattern STAMPED = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) .*");
    private static final Pattern READY = Pattern.compile(".* INFO io\\.ptpproxy\\.wiring\\.ReadyLine - (Ready: .*)");
    /** Our own start-up lines (config, stores, mode, socket) and Camel's start and start-up time. */
    private static final int MAX_INFO_BEFORE_READY = 10;

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void should_stamp_every_line_and_say_ready_once_with_what_it_serves() throws Exception {
        try (RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            try (ProxyProcess proxy = ProxyProcess.start(work, 0, http)) {
                assertReady(proxy, 0);
                String address = "/cluster/node/" + RunningProxy.NODE + "/sync/ptp-status/lock-state";
                HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(proxy.v2() + "/subscriptions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"ResourceAddress\":\"" + address + "\",\"EndpointUri\":\"" + subscriber.uri() + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(201, created.statusCode(), created.body());
            }
            try (ProxyProcess restarted = ProxyProcess.start(work, 1, http)) {
                assertReady(restarted, 1);
            }
        }
    }

    private void assertReady(ProxyProcess proxy, int restored) throws Exception {
        List<String> lines = awaitReadyLine(proxy);
        String ready = lines.get(lines.size() - 1);
        for (String line : lines) {
            assertTrue(STAMPED.matcher(line).matches(), "no time stamp: " + line);
        }
        long info = lines.stream().limit(lines.size() - 1).filter(line -> line.contains(" INFO ")).count();
        assertTrue(info <= MAX_INFO_BEFORE_READY, info + " INFO lines before the ready line:\n" + String.join("\n", lines));
        assertEquals(0, lines.stream().filter(line -> line.contains("org.apache.camel.main.BaseMainSupport")).count(),
                "no configuration dump:\n" + String.join("\n", lines));

        int apiPort = URI.create(proxy.v2()).getPort();
        Matcher text = Pattern.compile("Ready: socket " + Pattern.quote(work.resolve("events.sock").toAbsolutePath().toString())
                + ", API http://0\\.0\\.0\\.0:" + apiPort + "/api/ocloudNotifications/v2 \\(v1 beside it, OpenAPI at /openapi\\.json\\)"
                + ", management (http://127\\.0\\.0\\.1:\\d+) \\(/metrics, /observe/metrics, /observe/health\\)"
                + ", " + restored + " subscription\\(s\\) restored").matcher(READY.matcher(ready).replaceFirst("$1"));
        assertTrue(text.matches(), ready);
        // the management address printed is the one bound: its paths answer there
        for (String path : List.of("/metrics", "/observe/metrics", "/observe/health")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(text.group(1) + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), path);
        }
    }

    /** @return the log lines up to the ready line, once it is there */
    private static List<String> awaitReadyLine(ProxyProcess proxy) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String log = proxy.log();
            // complete lines only: the last one may still be being written
            List<String> lines = log.substring(0, log.lastIndexOf('\n') + 1).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (READY.matcher(lines.get(i)).matches()) {
                    assertEquals(1, lines.stream().filter(line -> READY.matcher(line).matches()).count(), "one ready line");
                    return lines.subList(0, i + 1);
                }
            }
            Thread.sleep(50);
        }
        fail("no ready line within 30 s:\n" + proxy.log());
        return List.of();
    }
}
