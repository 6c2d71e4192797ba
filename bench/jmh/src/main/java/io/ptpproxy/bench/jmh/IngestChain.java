package io.ptpproxy.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ptpproxy.event.Notification;
import io.ptpproxy.linuxptp.PtpConfigFiles;
import io.ptpproxy.metrics.PrometheusClockMetrics;
import io.ptpproxy.ptp.ClockStateTracker;
import io.ptpproxy.ptp.LineCounters;
import io.ptpproxy.ptp.ParseOutcome;
import io.ptpproxy.ptp.PtpConfigCatalog;
import io.ptpproxy.ptp.PtpLogParser;

/**
 * The beans the {@code ingest} route of routes/source-ptp.yaml calls for every socket line, wired as
 * the wiring (PtpConfiguration, IngestConfiguration) wires them: parse, admit (config catalog), count, track (with the Prometheus
 * clock metrics on a real registry). Only Camel's own exchange handling and the split into
 * {@code direct:publish} are left out.
 */
final class IngestChain implements AutoCloseable {

    /** The config file the daemon writes for an ordinary clock with one port. */
    static final Map<String, String> ORDINARY_CLOCK =
            Map.of("ptp4l.0.config", "#profile: oc-profile\n[global]\nslaveOnly 1\n[ens5f0]\n");
    /** No config file: plain linuxptp without the daemon, every config gets the default profile. */
    static final Map<String, String> NO_CONFIG = Map.of();

    private final Path configDir;
    private final PtpLogParser parser = new PtpLogParser();
    private final PtpConfigCatalog catalog;
    private final LineCounters counters = new LineCounters();
    private final ClockStateTracker tracker;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** @param configFiles the daemon's config files by name, written to a fresh temp dir */
    IngestChain(Map<String, String> configFiles) {
        try {
            configDir = Files.createTempDirectory("ptp-jmh-");
            for (Map.Entry<String, String> file : configFiles.entrySet()) {
                Files.writeString(configDir.resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catalog = new PtpConfigCatalog(new PtpConfigFiles(configDir, configDir.resolve("no-profiles")));
        catalog.reload();
        PrometheusClockMetrics metrics = new PrometheusClockMetrics(registry, "node1");
        metrics.thresholds(catalog.thresholdsByProfile());
        tracker = new ClockStateTracker("node1", catalog::profileFor, Clock.systemUTC(), metrics);
    }

    /** @return the notifications the line yields, which the route would split into direct:publish */
    List<Notification> line(String line) {
        ParseOutcome outcome = parser.parse(line);
        outcome = catalog.admit(outcome);
        outcome = counters.count(outcome);
        return tracker.track(outcome);
    }

    /** @return the number of metric series the chain has registered (for a sanity check) */
    int series() {
        return registry.getMeters().size();
    }

    /** @return lines the state tracker consumed so far */
    long accepted() {
        return counters.accepted();
    }

    @Override
    public void close() {
        registry.close();
        try (Stream<Path> files = Files.walk(configDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
