package io.ptpproxy.bench.jmh;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

import com.sun.management.OperatingSystemMXBean;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Throughput per CPU-second of the benchmark JVM ({@code -prof io.ptpproxy.bench.jmh.CpuTimeProfiler}).
 * On a shared 2-core machine the benchmark thread gets the CPU only part of the time, and ops/s falls
 * with whatever else runs; ops per CPU-second of the whole JVM (benchmark thread, GC and JIT
 * included) does not, so it is the figure to hold against a one-thread target there.
 * {@code cpu.share} says how much of the wall time the JVM had: near 1 on an idle machine.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "throughput per CPU-second of the benchmark JVM";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        cpuStart = os.getProcessCpuTime();
        wallStart = System.nanoTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration,
                                                       IterationResult result) {
        double cpu = os.getProcessCpuTime() - cpuStart;
        double wall = System.nanoTime() - wallStart;
        double share = cpu / wall;
        return List.of(new ScalarResult("cpu.share", share, "CPU/wall", AggregationPolicy.AVG),
                new ScalarResult("per.cpu.second", result.getPrimaryResult().getScore() / share,
                        result.getPrimaryResult().getScoreUnit().replace("/s", "/CPU-s"), AggregationPolicy.AVG));
    }
}
