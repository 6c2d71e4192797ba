package io.ptpproxy.e2e;

import static io.ptpproxy.fixtures.OranEventAssert.assertEvent;
import static io.ptpproxy.fixtures.OranEventAssert.lockState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import io.ptpproxy.fixtures.TeeOutputStream;
import io.ptpproxy.warmup.EventPathWarmUp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up warm-up of the event path (startup.warm-up-changes, EventPathWarmUp) leaves no trace: a
 * proxy that ran it shows the same metrics, CurrentState, status, store and log as one that did not
 * (its throwaway routes' metrics nowhere in the scrape), no temporary directory or thread of its
 * throwaway context is left, and a subscriber restored from the store gets nothing from it: the first
 * request it receives is the first real event.
 */
class StartupWarmUpTest {

    private static final String NODE = "/cluster/node/" + RunningProxy.NODE;
    private static final String LOCK_STATE = NODE + "/sync/ptp-status/lock-state";
    /** The proxy's own metric families (JVM, process and Camel timing series differ between any two starts). */
    private static final List<String> OWN_FAMILIES = List.of("cne_", "openshift_ptp_", "ptp_proxy_", "ptp_ha_");

    /**
     * The one line the throwaway context cannot help logging: Camel logs every context's start at INFO
     * unconditionally, and simplelogger.properties keeps that logger at INFO for the proxy's own start.
     */
    private static final String THROWAWAY_CONTEXT_START =
            "[event-path-warm-up] INFO org.apache.camel.impl.engine.AbstractCamelContext - Apache Camel #.#.# (event-path-warm-up) is starting";

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
            List<String> coldLog;
            try (CapturedLog log = CapturedLog.start()) {
                try (RunningProxy cold = RunningProxy.start(work, Map.of("startup.warm-up-changes", "0", "status.enabled", "true"))) {
                    cold.bean("eventPathWarmUp", EventPathWarmUp.class).finished().toCompletableFuture()
                            .get(30, TimeUnit.SECONDS);
                    coldLog = log.linesOnceLogged("Ready: ", Duration.ofSeconds(30));
                    coldMetrics = ownSeries(cold);
                    coldState = cold.send("GET", cold.v2() + LOCK_STATE + "/CurrentState", null).body();
                    coldStatus = statusData(cold);
                }
            }
            assertEquals(store, files(work.resolve("store")));

            try (CapturedLog log = CapturedLog.start();
                 RunningProxy warm = RunningProxy.start(work, Map.of("startup.warm-up-changes", "400", "status.enabled", "true"))) {
                // it runs beside the started proxy: compare once it is over
                warm.bean("eventPathWarmUp", EventPathWarmUp.class).finished().toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                List<String> warmLog = new ArrayList<>(log.linesOnceLogged("Ready: ", Duration.ofSeconds(30)));
                assertTrue(warmLog.remove(THROWAWAY_CONTEXT_START), "the routes ran:\n" + String.join("\n", warmLog));
                assertEquals(coldLog, warmLog);
                assertEquals(List.of(), leftovers(), "temporary directories left");
                awaitGone("event-path-warm-up)", Duration.ofSeconds(10));
                String scrape = warm.send("GET", warm.management() + "/metrics", null).body();
                assertFalse(scrape.contains("event-path-warm-up"), "throwaway route metrics in the scrape");
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

    @Test
    void should_deliver_to_a_subscription_made_while_it_runs() throws Exception {
        try (RecordingSubscriber subscriber = RecordingSubscriber.start();
             RunningProxy proxy = RunningProxy.start(work, Map.of("startup.warm-up-changes", "3000"))) {
            CompletableFuture<Duration> warmedUp = proxy.bean("eventPathWarmUp", EventPathWarmUp.class).finished()
                    .toCompletableFuture();
            // the subscription's initial notification starts the proxy's delivery client meanwhile
            assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
            subscriber.next(Duration.ofSeconds(5));
            assertFalse(warmedUp.isDone(), "the subscription came too late to show anything");
            warmedUp.get(30, TimeUnit.SECONDS);
            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writer.line("ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED")
                        .line("ptp4l[1.1]: [ptp4l.0.config] master offset -3 s2 freq 0 path delay 1");
            }
            assertEvent(lockState("ens5fx", "LOCKED", -3), subscriber.next(Duration.ofSeconds(5)).body());
        }
    }

    /** @return what this process's warm-ups left in the temporary directory */
    private static List<String> leftovers() throws IOException {
        String prefix = "ptp-warm-up-" + ProcessHandle.current().pid() + "-";
        try (Stream<Path> listing = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return listing.map(path -> path.getFileName().toString()).filter(name -> name.startsWith(prefix)).toList();
        }
    }

    /** Waits until no thread of this JVM has {@code name} in its name (the throwaway context's are "Camel (event-path-warm-up) …"). */
    private static void awaitGone(String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> left;
        while (!(left = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(thread -> thread.contains(name)).toList()).isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("threads left: " + left);
            }
            Thread.sleep(20);
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

    /**
     * What the proxy logs (slf4j-simple writes to System.err) while it is open: each line without its
     * time and with every number as {@code #} (ports, durations), sorted (threads interleave).
     */
    private static final class CapturedLog implements AutoCloseable {

        private final PrintStream original = System.err;
        private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

        static CapturedLog start() {
            CapturedLog log = new CapturedLog();
            System.setErr(new PrintStream(new TeeOutputStream(log.original, log.captured), true, StandardCharsets.UTF_8));
            return log;
        }

        /** @return the lines once one of them contains {@code text} (the ready line comes after the warm-up) */
        List<String> linesOnceLogged(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<String> lines;
            while ((lines = lines()).stream().noneMatch(line -> line.contains(text))) {
                if (System.nanoTime() > deadline) {
                    fail("not logged: " + text + "\n" + String.join("\n", lines));
                }
                Thread.sleep(20);
            }
            return lines;
        }

        private List<String> lines() {
            synchronized (captured) {
                return captured.toString(StandardCharsets.UTF_8).lines()
                        .map(line -> line.replaceFirst("^\\S+ ", "").replaceAll("\\d+", "#")).sorted().toList();
            }
        }

        @Override
        public void close() {
            System.setErr(original);
        }
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
