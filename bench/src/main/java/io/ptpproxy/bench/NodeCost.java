package io.ptpproxy.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ptpproxy.bench.StackSubscribers.Subscriber;

/**
 * What the proxy costs a node, measured as it is lived (issue 16): a fresh proxy, idle for a minute
 * (CPU from {@code /proc/<pid>/stat}), then rare state changes with steady lines in between, each from
 * the write to the real UNIX socket to three subscribers ({@link StackSubscribers}: the request's first
 * byte on the wire, the handler of a JDK {@code HttpServer}, the handler of a Python {@code http.server};
 * all warmed before the proxy starts), then a bounded load and the RSS after it. Run for the
 * configuration as shipped (the manifests' JAVA_TOOL_OPTIONS and an AppCDS archive trained as the
 * Containerfile does), for the README's command ({@code java @deploy/jvm.options -jar …}, one JVM), and
 * for any other proxy started by a shell command (the Go reference) on the same harness.
 *
 * <p>{@code java -cp ptp-event-proxy-bench.jar io.ptpproxy.bench.NodeCost [PROXY_RUNNER_JAR] [--out=FILE]
 * [--prod-flags="…"] [--idle-seconds=60] [--rare=50] [--rare-only [--versus=OTHER_JAR] [--rounds=N]]
 * [--command="…" [--label=NAME] [--socket=PATH]]}
 *
 * <p>{@code --rare-only} measures only the rare events of the configuration as shipped (a few seconds
 * of settling instead of the idle minute, no warm phase, no load, not the README's command); with
 * {@code --versus=OTHER_JAR} (or a {@code --command}) it alternates the configurations for {@code --rounds}
 * runs each (A, B, A, B, …, each jar with its own AppCDS archive) and reports per configuration the
 * median over the runs of each run's p50 and p99, and their ratio to the first: the A/B comparison for
 * a shared, noisy machine.
 *
 * <p>{@code --command} adds a column for a proxy started by {@code sh -c COMMAND} in a fresh temp dir, with
 * {@code {api-port}}, {@code {metrics-port}}, {@code {socket}} and {@code {dir}} replaced by the run's values;
 * it must serve the v2 REST API (health, subscriptions) for node {@code node1} on the API port and read
 * linuxptp lines on {@code --socket} (default {@code {dir}/events.sock}). No archive, no README's command.
 */
public final class NodeCost {

    private static final String STEADY_LOCKED = EndToEndLatency.IN_RANGE;
    private static final String STEADY_FREERUN = EndToEndLatency.OUT_OF_RANGE;
    /** Between two rare changes: this many steady lines, this far apart (≥ 200 ms in all). */
    private static final int STEADY_LINES = 4;
    private static final long STEADY_GAP_MS = 50;
    private static final int WARM_UP_CHANGES = 1_250;
    private static final int WARM_CHANGES = 1_000;
    private static final int LOAD_LINES = 100_000;
    private static final long ROUND_TIMEOUT_MS = 10_000;
    private static final long TICKS_PER_SECOND = 100;

    /** One run's figures. */
    record Result(String label, String command, double startupSeconds, double idleMillicores,
                  String idleThreads, long rssIdleKiB, long pssIdleKiB, Map<String, long[]> rare,
                  Map<String, long[]> warm, long rareMissed, long rssLoadedKiB, long pssLoadedKiB, int processes,
                  String load, Map<String, long[]> subscribersOwn) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int idleSeconds;
    private final int rareChanges;
    /** The subscribers' stacks, in subscription order (the Go reference takes one subscription per resource). */
    private List<String> stacks = List.of("wire", "jdk", "python");
    private SocketChannel writer;

    private NodeCost(int idleSeconds, int rareChanges) {
        this.idleSeconds = idleSeconds;
        this.rareChanges = rareChanges;
    }

