package io.ptpproxy.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JMH JSON (as {@code -rf json} writes it, with the CPU-time profiler) becomes the results table's section. */
class JmhResultsTest {

    private static final String RUN = """
            [{"jmhVersion":"1.37","benchmark":"io.ptpproxy.bench.jmh.LineBenchmarks.parseAndStateSteady","mode":"thrpt",
              "forks":1,"vmName":"OpenJDK 64-Bit Server VM","vmVersion":"17.0.15+6","warmupIterations":5,
              "warmupTime":"2 s","measurementIterations":3,"measurementTime":"2 s",
              "primaryMetric":{"score":1900000.0,"scoreError":300000.0,"scoreUnit":"ops/s",
                               "rawData":[[1500000.0,2100000.0,2000000.0]]},
              "secondaryMetrics":{
                "gc.alloc.rate.norm":{"score":385.0,"rawData":[[385.0,385.0,385.0]]},
                "cpu.share":{"score":0.7,"rawData":[[0.6,0.7,0.8]]},
                "per.cpu.second":{"score":2800000.0,"rawData":[[2500000.0,3000000.0,2900000.0]]}}}]
            """;

    @Test
    void should_give_medians_and_the_verdict_against_the_target(@TempDir Path dir) throws Exception {
        Path json = Files.writeString(dir.resolve("jmh.json"), RUN);

        String table = JmhResults.markdown(json);

        assertTrue(table.contains("| LineBenchmarks.parseAndStateSteady | 2,000,000 | 1,900,000 ± 300,000 | 3 | 2,900,000 | 0.70 | 385 |"),
                table);
        assertTrue(table.contains("median 2,000,000 lines/s (met), 2,900,000 per CPU-second (met)"), table);
    }
}
