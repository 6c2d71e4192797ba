package io.ptpproxy.bench.jmh;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The line workloads: the recorded linuxptp corpus of the proxy's tests (bundled into this jar from
 * {@code src/test/resources/ptp-logs}) and the steady stream of a locked ordinary clock.
 */
final class Corpus {

    /** Brings config {@code ptp4l.0.config} (port 1 = ens5f0) to a locked SLAVE port and a locked OS clock. */
    static final List<String> STEADY_SETUP = List.of(
            "ptp4l[1700000000]:[ptp4l.0.config] PTP_PROCESS_STATUS:1",
            "phc2sys[1700000000]:[ptp4l.0.config] PTP_PROCESS_STATUS:1",
            "ptp4l[1000.101]: [ptp4l.0.config] port 1 (ens5f0): INITIALIZING to LISTENING on INIT_COMPLETE",
            "ptp4l[1005.201]: [ptp4l.0.config] port 1 (ens5f0): LISTENING to UNCALIBRATED on RS_SLAVE",
            "ptp4l[1006.500]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED",
            "ptp4l[1006.562]: [ptp4l.0.config] master offset         -3 s2 freq     -85 path delay      1586",
            "phc2sys[1006.600]: [ptp4l.0.config] CLOCK_REALTIME phc offset         5 s2 freq   +2088 delay    543");

    /**
     * What a locked node writes all day (01-steady-lock.log after the lock): ptp4l's servo line at
     * the sync rate, phc2sys's OS-clock line, and their periodic summaries. Every offset stays in the
     * default ±100 ns, so no line changes a state and none yields an event.
     */
    static final List<String> STEADY = List.of(
            "ptp4l[1006.625]: [ptp4l.0.config] master offset         12 s2 freq     -57 path delay      1585",
            "phc2sys[1006.700]: [ptp4l.0.config] CLOCK_REALTIME phc offset        -8 s2 freq   +2090 delay    551",
            "ptp4l[1006.687]: [ptp4l.0.config] master offset         -5 s2 freq      -6 path delay      1585",
            "ptp4l[1006.750]: [ptp4l.0.config] master offset         99 s2 freq      -9 path delay      1585",
            "ptp4l[1006.812]: [ptp4l.0.config] master offset        -99 s2 freq      -2 path delay      1584",
            "phc2sys[1006.800]: [ptp4l.0.config] CLOCK_REALTIME phc offset         1 s2 freq   +2905 delay    495",
            "ptp4l[1006.875]: [ptp4l.0.config] master offset          6 s2 freq      +0 path delay      1584",
            "ptp4l[1006.937]: [ptp4l.0.config] master offset         13 s2 freq      +4 path delay      1583",
            "ptp4l[1007.000]: [ptp4l.0.config] rms    8 max   13 freq   -12 +/-  20 delay  1584 +/-   1",
            "phc2sys[1007.000]: [ptp4l.0.config] CLOCK_REALTIME rms    5 max    8 freq +2300 +/- 300 delay   530 +/-  20");

    private Corpus() {
    }

    /** @return every line of every recorded log, file by file in name order */
    static List<String> recorded() {
        try {
            URI uri = Corpus.class.getResource("/ptp-logs").toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return linesUnder(jar.provider().getPath(uri));
                }
            }
            return linesUnder(Path.of(uri));
        } catch (IOException | URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("the ptp-logs corpus is not on the class path", e);
        }
    }

    private static List<String> linesUnder(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalStateException("the ptp-logs corpus is empty");
        }
        return lines;
    }
}
