package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptpproxy.fixtures.HeadlessChromium;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import io.ptpproxy.status.StatusBoard;
import io.ptpproxy.subscription.ClientId;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page, loaded in a real headless chromium against a running proxy fed through the
 * socket, and its offset sampler, which runs only while the page polls. Rewrite the screenshot in
 * docs with {@code mvn test -Dtest=StatusPageTest -Dstatus.screenshot=true}.
 */
class StatusPageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOCK_STATE = "/cluster/node/" + RunningProxy.NODE + "/sync/ptp-status/lock-state";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PTP4L = "ptp4l ens5fx";
    /** A quiet trace around ±20 ns, one 50 µs spike, back to quiet. */
    private static final long[] OFFSETS = {12, -18, 20, -20, 15, 50_000, -20, 18, -12, 9};

    @TempDir
    Path work;

    @Test
    void should_show_state_and_value_the_daemon_thresholds_subscribers_and_a_readable_offset_plot() throws Exception {
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
            writer.line("ptp4l[1700000000]:[ptp4l.0.config] PTP_PROCESS_STATUS:1");
            writer.line("phc2sys[1700000000]:[ptp4l.0.config] PTP_PROCESS_STATUS:1");
            writer.line("ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED");
            writer.line("phc2sys[1.0]: [ptp4l.0.config] CLOCK_REALTIME phc offset -4 s2 freq 0 delay 500");
            // a viewer polls while the daemon writes: each offset becomes a sample
            for (long offset : OFFSETS) {
                writer.line("ptp4l[2.0]: [ptp4l.0.config] master offset " + offset + " s2 freq 0 path delay 1");
                awaitSample(proxy, offset);
            }

            String url = "http://127.0.0.1:" + proxy.apiPort() + "/status";
            String dom = browser.get().dumpDom(url, 3000);
            assertTrue(dom.contains("<span id=\"node\">node1</span>"), dom);
            // state and value of a resource on one row
            assertTrue(dom.contains("<tr data-type=\"LOCK_STATE\"><td>LOCK_STATE</td><td>/cluster/node/node1/ens5fx/master</td>"
                    + "<td class=\"state LOCKED\">LOCKED</td><td>9</td></tr>"), dom);
            assertTrue(dom.contains("<tr data-type=\"OS_CLOCK_SYNC_STATE\"><td>OS_CLOCK_SYNC_STATE</td>"
                    + "<td>/cluster/node/node1/CLOCK_REALTIME</td><td class=\"state LOCKED\">LOCKED</td><td>-4</td></tr>"), dom);
            assertTrue(dom.contains("<tr data-type=\"GNSS_SYNC_STATUS\"><td>GNSS_SYNC_STATUS</td>"
                    + "<td>/cluster/node/node1/sync/gnss-status/gnss-sync-status</td><td class=\"state none\">no state yet</td>"
                    + "<td></td></tr>"), dom);
            // the daemon: socket, last line, processes, port roles, profile thresholds
            assertTrue(dom.contains("<span id=\"socket\" class=\"state ok\">socket connected (1)</span>"), dom);
            assertTrue(Pattern.compile("<span id=\"last-line\" class=\"state ok\">last line \\d+\\.\\d s ago</span>")
                    .matcher(dom).find(), dom);
            assertTrue(dom.contains("<tr data-process=\"ptp4l\"><td>ptp4l</td><td>ptp4l.0.config</td>"
                    + "<td class=\"state UP\">UP</td></tr>"), dom);
            assertTrue(dom.contains("<tr data-process=\"phc2sys\"><td>phc2sys</td><td>ptp4l.0.config</td>"
                    + "<td class=\"state UP\">UP</td></tr>"), dom);
            assertTrue(dom.contains("<tr data-iface=\"ens5f0\"><td>ptp4l</td><td>ens5f0</td>"
                    + "<td class=\"state SLAVE\">SLAVE</td></tr>"), dom);
            assertTrue(dom.contains("<tr data-config=\"ptp4l.0.config\"><td>ptp4l.0.config</td><td>oc-profile</td>"
                    + "<td>+100 ns</td><td>-100 ns</td><td>5 s</td></tr>"), dom);
            String client = ClientId.of(subscriber.uri());
            assertTrue(Pattern.compile("<tr id=\"subscriber-" + client + "\"><td>" + client + "</td><td>"
                    + Pattern.quote(subscriber.uri()) + "</td><td>" + LOCK_STATE
                    + "</td><td class=\"state ok\">ok</td><td>\\d+</td><td>0</td><td>0</td><td>0</td></tr>").matcher(dom).find(), dom);
            // the plot: a time axis, both thresholds, and ±20 ns readable beside the 50 µs spike
            assertTrue(dom.contains("data-scale=\"symlog\""), dom);
            assertTrue(Pattern.compile("class=\"time-tick\">\\d{2}:\\d{2}:\\d{2}</text>").matcher(dom).find(), dom);
            assertTrue(dom.contains("data-threshold=\"max\" data-profile=\"oc-profile\""), dom);
            assertTrue(dom.contains("data-threshold=\"min\" data-profile=\"oc-profile\""), dom);
            assertTrue(dom.contains("data-series=\"phc2sys CLOCK_REALTIME\""), dom);
            assertTrue(dom.contains("■ ptp4l ens5fx (9 ns)"), dom);
            assertReadable(dom);

            if (Boolean.getBoolean("status.screenshot")) {
                browser.get().screenshot(url, Path.of("docs/status-page.png"), 1024, 1250, 3000);
            }
        }
    }

    /** Issue 16: an idle proxy with the page on does no periodic work; the sampler runs while the page polls. */
    @Test
    void should_sample_offsets_only_while_the_page_is_polled() throws Exception {
        Files.writeString(Files.createDirectories(work.resolve("run")).resolve("ptp4l.0.config"),
                "#profile: oc-profile\n[global]\nslaveOnly 1\n[ens5f0]\n");
        // an interval two quick polls fit in on a loaded machine (they must share a sample)
        Map<String, String> settings = Map.of("status.enabled", "true", "status.sample-ms", "500");
        try (RunningProxy proxy = RunningProxy.start(work, settings);
             SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
            StatusBoard board = proxy.bean("statusBoard", StatusBoard.class);
            assertFalse(proxy.context().getRoutes().stream()
                            .anyMatch(route -> route.getEndpoint().getEndpointUri().startsWith("timer:status")),
                    "no timer route for the status page");
            writer.line("ptp4l[1.0]: [ptp4l.0.config] master offset 7 s2 freq 0 path delay 1");
            // nobody views the page: two sample intervals pass without a sample
            Thread.sleep(1000);
            assertEquals(0, board.samples(), "no sample without a viewer");

            // a viewer polls: one sample per interval at most, each poll after one sees a new one
            long before = board.samples();
            for (int poll = 0; poll < 3; poll++) {
                JsonNode status = JSON.readTree(data(proxy).body());
                assertEquals(before + poll + 1, board.samples(), "poll " + poll);
                assertEquals(poll + 1, status.path("offsets").path(PTP4L).size(), status.toString());
                Thread.sleep(550);
            }
            data(proxy);
            data(proxy);
            assertEquals(before + 4, board.samples(), "polls within one interval share a sample");

            // the viewer leaves: no more samples
            long left = board.samples();
            Thread.sleep(1000);
            assertEquals(left, board.samples());
        }
    }

    @Test
    void should_not_serve_the_page_unless_enabled() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(work)) {
            assertEquals(404, proxy.send("GET", "http://127.0.0.1:" + proxy.apiPort() + "/status", null).statusCode());
            assertEquals(404, proxy.send("GET", "http://127.0.0.1:" + proxy.apiPort() + "/status/data", null).statusCode());
        }
    }

    private static HttpResponse<String> data(RunningProxy proxy) throws Exception {
        HttpResponse<String> response = proxy.send("GET", "http://127.0.0.1:" + proxy.apiPort() + "/status/data", null);
        assertEquals(200, response.statusCode());
        return response;
    }

    /** Polls /status/data, as the page does, until the last ptp4l sample is the offset written. */
    private static void awaitSample(RunningProxy proxy, long offset) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode samples = JSON.readTree(data(proxy).body()).path("offsets").path(PTP4L);
            if (!samples.isEmpty() && samples.get(samples.size() - 1).get(1).asLong() == offset) {
                return;
            }
            Thread.sleep(20);
        }
        fail("no sample of " + offset + " ns within " + WAIT);
    }

    /**
     * The ptp4l trace on the page: the ±18-20 ns samples at least 25 px from the zero line (of 120 px
     * each side; on a linear scale up to the spike they would be 0.05 px away), the 50 µs one inside
     * the plot, each on its side of zero.
     */
    private static void assertReadable(String dom) {
        Matcher zero = Pattern.compile("<line x1=\"70\" x2=\"880\" y1=\"([0-9.]+)\" y2=\"[0-9.]+\" stroke=\"#999\" data-zero=\"true\"")
                .matcher(dom);
        assertTrue(zero.find(), dom);
        double zeroY = Double.parseDouble(zero.group(1));
        Matcher trace = Pattern.compile("<polyline points=\"([^\"]+)\"[^>]*data-series=\"" + PTP4L + "\"").matcher(dom);
        assertTrue(trace.find(), dom);
        List<Double> ys = new ArrayList<>();
        for (String point : trace.group(1).split(" ")) {
            ys.add(Double.parseDouble(point.split(",")[1]));
        }
        // the page's own polls add samples of the last offset
        assertTrue(ys.size() >= OFFSETS.length, trace.group(1));
        for (int i = OFFSETS.length; i < ys.size(); i++) {
            assertEquals(ys.get(OFFSETS.length - 1), ys.get(i), trace.group(1));
        }
        for (int i = 0; i < OFFSETS.length; i++) {
            double distance = Math.abs(ys.get(i) - zeroY);
            if (Math.abs(OFFSETS[i]) >= 18 && Math.abs(OFFSETS[i]) <= 20) {
                assertTrue(distance >= 25, OFFSETS[i] + " ns is " + distance + " px from zero: " + trace.group(1));
            }
            assertTrue(ys.get(i) >= 15 && ys.get(i) <= 255, OFFSETS[i] + " ns outside the plot: " + ys.get(i));
            assertEquals(OFFSETS[i] < 0, ys.get(i) > zeroY, OFFSETS[i] + " ns on the wrong side");
        }
    }
}