    public static void main(String[] args) throws Exception {
        Path jar = null;
        Path out = Files.isDirectory(Path.of("bench")) ? Path.of("bench", "results", "node-cost.md")
                : Path.of("results", "node-cost.md");
        String flags = null;
        int idle = 60;
        int rare = 50;
        int starts = 0;
        boolean readme = true;
        boolean startsOnly = false;
        boolean rareOnly = false;
        boolean explicitOut = false;
        Path versus = null;
        int rounds = 5;
        String command = null;
        String label = "command";
        List<String> stacks = null;
        Path socket = null;
        for (String a : args) {
            if (a.startsWith("--out=")) {
                out = Path.of(a.substring("--out=".length()));
                explicitOut = true;
            } else if (a.startsWith("--prod-flags=")) {
                flags = a.substring("--prod-flags=".length());
            } else if (a.startsWith("--idle-seconds=")) {
                idle = Integer.parseInt(a.substring("--idle-seconds=".length()));
            } else if (a.startsWith("--rare=")) {
                rare = Integer.parseInt(a.substring("--rare=".length()));
            } else if (a.startsWith("--starts=")) {
                starts = Integer.parseInt(a.substring("--starts=".length()));
            } else if (a.startsWith("--java=")) {
                ProxyProcess.useJava(a.substring("--java=".length()));
            } else if (a.equals("--shipped-only")) {
                readme = false;
            } else if (a.equals("--starts-only")) {
                startsOnly = true;
            } else if (a.equals("--rare-only")) {
                rareOnly = true;
            } else if (a.startsWith("--versus=")) {
                versus = Path.of(a.substring("--versus=".length()));
            } else if (a.startsWith("--rounds=")) {
                rounds = Integer.parseInt(a.substring("--rounds=".length()));
            } else if (a.startsWith("--command=")) {
                command = a.substring("--command=".length());
            } else if (a.startsWith("--label=")) {
                label = a.substring("--label=".length());
            } else if (a.startsWith("--subscribers=")) {
                stacks = List.of(a.substring("--subscribers=".length()).split(","));
            } else if (a.startsWith("--socket=")) {
                socket = Path.of(a.substring("--socket=".length()));
            } else if (a.startsWith("--")) {
                System.err.println("unknown option " + a);
                System.exit(2);
            } else {
                jar = Path.of(a);
            }
        }
        if ((jar == null && command == null) || (jar != null && !Files.isRegularFile(jar)) || (startsOnly && jar == null)) {
            System.err.println("usage: java -cp ptp-event-proxy-bench.jar io.ptpproxy.bench.NodeCost [PROXY_RUNNER_JAR]"
                    + " [--out=FILE] [--prod-flags=\"" + BenchOptions.PRODUCTION_FLAGS + "\"] [--idle-seconds=60] [--rare=50]"
                    + " [--java=JDK/bin/java] [--starts=N] [--shipped-only] [--starts-only]"
                    + " [--rare-only [--versus=OTHER_JAR] [--rounds=5]]"
                    + " [--command=\"SHELL COMMAND with {api-port} {metrics-port} {socket} {dir}\" [--label=NAME] [--socket=PATH]]"
                    + " [--subscribers=wire,jdk,python]");
            System.exit(2);
        }
        if (flags == null) {
            flags = BenchOptions.PRODUCTION_FLAGS + AppCds.javaRuntimeOptions(ProxyProcess.javaCommand());
        }
        NodeCost bench = new NodeCost(rareOnly ? 0 : idle, rare);
        if (stacks != null) {
            bench.stacks = stacks;
        }
        Candidate other = null;
        if (command != null) {
            String template = command;
            Path events = socket;
            other = new Candidate(label, command, () -> ProxyProcess.startCommand(template, events, bench.http));
        }
        if (rareOnly) {
            if (!explicitOut) {
                out = out.resolveSibling("rare-events.md");
            }
            List<Candidate> candidates = new ArrayList<>();
            boolean sameName = versus != null && jar != null && versus.getFileName().equals(jar.getFileName());
            for (Path j : versus == null ? new Path[] {jar} : new Path[] {jar, versus}) {
                if (j != null) {
                    candidates.add(shipped(bench, j, flags, (sameName ? j : j.getFileName()).toString()));
                }
            }
            if (other != null) {
                candidates.add(other);
            }
            rareOnly(bench, candidates, candidates.size() == 1 ? 1 : rounds, flags, rare, out);
            System.exit(0);
        }
        long t0 = System.nanoTime();
        List<Result> results = new ArrayList<>();
        List<double[]> startSamples = new ArrayList<>();
        if (jar != null) {
            Candidate shipped = shipped(bench, jar, flags, "as shipped");
            for (int i = 0; i < starts; i++) {
                startSamples.add(bench.startOnly(shipped));
            }
            if (startsOnly) {
                System.out.println(startsReport(shipped.command(), startSamples));
                System.exit(0);
            }
            results.add(bench.measure(shipped));
            if (readme) {
                Path j = jar;
                results.add(bench.measure(new Candidate("README's command",
                        ProxyProcess.javaCommand() + " @deploy/jvm.options -jar target/ptp-event-proxy-runner.jar",
                        () -> ProxyProcess.start(j, List.of("@" + readmeJvmOptions(j)), Map.of(), bench.http))));
            }
        }
        if (other != null) {
            results.add(bench.measure(other));
        }
        String report = report(jar, results, (System.nanoTime() - t0) / 1e9, idle, rare, startSamples);
        System.out.println(report);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, report);
        log("written to " + out);
        System.exit(0);
    }

    /** Starts one proxy process of a configuration. */
    @FunctionalInterface
    interface Starter {
        ProxyProcess start() throws Exception;
    }

    /** A configuration measured: its column label, the command line the report names, how to start it. */
    record Candidate(String label, String command, Starter starter) {
    }

    /** @return the jar as shipped: JAVA_TOOL_OPTIONS = flags, and its start-up archive, trained first */
    private static Candidate shipped(NodeCost bench, Path jar, String flags, String label) throws Exception {
        log("start-up archive of " + jar + ", trained as deploy/container/Containerfile does, on "
                + ProxyProcess.javaCommand());
        List<String> archive = AppCds.train(jar, flags);
        return new Candidate(label, shippedCommand(flags, archive),
                () -> ProxyProcess.start(jar, archive, Map.of("JAVA_TOOL_OPTIONS", flags), bench.http));
    }

    /**
     * One more fresh start of the shipped configuration: start → health (s), RSS 3 s later (KiB) and
     * the CPU time the JVM used up to health (s; less moved by other load than the wall time).
     */
    private double[] startOnly(Candidate candidate) throws Exception {
        try (ProxyProcess proxy = candidate.starter().start()) {
            double cpu = cpuTicks(proxy) / (double) TICKS_PER_SECOND;
            Thread.sleep(3_000);
            double[] sample = {proxy.startupNanos / 1e9, proxy.rssKiB(), cpu};
            log(String.format(Locale.ROOT, "start-up %.2f s (CPU %.2f s), RSS 3 s later %d KiB", sample[0], cpu,
                    (long) sample[1]));
            return sample;
        }
    }

    private static String startsReport(String command, List<double[]> starts) {
        StringBuilder b = new StringBuilder("`" + command + "`, " + starts.size() + " fresh starts, load average "
                + EndToEndLatency.loadavg() + "\n");
        String[] names = {"start → health (s)", "RSS 3 s after health (MiB)", "CPU time to health (s)"};
        double[] scale = {1, 1 / 1024.0, 1};
        for (int i = 0; i < names.length; i++) {
            int k = i;
            double[] v = starts.stream().mapToDouble(s -> s[k] * scale[k]).sorted().toArray();
            b.append(String.format(Locale.ROOT, "- %s: median %.2f (min %.2f, max %.2f)%n", names[i], v[v.length / 2],
                    v[0], v[v.length - 1]));
        }
        return b.toString();
    }

    /** @return the README's JDK argument file: in the jar's project (target/..), else from the working directory */
    private static Path readmeJvmOptions(Path jar) {
        Path project = jar.toAbsolutePath().getParent().getParent();
        for (Path options : List.of(project.resolve("deploy/jvm.options"), Path.of("deploy/jvm.options"),
                Path.of("../deploy/jvm.options"))) {
            if (Files.isRegularFile(options)) {
                return options.toAbsolutePath();
            }
        }
        throw new IllegalStateException("no deploy/jvm.options beside " + jar + " or here: the README's command needs it");
    }

    /** @return the shipped configuration's command line as the report names it (the archive by file name) */
    private static String shippedCommand(String flags, List<String> archive) {
        return "JAVA_TOOL_OPTIONS=\"" + flags + "\" " + ProxyProcess.javaCommand() + " "
                + String.join(" ", archive).replaceAll("=\\S*/(app\\.\\w+)", "=$1") + " -jar …";
    }

    /**
     * Rare events only: one run of one configuration, or runs of several alternated (A, B, A, B, …).
     */
    private static void rareOnly(NodeCost bench, List<Candidate> candidates, int rounds, String flags, int rare,
                                 Path out) throws Exception {
        Map<String, List<Result>> runs = new LinkedHashMap<>();
        bench.rareOnly = true;
        for (int round = 0; round < rounds; round++) {
            for (Candidate c : candidates) {
                Candidate run = new Candidate(c.label() + ", run " + (round + 1), c.command(), c.starter());
                runs.computeIfAbsent(c.label(), k -> new ArrayList<>()).add(bench.measure(run));
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("# Rare events from a fresh start (issue 16, `NodeCost --rare-only`)\n\n");
        b.append(String.format(Locale.ROOT, "Run %s, %d CPUs, Java %s, jars as shipped (flags `%s` + AppCDS), %d change(s) "
                        + "per run, %d run(s) per configuration alternated, load average at the end %s. Latency: write "
                        + "to the UNIX socket → the request's first byte at a subscriber's socket (wire) or the first "
                        + "statement of its handler, ms; per run p50 / p99, then the median over the runs. The "
                        + "subscribers were warmed with %,d POSTs each before the proxy started.%n%n",
                Instant.now().toString().substring(0, 19) + "Z", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), flags, rare, rounds, EndToEndLatency.loadavg(),
                StackSubscribers.WARM_UP_REQUESTS));
        b.append("| configuration | subscriber | runs: p50 / p99 | median p50 | median p99 | events 1, 2, 10, last | start → health (s) |\n");
        b.append("|---|---|---|---:|---:|---|---:|\n");
        Map<String, double[]> medians = new LinkedHashMap<>();
        for (Map.Entry<String, List<Result>> e : runs.entrySet()) {
            for (String stack : e.getValue().get(0).rare().keySet()) {
                StringBuilder each = new StringBuilder();
                double[] p50 = new double[e.getValue().size()];
                double[] p99 = new double[e.getValue().size()];
                for (int i = 0; i < p50.length; i++) {
                    long[] samples = e.getValue().get(i).rare().get(stack);
                    p50[i] = percentile(samples, 50);
                    p99[i] = percentile(samples, 99);
                    each.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f / %.2f", p50[i], p99[i]));
                }
                long[] first = e.getValue().get(0).rare().get(stack);
                String events = String.format(Locale.ROOT, "%.2f, %.2f, %.2f, %.2f", first[0] / 1e6,
                        first[Math.min(1, first.length - 1)] / 1e6, first[Math.min(9, first.length - 1)] / 1e6,
                        first[first.length - 1] / 1e6);
                double[] m = {median(p50), median(p99)};
                medians.put(e.getKey() + " " + stack, m);
                b.append(String.format(Locale.ROOT, "| `%s` | %s | %s | %.2f | %.2f | %s (run 1) | %s |%n",
                        e.getKey(), stack, each, m[0], m[1], events, e.getValue().stream()
                                .map(r -> String.format(Locale.ROOT, "%.2f", r.startupSeconds()))
                                .reduce((x, y) -> x + ", " + y).orElse("")));
            }
        }
        b.append('\n');
        for (Map.Entry<String, List<Result>> e : runs.entrySet()) {
            b.append("- `").append(e.getKey()).append("`: `").append(candidates.stream()
                    .filter(c -> c.label().equals(e.getKey())).findFirst().orElseThrow().command()).append("`; ")
                    .append(firstByteCheck(e.getValue())).append("; the subscribers alone (harness POST → arrival after a ")
                    .append(StackSubscribers.PROBE_GAP_MS).append(" ms pause, run 1): ")
                    .append(summary(e.getValue().get(0).subscribersOwn())).append('\n');
        }
        String base = candidates.get(0).label();
        for (Candidate c : candidates.subList(1, candidates.size())) {
            b.append("\n| subscriber | ratio ").append(c.label()).append(" / ").append(base)
                    .append(": median p50 | median p99 |\n|---|---:|---:|\n");
            for (String stack : runs.get(base).get(0).rare().keySet()) {
                double[] a = medians.get(base + " " + stack);
                double[] v = medians.get(c.label() + " " + stack);
                b.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f |%n", stack, v[0] / a[0], v[1] / a[1]));
            }
        }
        System.out.println(b);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, b.toString());
        log("written to " + out);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private boolean rareOnly;

    /**
     * One configuration from a fresh start: the three subscribers are made and warmed first (before the
     * proxy starts, so that their own first requests are not in any figure), then the proxy is started
     * and measured phase by phase.
     */
    private Result measure(Candidate candidate) throws Exception {
        String label = candidate.label();
        String command = candidate.command();
        log("=== " + label + ": " + command);
        List<Subscriber> subscribers = new ArrayList<>();
        try {
            // subscribed in this order: a proxy that delivers in that order writes to the first one first
            for (String stack : stacks) {
                subscribers.add(switch (stack) {
                    case "wire" -> StackSubscribers.wire();
                    case "jdk" -> StackSubscribers.jdk();
                    case "python" -> StackSubscribers.python();
                    default -> throw new IllegalArgumentException("no subscriber stack " + stack + " (wire, jdk, python)");
                });
            }
            long warming = System.nanoTime();
            Map<String, long[]> own = new LinkedHashMap<>();
            for (Subscriber s : subscribers) {
                own.put(s.name(), StackSubscribers.warm(s, StackSubscribers.WARM_UP_REQUESTS));
            }
            log(String.format(Locale.ROOT, "subscribers warmed: %,d POSTs each in %.1f s; their own latency: %s",
                    StackSubscribers.WARM_UP_REQUESTS, (System.nanoTime() - warming) / 1e9, summary(own)));
            return measure(candidate, subscribers, own);
        } finally {
            subscribers.forEach(Subscriber::close);
        }
    }

    private Result measure(Candidate candidate, List<Subscriber> subscribers, Map<String, long[]> own)
            throws Exception {
        String label = candidate.label();
        String command = candidate.command();
        try (ProxyProcess proxy = candidate.starter().start()) {
            double startup = proxy.startupNanos / 1e9;
            log(String.format(Locale.ROOT, "healthy after %.2f s; %d s idle (no lines, no subscribers)", startup, idleSeconds));
            Thread.sleep(5_000);
            Map<String, Long> threadsBefore = threadTicks(proxy);
            long before = cpuTicks(proxy);
            long idleStart = System.nanoTime();
            Thread.sleep(idleSeconds * 1000L);
            long ticks = cpuTicks(proxy) - before;
            double seconds = (System.nanoTime() - idleStart) / 1e9;
            double millicores = ticks * 1000.0 / TICKS_PER_SECOND / seconds;
            String idleThreads = busiest(threadsBefore, threadTicks(proxy));
            long rssIdle = proxy.rssKiB();
            long pssIdle = proxy.pssKiB();
            log(String.format(Locale.ROOT, "idle %.2f millicores (%d ticks in %.1f s; %s), RSS %d KiB",
                    millicores, ticks, seconds, idleThreads, rssIdle));

            Map<String, long[]> rare = new LinkedHashMap<>();
            Map<String, long[]> warm = new LinkedHashMap<>();
            long missed = 0;
            writer = proxy.connect();
            write(EndToEndLatency.PORT_LINE);
            for (Subscriber s : subscribers) {
                proxy.subscribe(s.endpoint());
            }
            Thread.sleep(500);
            subscribers.forEach(s -> s.arrivals().clear());
            String value = "FREERUN";
            for (Subscriber s : subscribers) {
                rare.put(s.name(), new long[rareChanges]);
                warm.put(s.name(), new long[WARM_CHANGES]);
            }
            for (int i = 0; i < rareChanges; i++) {
                String steady = value.equals("LOCKED") ? STEADY_LOCKED : STEADY_FREERUN;
                for (int k = 0; k < STEADY_LINES; k++) {
                    Thread.sleep(STEADY_GAP_MS);
                    write(steady);
                }
                Thread.sleep(STEADY_GAP_MS);
                value = value.equals("LOCKED") ? "FREERUN" : "LOCKED";
                missed += change(value, subscribers, rare, i);
            }
            log("rare: " + summary(rare) + (missed > 0 ? ", " + missed + " missed" : ""));
            log("rare: " + firstByteCheck(rare));
            if (rareOnly) {
                writer.close();
                return new Result(label, command, startup, millicores, idleThreads, rssIdle, pssIdle, rare, warm,
                        missed, 0, 0, proxy.pids().size(), EndToEndLatency.loadavg(), own);
            }
            Map<String, long[]> discard = new HashMap<>();
            for (Subscriber s : subscribers) {
                discard.put(s.name(), new long[1]);
            }
            for (int i = 0; i < WARM_UP_CHANGES + WARM_CHANGES; i++) {
                value = value.equals("LOCKED") ? "FREERUN" : "LOCKED";
                boolean measured = i >= WARM_UP_CHANGES;
                missed += change(value, subscribers, measured ? warm : discard, measured ? i - WARM_UP_CHANGES : 0);
            }
            log("warm: " + summary(warm));
            ingest(value.equals("LOCKED") ? STEADY_LOCKED : STEADY_FREERUN);
            writer.close();
            Thread.sleep(2_000);
            long rssLoaded = proxy.rssKiB();
            long pssLoaded = proxy.pssKiB();
            int processes = proxy.pids().size();
            log(String.format(Locale.ROOT, "RSS after load %d KiB (PSS %d KiB, %d process%s)", rssLoaded, pssLoaded,
                    processes, processes == 1 ? "" : "es"));
            return new Result(label, command, startup, millicores, idleThreads, rssIdle, pssIdle,
                    rare, warm, missed, rssLoaded, pssLoaded, processes, EndToEndLatency.loadavg(), own);
        }
    }

    /**
     * Writes the line that flips lock-state to {@code value} and waits for every subscriber's event.
     *
     * @return the number of subscribers whose event did not come within the round's limit
     */
    private long change(String value, List<Subscriber> subscribers, Map<String, long[]> samples, int index)
            throws Exception {
        long written = System.nanoTime();
        write(value.equals("LOCKED") ? STEADY_LOCKED : STEADY_FREERUN);
        long deadline = written + TimeUnit.MILLISECONDS.toNanos(ROUND_TIMEOUT_MS);
        long missed = 0;
        for (Subscriber s : subscribers) {
            long arrival = -1;
            while (arrival < 0) {
                String[] next = s.arrivals().poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
                if (next[0].equals(value)) {
                    arrival = Long.parseLong(next[1]);
                }
            }
            if (arrival < 0) {
                missed++;
                samples.get(s.name())[index] = -1;
            } else {
                samples.get(s.name())[index] = arrival - written;
            }
        }
        return missed;
    }

    /** Load: steady lines (no state change) written as fast as the socket takes them. */
    private void ingest(String steady) throws IOException {
        byte[] line = steady.getBytes(StandardCharsets.US_ASCII);
        int perChunk = 64 * 1024 / line.length;
        ByteBuffer chunk = ByteBuffer.allocate(perChunk * line.length);
        for (int i = 0; i < perChunk; i++) {
            chunk.put(line);
        }
        for (int written = 0; written < LOAD_LINES; written += perChunk) {
            chunk.rewind();
            while (chunk.hasRemaining()) {
                writer.write(chunk);
            }
        }
    }

    private void write(String line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) {
            writer.write(b);
        }
    }

    /** utime + stime of the proxy and its descendants, in clock ticks. */
    private static long cpuTicks(ProxyProcess proxy) {
        long sum = 0;
        for (long pid : proxy.pids()) {
            sum += ticks(Path.of("/proc", Long.toString(pid), "stat"));
        }
        return sum;
    }

    /** Per thread name (summed over the process tree, digits folded into #), utime + stime in ticks. */
    private static Map<String, Long> threadTicks(ProxyProcess proxy) {
        Map<String, Long> byName = new HashMap<>();
        for (long pid : proxy.pids()) {
            try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#");
                        byName.merge(name, ticks(task.resolve("stat")), Long::sum);
                    } catch (IOException e) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException e) {
                // the process ended meanwhile
            }
        }
        return byName;
    }

    /** Fields 14 and 15 of a stat file (after the parenthesised name, which may hold spaces). */
    private static long ticks(Path stat) {
        try {
            String text = Files.readString(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String busiest(Map<String, Long> before, Map<String, Long> after) {
        List<Map.Entry<String, Long>> grown = new ArrayList<>();
        after.forEach((name, ticks) -> {
            long delta = ticks - before.getOrDefault(name, 0L);
            if (delta > 0) {
                grown.add(Map.entry(name, delta));
            }
        });
        grown.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        if (grown.isEmpty()) {
            return "no thread used a tick";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(6, grown.size()); i++) {
            b.append(i == 0 ? "" : ", ").append('`').append(grown.get(i).getKey()).append("` ")
                    .append(grown.get(i).getValue() * 10).append(" ms");
        }
        return b.toString();
    }

    /**
     * @return per event, the JDK handler's arrival minus the wire subscriber's first byte (ns; the JDK stack's
     *         own share plus the proxy's gap between writing the two requests), for events both received
     */
    private static long[] handlerAfterWire(Map<String, long[]> samples) {
        long[] wire = samples.get(StackSubscribers.WIRE);
        long[] jdk = samples.get(StackSubscribers.JDK);
        if (wire == null || jdk == null) {
            return new long[0];
        }
        List<Long> gaps = new ArrayList<>();
        for (int i = 0; i < Math.min(wire.length, jdk.length); i++) {
            if (wire[i] >= 0 && jdk[i] >= 0) {
                gaps.add(jdk[i] - wire[i]);
            }
        }
        return gaps.stream().mapToLong(Long::longValue).toArray();
    }

    /** @return how many events reached the JDK handler before their first byte reached the wire subscriber */
    private static long firstByteLate(Map<String, long[]> samples) {
        return Arrays.stream(handlerAfterWire(samples)).filter(gap -> gap < 0).count();
    }

    /** The check of the wire subscriber, over one run: its first byte must come before the JDK handler. */
    private static String firstByteCheck(Map<String, long[]> samples) {
        long[] gaps = handlerAfterWire(samples);
        if (gaps.length == 0) {
            return "no wire and JDK subscriber pair to check";
        }
        long[] sorted = gaps.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "first byte after the JDK handler in %d of %d events (JDK handler − first "
                        + "byte: min %.3f, p50 %.3f, max %.3f ms)", firstByteLate(samples), gaps.length,
                sorted.length == 0 ? Double.NaN : sorted[0] / 1e6, percentileSigned(sorted, 50),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
    }

    private static String firstByteCheck(List<Result> runs) {
        if (handlerAfterWire(runs.get(0).rare()).length == 0) {
            return firstByteCheck(runs.get(0).rare());
        }
        StringBuilder b = new StringBuilder();
        for (Result r : runs) {
            b.append(b.length() == 0 ? "" : "; ").append(firstByteCheck(r.rare()));
        }
        return b.toString();
    }

    private static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** @return p in ms of sorted values that may be negative */
    private static double percentileSigned(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }

    /** @return p in ms of the samples that arrived */
    private static double percentile(long[] samples, double p) {
        long[] sorted = Arrays.stream(samples).filter(v -> v >= 0).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }

    private static String summary(Map<String, long[]> samples) {
        StringBuilder b = new StringBuilder();
        samples.forEach((name, values) -> b.append(b.length() == 0 ? "" : "; ").append(name).append(String.format(
                Locale.ROOT, " p50 %.2f / p90 %.2f / p99 %.2f ms", percentile(values, 50), percentile(values, 90),
                percentile(values, 99))));
        return b.toString();
    }

    private static String report(Path jar, List<Result> results, double seconds, int idle, int rare,
                                 List<double[]> starts) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("# Node cost: the proxy as lived (issue 16)\n\n");
        b.append(String.format(Locale.ROOT, "Run %s, %d CPUs, harness on Java %s, %s, %.0f s in all, "
                        + "load average at the end %s.%n%n", Instant.now().toString().substring(0, 19) + "Z",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                jar == null ? "no proxy jar" : "proxy jar `" + jar.getFileName() + "` (" + Files.size(jar) / 1024 + " KiB)",
                seconds, EndToEndLatency.loadavg()));
        b.append("| measure |");
        results.forEach(r -> b.append(' ').append(r.label()).append(" |"));
        b.append("\n|---|");
        results.forEach(r -> b.append("---:|"));
        b.append('\n');
        for (String stack : results.get(0).rare().keySet()) {
            row(b, "rare: first " + rare + " changes after start, line → " + stack + ", p50 / p90 / p99 (ms)", results,
                    r -> String.format(Locale.ROOT, "%.2f / %.2f / %.2f", percentile(r.rare().get(stack), 50),
                            percentile(r.rare().get(stack), 90), percentile(r.rare().get(stack), 99)));
        }
        boolean decomposed = results.get(0).rare().containsKey(StackSubscribers.WIRE)
                && results.get(0).rare().containsKey(StackSubscribers.JDK);
        if (decomposed) {
            row(b, "rare: JDK handler − first byte at the wire subscriber, per event, p50 / p90 (ms; the proxy's gap "
                    + "between writing the two requests + the JDK stack)", results, r -> String.format(Locale.ROOT,
                    "%.2f / %.2f", percentileSigned(sorted(handlerAfterWire(r.rare())), 50),
                    percentileSigned(sorted(handlerAfterWire(r.rare())), 90)));
            row(b, "rare: events whose first byte came after the JDK handler (check, 0 expected)", results,
                    r -> Long.toString(firstByteLate(r.rare())));
        }
        for (String stack : results.get(0).subscribersOwn().keySet()) {
            row(b, "the subscriber alone: harness POST → " + stack + " after a " + StackSubscribers.PROBE_GAP_MS
                    + " ms pause, no proxy, p50 / p90 (ms)", results, r -> String.format(Locale.ROOT, "%.2f / %.2f",
                    percentile(r.subscribersOwn().get(stack), 50), percentile(r.subscribersOwn().get(stack), 90)));
        }
        for (String stack : results.get(0).warm().keySet()) {
            row(b, "warm: " + WARM_CHANGES + " changes after " + (rare + WARM_UP_CHANGES) + " others, " + stack
                    + ", p50 / p99 (ms)", results, r -> String.format(Locale.ROOT, "%.2f / %.2f",
                    percentile(r.warm().get(stack), 50), percentile(r.warm().get(stack), 99)));
        }
        row(b, "deliveries missed (" + ROUND_TIMEOUT_MS / 1000 + " s limit)", results, r -> Long.toString(r.rareMissed()));
        row(b, "idle CPU over " + idle + " s, no lines, no subscribers (millicores)", results,
                r -> String.format(Locale.ROOT, "%.2f", r.idleMillicores()));
        row(b, "start → first API `health` 200 (s)", results, r -> String.format(Locale.ROOT, "%.2f", r.startupSeconds()));
        row(b, "RSS idle, end of the idle window (MiB; PSS)", results, r -> String.format(Locale.ROOT, "%.1f (%.1f)",
                r.rssIdleKiB() / 1024.0, r.pssIdleKiB() / 1024.0));
        row(b, "RSS after load (MiB; PSS)", results, r -> String.format(Locale.ROOT, "%.1f (%.1f)",
                r.rssLoadedKiB() / 1024.0, r.pssLoadedKiB() / 1024.0));
        row(b, "processes (JVMs) of the proxy", results, r -> Integer.toString(r.processes()));
        if (!starts.isEmpty()) {
            double[] startup = starts.stream().mapToDouble(s -> s[0]).sorted().toArray();
            double[] rss = starts.stream().mapToDouble(s -> s[1] / 1024.0).sorted().toArray();
            b.append(String.format(Locale.ROOT, "| %d more fresh starts as shipped: start → health, median (min–max) (s) | "
                    + "%.2f (%.2f–%.2f) |%n", startup.length, startup[startup.length / 2], startup[0],
                    startup[startup.length - 1]));
            b.append(String.format(Locale.ROOT, "| same, RSS 3 s after health, median (min–max) (MiB) | %.1f (%.1f–%.1f) |%n",
                    rss[rss.length / 2], rss[0], rss[rss.length - 1]));
        }
        b.append("\n");
        for (Result r : results) {
            b.append("- **").append(r.label()).append("**: `").append(r.command()).append("`; idle CPU by thread: ")
                    .append(r.idleThreads()).append("; load average after it ").append(r.load()).append('\n');
        }
        b.append(String.format(Locale.ROOT, "%nRare: after the idle minute, the subscribers of lock-state (%s), "
                + "subscribed in the order of the rows, all HTTP/1.1 keep-alive answering 204: **wire**, the request's first byte "
                + "on the subscriber's accepted socket (a blocking read on the connection's own thread, before any "
                + "HTTP parsing: the proxy's latency to the wire), a JDK `HttpServer` and a Python `http.server` "
                + "(first statement of the handler: the proxy plus that stack's own parsing and dispatch). Each is "
                + "warmed with %,d POSTs before the proxy starts: a production consumer is a long-running process, "
                + "and the figure is to describe the proxy, not a subscriber's own first requests; then %d more "
                + "POSTs %d ms apart time the subscriber alone (harness write → arrival). Then per change "
                + "%d steady lines %d ms apart and the line that flips the state; latency = the write to the UNIX "
                + "socket → `nanoTime`/`monotonic_ns` at the subscriber. Warm: %d changes back to back "
                + "unmeasured, then %d measured. Load: those, then %,d steady lines in 64 KiB writes; RSS 2 s "
                + "later. RSS and CPU are summed over the proxy's process tree (a re-launched proxy is two JVMs; "
                + "PSS splits the pages they share).%n", String.join(", ", results.get(0).rare().keySet()),
                StackSubscribers.WARM_UP_REQUESTS, StackSubscribers.PROBES, StackSubscribers.PROBE_GAP_MS,
                STEADY_LINES, STEADY_GAP_MS,
                WARM_UP_CHANGES, WARM_CHANGES, LOAD_LINES));
        return b.toString();
    }

    private static void row(StringBuilder b, String measure, List<Result> results,
                            java.util.function.Function<Result, String> cell) {
        b.append("| ").append(measure).append(" |");
        results.forEach(r -> b.append(' ').append(cell.apply(r)).append(" |"));
        b.append('\n');
    }

    private static void log(String s) {
        System.err.println("[node-cost " + Instant.now().toString().substring(11, 23) + " load "
                + EndToEndLatency.loadavg() + "] " + s);
    }
}
