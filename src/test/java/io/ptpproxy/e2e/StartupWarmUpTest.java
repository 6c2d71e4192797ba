package io.ptpproxy.e2e;

import static io.ptpproxy.fixtures.OranEventAssert.assertEvent;
import static io.ptpproxy.fixtures.OranEventAssert.lockState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import io.ptpproxy.warmup.EventPathWarmUp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up warm-up of the event path (startup.warm-up-changes, EventPathWarmUp) leaves no trace: a
 * proxy that ran it shows the same metrics, CurrentState, status and store as one that did not, and
 * a subscriber restored from the store gets nothing from it: the first request it receives is the
 * first real event.
 */
class StartupWarmUpTest {

    private static final String NODE = "/cluster/node/" + RunningProxy.NODE;
    private static final String LOCK_STATE = NODE + "/sync/ptp-status/lock-state";
    /** The proxy's own metric families (JVM, process and Camel timing series differ between any two starts). */
    private static final List<String> OWN_FAMILIES = List.of("cne_", "openshift_ptp_", "ptp_proxy_", "ptp_ha_");

    @TempDir
    Path work;

    @Test
    void should_deliver_nothing_and_change_no_metric_state_or_file() throws Exception {
        try (RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            try (RunningProxy proxy = RunningProxy.start(work, Map.of("startup.warm-up-changes", "0", "status.enabled", "true"))) {
                assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
                subscriber.next(Duration.ofSeconds(5)); // the initial notification
            }
            Map<String, String> store = files(work.resolve("store"));
            assertFalse(store.isEmpty(), "the subscription is stored");
            List<String> coldMetrics;
            String coldState;
            String coldStatus;
            try (RunningProxy cold = RunningProxy.start(work, Map.of("startup.warm-up-changes", "0", "status.enabled", "true"))) {
                coldMetrics = ownSeries(cold);
                coldState = cold.send("GET", cold.v2() + LOCK_STATE + "/CurrentState", null).body();
                coldStatus = statusData(cold);
            }
            assertEquals(store, files(work.resolve("store")));

            try (RunningProxy warm = RunningProxy.start(work, Map.of("startup.warm-up-changes", "400", "status.enabled", "true"))) {
                // it runs beside the started proxy: compare once it is over
                warm.bean("eventPathWarmUp", EventPathWarmUp.class).finished().toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                assertEquals(coldMetrics, ownSeries(warm));
                assertEquals(coldState, warm.send("GET", warm.v2() + LOCK_STATE + "/CurrentState", null).body());
                assertEquals(coldStatus, statusData(warm));
                assertEquals(store, files(work.resolve("store")));
                try (SocketWriter writer = SocketWriter.connect(warm.socketPath())) {
                    writer.line("ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED")
                            .line("ptp4l[1.1]: [ptp4l.0.config] master offset -3 s2 freq 0 path delay 1");
                }
                // the subscriber's outbox is ordered: had the warm-up sent anything, it would come first
                assertEvent(lockState("ens5fx", "LOCKED", -3), subscriber.next(Duration.ofSeconds(5)).body());
                assertEquals(store, files(work.resolve("store")));
            }
        }
    }

    /** @return the proxy's own series with their values, sorted, from the management server's scrape */
    private static List<String> ownSeries(RunningProxy proxy) throws IOException, InterruptedException {
        String scrape = proxy.send("GET", proxy.management() + "/metrics", null).body();
        return scrape.lines().filter(line -> OWN_FAMILIES.stream().anyMatch(line::startsWith)).sorted().toList();
    }

    private static String status(RunningProxy proxy) {
        return "http://127.0.0.1:" + proxy.apiPort() + "/status/data";
    }

    /** @return the status page's data without its sampling time */
    private static String statusData(RunningProxy proxy) throws IOException, InterruptedException {
        return proxy.send("GET", status(proxy), null).body().replaceFirst("\"time\":\"[^\"]*\"", "");
    }

    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path file : listing.toList()) {
                contents.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return contents;
    }
}
