package io.ptpproxy.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ptpproxy.event.Notification;
import io.ptpproxy.ptp.ParseOutcome;
import io.ptpproxy.ptp.PtpLogParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Per-line cost on one thread: one benchmark operation is one socket line, so the score is lines/s.
 * Two workloads: {@code steady}, what a locked ordinary clock writes all day (no state change, the
 * lines that decide sustained ingest), and {@code recorded}, every line of the recorded corpus in a
 * loop (state changes, events, malformed lines, every process family).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LineBenchmarks {

    /** A parser and a cycling cursor over each workload. */
    @State(Scope.Thread)
    public static class Lines {
        final PtpLogParser parser = new PtpLogParser();
        private String[] steady;
        private String[] recorded;
        private int nextSteady;
        private int nextRecorded;

        @Setup(Level.Trial)
        public void load() {
            steady = Corpus.STEADY.toArray(String[]::new);
            recorded = Corpus.recorded().toArray(String[]::new);
        }

        String steady() {
            String line = steady[nextSteady];
            nextSteady = nextSteady + 1 == steady.length ? 0 : nextSteady + 1;
            return line;
        }

        String recorded() {
            String line = recorded[nextRecorded];
            nextRecorded = nextRecorded + 1 == recorded.length ? 0 : nextRecorded + 1;
            return line;
        }
    }

    /** The whole per-line chain of the ingest route: parse, admit, count, track (with metrics). */
    @State(Scope.Thread)
    public static class Chains {
        IngestChain steady;
        IngestChain recorded;

        @Setup(Level.Trial)
        public void start() {
            steady = new IngestChain(IngestChain.ORDINARY_CLOCK);
            for (String line : Corpus.STEADY_SETUP) {
                steady.line(line);
            }
            recorded = new IngestChain(IngestChain.NO_CONFIG);
        }

        @TearDown(Level.Trial)
        public void stop() {
            steady.close();
            recorded.close();
        }
    }

    @Benchmark
    public ParseOutcome parseSteady(Lines lines) {
        return lines.parser.parse(lines.steady());
    }

    @Benchmark
    public ParseOutcome parseRecorded(Lines lines) {
        return lines.parser.parse(lines.recorded());
    }

    @Benchmark
    public List<Notification> parseAndStateSteady(Lines lines, Chains chains) {
        return chains.steady.line(lines.steady());
    }

    @Benchmark
    public List<Notification> parseAndStateRecorded(Lines lines, Chains chains) {
        return chains.recorded.line(lines.recorded());
    }
}
