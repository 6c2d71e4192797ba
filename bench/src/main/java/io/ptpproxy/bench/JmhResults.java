package io.ptpproxy.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JMH microbenchmarks' results (bench/jmh, written with {@code -rf json}) as a section of the
 * results table. On a shared 2-core machine single iterations swing widely, so the median of the
 * measured iterations is given beside JMH's mean and error, and, when the run had the CPU-time
 * profiler of bench/jmh, the median throughput per CPU-second of the benchmark JVM and the share of
 * the wall time it had the CPU: the figure that other load on the machine does not move.
 */
final class JmhResults {

    /** Issue #9: parse + state on one thread, after warm-up. */
    static final double PARSE_AND_STATE_TARGET = 2_000_000;

    private JmhResults() {
    }

    /** @return the Markdown section for the results of one JMH run */
    static String markdown(Path json) throws IOException {
        JsonNode runs = new ObjectMapper().readTree(json.toFile());
        StringBuilder b = new StringBuilder("## JMH microbenchmarks (one thread; ops/s = lines/s or events/s)\n\n");
        b.append("| benchmark | median of iterations (ops/s) | mean ± error (ops/s) | iterations | per CPU-second, median "
                + "(ops/CPU-s) | CPU share | allocated (B/op) |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|\n");
        String verdict = null;
        for (JsonNode run : runs) {
            String name = run.path("benchmark").asText().replaceFirst("^.*\\.bench\\.jmh\\.", "");
            JsonNode primary = run.path("primaryMetric");
            double median = median(primary.path("rawData"));
            JsonNode secondary = run.path("secondaryMetrics");
            JsonNode alloc = secondary.path("gc.alloc.rate.norm");
            JsonNode perCpu = secondary.path("per.cpu.second");
            double perCpuMedian = perCpu.isMissingNode() ? Double.NaN : median(perCpu.path("rawData"));
            b.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f ± %,.0f | %d | %s | %s | %s |%n", name, median,
                    primary.path("score").asDouble(), primary.path("scoreError").asDouble(),
                    count(primary.path("rawData")),
                    perCpu.isMissingNode() ? "–" : String.format(Locale.ROOT, "%,.0f", perCpuMedian),
                    secondary.path("cpu.share").isMissingNode() ? "–"
                            : String.format(Locale.ROOT, "%.2f", median(secondary.path("cpu.share").path("rawData"))),
                    alloc.isMissingNode() ? "–" : String.format(Locale.ROOT, "%.0f", alloc.path("score").asDouble())));
            if (name.endsWith("parseAndStateSteady")) {
                verdict = String.format(Locale.ROOT, "Parse + state on the steady stream against the target of %,.0f "
                                + "lines/s on one thread: median %,.0f lines/s (%s)%s.", PARSE_AND_STATE_TARGET, median,
                        median >= PARSE_AND_STATE_TARGET ? "met" : "not met",
                        perCpu.isMissingNode() ? "" : String.format(Locale.ROOT, ", %,.0f per CPU-second (%s)",
                                perCpuMedian, perCpuMedian >= PARSE_AND_STATE_TARGET ? "met" : "not met"));
            }
        }
        b.append(String.format(Locale.ROOT, "%nJMH %s, %s %s, %d fork(s), warm-up %s, measurement %s.%s%n",
                runs.path(0).path("jmhVersion").asText(), runs.path(0).path("vmName").asText(),
                runs.path(0).path("vmVersion").asText(), runs.path(0).path("forks").asInt(),
                runs.path(0).path("warmupIterations").asInt() + " × " + runs.path(0).path("warmupTime").asText(),
                runs.path(0).path("measurementIterations").asInt() + " × " + runs.path(0).path("measurementTime").asText(),
                verdict == null ? "" : " " + verdict));
        return b.toString();
    }

    private static double median(JsonNode rawData) {
        List<Double> values = new ArrayList<>();
        rawData.forEach(fork -> fork.forEach(iteration -> values.add(iteration.asDouble())));
        values.sort(null);
        int n = values.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    private static int count(JsonNode rawData) {
        int n = 0;
        for (JsonNode fork : rawData) {
            n += fork.size();
        }
        return n;
    }
}
