package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptpproxy.fixtures.HeadlessChromium;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import io.ptpproxy.subscription.ClientId;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status page, loaded in a real headless chromium against a running proxy fed through the socket. */
class StatusPageTest {

    private static final String LOCK_STATE = "/cluster/node/" + RunningProxy.NODE + "/sync/ptp-status/lock-state";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path work;

    @Test
    void should_show_resource_states_subscribers_and_offsets() throws Exception {
        Optional<HeadlessChromium> browser = HeadlessChromium.find();
        Assumptions.assumeTrue(browser.isPresent(),
                "chromium is not installed (apt-get install chromium; .ci/run installs it): status page test skipped");
        Files.writeString(Files.createDirectories(work.resolve("run")).resolve("ptp4l.0.config"),
                "#profile: oc-profile\n[global]\nslaveOnly 1\n[ens5f0]\n");
        Map<String, String> settings = Map.of("status.enabled", "true", "status.sample-ms", "100");
        try (RunningProxy proxy = RunningProxy.start(work, settings);
             RecordingSubscriber subscriber = RecordingSubscriber.start();
             SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
            subscriber.next(WAIT);
            writer.line("ptp4l[1.0]: [ptp4l.0.config] master offset 7 s2 freq 0 path delay 1");
            writer.line("phc2sys[1.0]: [ptp4l.0.config] CLOCK_REALTIME phc offset -4 s2 freq 0 delay 500");
            subscriber.next(WAIT);
            awaitLastOffset(proxy, "ptp4l ens5fx", 7);
            writer.line("ptp4l[2.0]: [ptp4l.0.config] master offset -9 s2 freq 0 path delay 1");
            awaitLastOffset(proxy, "ptp4l ens5fx", -9);

            String dom = browser.get().dumpDom("http://127.0.0.1:" + proxy.apiPort() + "/status", 3000);
            assertTrue(dom.contains("<span id=\"node\">node1</span>"), dom);
            assertTrue(dom.contains("<tr data-type=\"LOCK_STATE\"><td>LOCK_STATE</td><td>/cluster/node/node1/ens5fx/master</td>"
                    + "<td class=\"state LOCKED\">LOCKED</td><td></td></tr>"), dom);
            assertTrue(dom.contains("<tr data-type=\"OS_CLOCK_SYNC_STATE\"><td>OS_CLOCK_SYNC_STATE</td>"
                    + "<td>/cluster/node/node1/CLOCK_REALTIME</td><td class=\"state LOCKED\">LOCKED</td><td></td></tr>"), dom);
            assertTrue(dom.contains("<tr data-type=\"GNSS_SYNC_STATUS\"><td>GNSS_SYNC_STATUS</td>"
                    + "<td>/cluster/node/node1/sync/gnss-status/gnss-sync-status</td><td class=\"state none\">no state yet</td>"), dom);
            String client = ClientId.of(subscriber.uri());
            assertTrue(dom.contains("<tr id=\"subscriber-" + client + "\"><td>" + client + "</td><td>" + subscriber.uri()
                    + "</td><td>" + LOCK_STATE + "</td><td class=\"state ok\">ok</td><td>1</td><td>0</td><td>0</td><td>0</td></tr>"), dom);
            assertTrue(dom.contains("data-series=\"ptp4l ens5fx\""), dom);
            assertTrue(dom.contains("data-series=\"phc2sys CLOCK_REALTIME\""), dom);
            assertTrue(dom.contains("■ ptp4l ens5fx (-9 ns)"), dom);
        }
    }

    /** Waits until the sampler has taken this offset as the series' latest sample. */
    private static void awaitLastOffset(RunningProxy proxy, String series, long offset) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode samples = null;
        while (System.nanoTime() < deadline) {
            samples = new ObjectMapper().readTree(proxy.send("GET", "http://127.0.0.1:" + proxy.apiPort() + "/status/data", null)
                    .body()).path("offsets").path(series);
            if (samples.size() > 0 && samples.get(samples.size() - 1).get(1).asLong() == offset) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no sample of " + offset + " ns in " + series + " within " + WAIT + ": " + samples);
    }

    @Test
    void should_not_serve_the_page_unless_enabled() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(work)) {
            assertEquals(404, proxy.send("GET", "http://127.0.0.1:" + proxy.apiPort() + "/status", null).statusCode());
            assertEquals(404, proxy.send("GET", "http://127.0.0.1:" + proxy.apiPort() + "/status/data", null).statusCode());
        }
    }
}
