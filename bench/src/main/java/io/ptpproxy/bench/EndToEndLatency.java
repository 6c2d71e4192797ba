package io.ptpproxy.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * End-to-end benchmark of the PTP fast-event proxy: one linuxptp line written to the proxy's UNIX
 * socket → the lock-state CloudEvent arriving at HTTP subscribers. Usage:
 *
 * <pre>java -jar ptp-event-proxy-bench.jar PROXY_RUNNER_JAR [--out=FILE] [--quick] [--default-only]
 *     [--prod-flags="..."] [--no-appcds] [--soak-minutes=N]</pre>
 *
 * See bench/README.md for what each figure means. {@link #smoke(Path)} is a seconds-long run of the
 * same code that the proxy's integration tests use to keep the harness working.
 */
public final class EndToEndLatency {

    /** The proxy's switch that keeps a plain JVM's defaults instead of re-launching with the shipped flags. */
    static final String RELAUNCH_SWITCH = "ptp-event-proxy.relaunch";
    static final String PORT_LINE = "ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED\n";
    static final String IN_RANGE = "ptp4l[2.0]: [ptp4l.0.config] master offset 5 s2 freq 0 path delay 1\n";
    static final String OUT_OF_RANGE = "ptp4l[2.0]: [ptp4l.0.config] master offset 500 s2 freq 0 path delay 1\n";
    static final long ROUND_TIMEOUT_MS = 10_000;

    /** Scales the sample counts (--quick = 0.1). */
    static double scale = 1.0;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final StringBuilder latency = new StringBuilder();
    private final StringBuilder throughput = new StringBuilder();
    private final StringBuilder startup = new StringBuilder();
    private final StringBuilder soak = new StringBuilder();
    private final List<String> notes = new ArrayList<>();
    /** Event body seen by a subscriber, for the floor's payload. */
    private byte[] sampleBody;

    // per proxy run
    private String lastValue;
    private SocketChannel writer;

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        scale = options.scale();
        try {
            new EndToEndLatency().run(options);
        } catch (Exception e) {
            // the subscribers' non-daemon server threads would keep a failed run's JVM alive, and bench/run waiting
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** What {@link #smoke(Path)} saw. */
    record SmokeResult(double startupSeconds, int subscribers, int lines, long delivered, long missed, long stray,
                       int ingestLines, double ingestSeconds, long rssKiB) {
    }

    /**
     * A few seconds of the real benchmark, for the test suite: the proxy jar with default flags, three
     * live subscribers and a dead one, 20 measured lines in the closed loop, then 5,000 lines of
     * sustained ingest. Nothing is written; the caller asserts on the counts.
     */
    static SmokeResult smoke(Path jar) throws Exception {
        EndToEndLatency bench = new EndToEndLatency();
        Subscribers.Kind[] kinds = {Subscribers.Kind.LIVE, Subscribers.Kind.DEAD, Subscribers.Kind.LIVE, Subscribers.Kind.LIVE};
        try (ProxyProcess proxy = ProxyProcess.start(jar, List.of(), bench.http);
             Subscribers s = Subscribers.serverEach(kinds, 2)) {
            bench.writer = proxy.connect();
            bench.write(PORT_LINE);
            bench.subscribeAll(proxy, s);
            s.breakTheBadOnes();
            Loop loop = bench.closedLoop(s, 5, 20);
            proxy.deleteAllSubscriptions();
            Ingest ingest;
            try (Subscribers one = Subscribers.sharedServer(1, 2)) {
                bench.subscribeAll(proxy, one);
                ingest = bench.ingest(one, 5000);
            }
            bench.writer.close();
            return new SmokeResult(proxy.startupNanos / 1e9, s.live, 20, loop.all.getTotalCount(), loop.missed,
                    s.stray.get(), ingest.lines, ingest.seconds, proxy.rssKiB());
        }
    }

    private void run(BenchOptions options) throws Exception {
        long t0 = System.nanoTime();
        Path jar = options.jar();
        log("proxy jar " + jar.toAbsolutePath() + " (" + Files.size(jar) / 1024 + " KiB, modified "
                + Files.getLastModifiedTime(jar) + "); " + options);
        floor();
        fanOutReference();
        // the JVM's own defaults, as the earlier runs measured them: a plain `java -jar` now re-launches
        // itself with the shipped flags (the node-cost run measures that)
        suite(jar, "defaults", List.of("-D" + RELAUNCH_SWITCH + "=false"));
        List<String> production = new ArrayList<>(options.productionFlags());
        if (options.appCds() && (options.productionSuite() || options.soakMinutes() > 0)) {
            long t = System.nanoTime();
            List<String> archive = AppCds.train(jar, String.join(" ", options.productionFlags()));
            log(String.format(Locale.ROOT, "archive %s trained in %.1f s", archive.get(0),
                    (System.nanoTime() - t) / 1e9));
            production.addAll(archive);
        }
        if (options.productionSuite()) {
            suite(jar, options.productionLabel(), production);
        }
        if (options.soakMinutes() > 0) {
            log("=== soak, " + options.soakMinutes() + " min, proxy JVM: " + options.productionLabel());
            Soak.Result result = Soak.run(jar, production, options.productionLabel(), options.soakMinutes(), http);
            log(String.format(Locale.ROOT, "soak: %d of %d events delivered", result.delivered(), result.expected()));
            soak.append(Soak.report(result));
        }
        Path out = options.out();
        String report = report(jar, (System.nanoTime() - t0) / 1e9,
                options.jmhJson() == null ? "" : JmhResults.markdown(options.jmhJson()));
        System.out.println();
        System.out.println(report);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, report);
        log("written " + out.toAbsolutePath());
    }

    // ------------------------------------------------------------------ scenarios

    private void suite(Path jar, String label, List<String> flags) throws Exception {
        log("=== proxy JVM: " + label);
        ProxyProcess proxy = ProxyProcess.start(jar, flags, http);
        Thread hook = new Thread(proxy::close);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            log(String.format(Locale.ROOT, "healthy %.3f s after spawn (pid %d, dir %s)", proxy.startupNanos / 1e9,
                    proxy.process.pid(), proxy.dir));
            Thread.sleep(3000);
            long rssIdle = proxy.rssKiB();
            writer = proxy.connect();
            lastValue = null;
            write(PORT_LINE);
            Thread.sleep(200);

            // N = 1
            try (Subscribers s = Subscribers.sharedServer(1, 2)) {
                subscribeAll(proxy, s);
                // C2 settles only after ~15,000 lines of this path (PrintCompilation: thousands of
                // compilations in the first 3,000 lines, a few dozen in the sixth 3,000)
                closedLoop(label, "N=1", s, n(15000), n(5000));
                if (s.lastBody != null) {
                    sampleBody = s.lastBody;
                }
            }
            proxy.deleteAllSubscriptions();

            // N = 100, one server (own port) each
            try (Subscribers s = Subscribers.serverEach(kinds(100, 0, 0), 4)) {
                subscribeAll(proxy, s);
                closedLoop(label, "N=100", s, n(100), n(300));
            }
            proxy.deleteAllSubscriptions();

            // N = 1000 on one server, 1000 paths
            try (Subscribers s = Subscribers.sharedServer(1000, 4)) {
                subscribeAll(proxy, s);
                closedLoop(label, "N=1000 (one server, 1000 paths)", s, n(20), n(100));
            }
            proxy.deleteAllSubscriptions();

            // N = 100 with 5 dead and 5 hanging
            try (Subscribers s = Subscribers.serverEach(kinds(90, 5, 5), 4)) {
                subscribeAll(proxy, s);
                s.breakTheBadOnes();
                closedLoop(label, "N=100, 5 dead + 5 hanging (90 measured)", s, n(30), n(300));
                int left = proxy.subscriptionCount();
                notes.add(label + ": after the dead/hanging run the proxy still held " + left
                        + " of 100 subscriptions (dead ones are evicted after 10 refused connections, hanging ones after 10 timeouts of 2 s)");
            }
            proxy.deleteAllSubscriptions();

            // sustained ingest
            try (Subscribers s = Subscribers.sharedServer(1, 2)) {
                subscribeAll(proxy, s);
                ingest(label, s, (int) Math.max(1000, 200_000 * scale));
            }
            proxy.deleteAllSubscriptions();

            long rssLoaded = proxy.rssKiB();
            startup.append(String.format(Locale.ROOT, "| %s | %.3f | %.1f | %.1f |%n", label, proxy.startupNanos / 1e9,
                    rssIdle / 1024.0, rssLoaded / 1024.0));
            writer.close();
        } finally {
            proxy.close();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    private static Subscribers.Kind[] kinds(int live, int dead, int hanging) {
        Subscribers.Kind[] k = new Subscribers.Kind[live + dead + hanging];
        Arrays.fill(k, Subscribers.Kind.LIVE);
        // spread the bad ones among the live ones
        int step = k.length / Math.max(1, dead + hanging);
        for (int i = 0; i < dead + hanging; i++) {
            k[i * step + step / 2] = i < dead ? Subscribers.Kind.DEAD : Subscribers.Kind.HANGING;
        }
        return k;
    }

    private void subscribeAll(ProxyProcess proxy, Subscribers s) throws Exception {
        long t = System.nanoTime();
        for (String e : s.endpoints) {
            proxy.subscribe(e);
        }
        log(String.format(Locale.ROOT, "subscribed %d endpoints in %.2f s", s.endpoints.length, (System.nanoTime() - t) / 1e9));
    }

    /**
     * Closed loop: write one state-flipping line, wait until every live subscriber got its event, repeat.
     * Records arrival - write per delivery, and per line the arrival of the last subscriber.
     */
    private void closedLoop(String label, String name, Subscribers s, int warmup, int measured) throws Exception {
        long t0 = System.nanoTime();
        Loop loop = closedLoop(s, warmup, measured);
        double secs = (System.nanoTime() - t0) / 1e9;
        log(String.format(Locale.ROOT, "%s: %d lines (%d warm-up) in %.1f s; p50 %.3f ms p99 %.3f ms; missed %d, rounds timed out %d, stray %d",
                name, warmup + measured, warmup, secs, loop.all.getValueAtPercentile(50) / 1e6,
                loop.all.getValueAtPercentile(99) / 1e6, loop.missed, loop.timedOutRounds, s.stray.get()));
        row(label, name + " — each delivery", loop.all, loop.missed);
        if (s.live > 1) {
            row(label, name + " — last of the " + s.live + " per line", loop.last, loop.timedOutRounds);
        }
    }

    /**
     * One closed-loop run's figures.
     *
     * @param all arrival − write per (measured line, live subscriber)
     * @param last per measured line whose every delivery arrived, the slowest subscriber's arrival − write
     * @param missed measured deliveries that did not arrive within the round's time limit
     * @param timedOutRounds lines (warm-up included) whose round hit the time limit
     */
    private record Loop(Histogram all, Histogram last, long missed, long timedOutRounds) {
    }

    private Loop closedLoop(Subscribers s, int warmup, int measured) throws Exception {
        Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Histogram last = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        long missed = 0;
        long timedOutRounds = 0;
        for (int k = 0; k < warmup + measured; k++) {
            boolean toLocked = !"LOCKED".equals(lastValue);
            Subscribers.Round r = new Subscribers.Round(toLocked ? "LOCKED" : "FREERUN", s.kinds.length, s.live);
            r.writeNanos = System.nanoTime();
            s.round = r;
            write(toLocked ? IN_RANGE : OUT_OF_RANGE);
            boolean complete = r.latch.await(ROUND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            s.round = null;
            lastValue = r.expected;
            if (!complete) {
                timedOutRounds++;
            }
            if (k < warmup) {
                continue;
            }
            long max = 0;
            for (int i = 0; i < s.kinds.length; i++) {
                if (s.kinds[i] != Subscribers.Kind.LIVE) {
                    continue;
                }
                if (r.got.get(i) == 1) {
                    long d = r.arrival[i] - r.writeNanos;
                    all.recordValue(Math.max(0, d));
                    max = Math.max(max, d);
                } else {
                    missed++;
                }
            }
            if (complete) {
                last.recordValue(Math.max(0, max));
            }
        }
        return new Loop(all, last, missed, timedOutRounds);
    }

    private void row(String label, String name, Histogram h, long missed) {
        latency.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %d | %s |%n", label, name,
                h.getTotalCount(), ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1e6, missed, loadavg()));
    }

    private static double ms(Histogram h, double p) {
        return h.getValueAtPercentile(p) / 1e6;
    }

    /** K in-range lines as fast as one connection takes them, then one out-of-range line; time until its event arrives. */
    private void ingest(String label, Subscribers s, int k) throws Exception {
        Ingest run = ingest(s, k);
        log(String.format(Locale.ROOT, "ingest: %d lines in %.3f s (writes done after %.3f s) = %.0f lines/s", run.lines,
                run.seconds, run.writeSeconds, run.lines / run.seconds));
        throughput.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %,.0f | %s |%n", label, run.lines,
                run.writeSeconds, run.seconds, run.lines / run.seconds, loadavg()));
    }

    /**
     * One sustained-ingest run.
     *
     * @param lines lines written, the final state-changing one included
     * @param writeSeconds first write → last write done
     * @param seconds first write → arrival of the final line's event
     */
    private record Ingest(int lines, double writeSeconds, double seconds) {
    }

    private Ingest ingest(Subscribers s, int k) throws Exception {
        if (!"FREERUN".equals(lastValue)) {
            Subscribers.Round r = new Subscribers.Round("FREERUN", 1, 1);
            r.writeNanos = System.nanoTime();
            s.round = r;
            write(OUT_OF_RANGE);
            r.latch.await(ROUND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            lastValue = "FREERUN";
        }
        byte[] line = IN_RANGE.getBytes(StandardCharsets.US_ASCII);
        int perChunk = 65536 / line.length;
        ByteBuffer chunk = ByteBuffer.allocate(perChunk * line.length);
        for (int i = 0; i < perChunk; i++) {
            chunk.put(line);
        }
        Subscribers.Round r = new Subscribers.Round("FREERUN", 1, 1);
        r.writeNanos = System.nanoTime();
        s.round = r;
        int left = k;
        while (left > 0) {
            int n = Math.min(left, perChunk);
            chunk.clear().limit(n * line.length);
            while (chunk.hasRemaining()) {
                writer.write(chunk);
            }
            left -= n;
        }
        write(OUT_OF_RANGE);
        long written = System.nanoTime();
        boolean ok = r.latch.await(300, TimeUnit.SECONDS);
        s.round = null;
        lastValue = "FREERUN";
        if (!ok) {
            throw new IllegalStateException("final line of the ingest run was never delivered");
        }
        return new Ingest(k + 1, (written - r.writeNanos) / 1e9, (r.arrival[0] - r.writeNanos) / 1e9);
    }

    /** A lock-state event body: the last one a subscriber received, or a recorded one of the same size. */
    private byte[] floorBody() {
        byte[] body = sampleBody;
        if (body == null) {
            body = ("{\"specversion\":\"1.0\",\"id\":\"6b6b7c1e-0000-0000-0000-000000000000\",\"source\":\"/sync/ptp-status/lock-state\","
                    + "\"type\":\"event.sync.ptp-status.ptp-state-change\",\"time\":\"2026-01-10T02:41:57.094981Z\",\"data\":{\"version\":\"1.0\","
                    + "\"values\":[{\"ResourceAddress\":\"/cluster/node/node1/ens5fx/master\",\"data_type\":\"notification\","
                    + "\"value_type\":\"enumeration\",\"value\":\"LOCKED\"},{\"ResourceAddress\":\"/cluster/node/node1/ens5fx/master\","
                    + "\"data_type\":\"metric\",\"value_type\":\"decimal64.3\",\"value\":\"5\"}]}}").getBytes(StandardCharsets.UTF_8);
        }
        return body;
    }

    /**
     * A fan-out reference for the "last of 1000" rows: per round the same body POSTed to the 1,000
     * paths of one of the harness's own JDK HttpServers (4 handler threads, as the N=1000 scenario)
     * over 32 keep-alive connections (the proxy's connections per subscriber host), by a minimal
     * client: pre-encoded requests written on plain sockets, one thread per connection, each answer
     * read up to its blank line. One sample per round, the arrival of the last. Not a floor: the
     * proxy's single event loop multiplexes its connections more cheaply than 32 blocking threads.
     */
    private void fanOutReference() throws Exception {
        byte[] body = floorBody();
        String value = Subscribers.value(body);
        int subscribers = 1000;
        int connections = 32;
        int warmup = n(20);
        int measured = n(100);
        Histogram last = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        ExecutorService senders = Executors.newFixedThreadPool(connections);
        try (Subscribers s = Subscribers.sharedServer(subscribers, 4)) {
            URI first = URI.create(s.endpoints[0]);
            byte[][] requests = new byte[subscribers][];
            for (int i = 0; i < subscribers; i++) {
                requests[i] = rawPost(URI.create(s.endpoints[i]), body);
            }
            List<Socket> sockets = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                Socket socket = new Socket(first.getHost(), first.getPort());
                socket.setTcpNoDelay(true);
                sockets.add(socket);
            }
            for (int k = 0; k < warmup + measured; k++) {
                Subscribers.Round r = new Subscribers.Round(value, subscribers, subscribers);
                s.round = r;
                r.writeNanos = System.nanoTime();
                for (int c = 0; c < connections; c++) {
                    int connection = c;
                    senders.execute(() -> sendShare(sockets.get(connection), requests, connection, connections));
                }
                if (!r.latch.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("fan-out reference: not every POST arrived within 10 s");
                }
                if (k >= warmup) {
                    last.recordValue(Arrays.stream(r.arrival).max().orElseThrow() - r.writeNanos);
                }
            }
            senders.shutdown();
            senders.awaitTermination(10, TimeUnit.SECONDS);
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        log(String.format(Locale.ROOT, "fan-out reference: last of %d p50 %.3f ms p99 %.3f ms", subscribers, ms(last, 50), ms(last, 99)));
        row("harness only", "fan-out reference: 1000 raw keep-alive POSTs on 32 sockets → own JDK HttpServer (1000 paths, 4 threads) — last of the 1000",
                last, 0);
    }

    /** POSTs every connections-th request (from offset) on one socket, each after the previous answer. */
    private static void sendShare(Socket socket, byte[][] requests, int offset, int connections) {
        try {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = offset; i < requests.length; i += connections) {
                out.write(requests[i]);
                out.flush();
                readAnswer(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one answer without a body (the subscribers answer 204): up to its blank line. */
    private static void readAnswer(InputStream in) throws IOException {
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed by the subscriber");
            }
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static byte[] rawPost(URI endpoint, byte[] body) {
        byte[] head = ("POST " + endpoint.getPath() + " HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    /** The harness's own floor: JDK HttpClient POST to its own JDK HttpServer subscriber, same payload, closed loop. */
    private void floor() throws Exception {
        byte[] body = floorBody();
        String value = Subscribers.value(body);
        int warmup = n(2000);
        int measured = n(5000);
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        try (Subscribers s = Subscribers.sharedServer(1, 2)) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(s.endpoints[0]))
                    .timeout(Duration.ofSeconds(2))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            for (int k = 0; k < warmup + measured; k++) {
                Subscribers.Round r = new Subscribers.Round(value, 1, 1);
                r.writeNanos = System.nanoTime();
                s.round = r;
                HttpResponse<Void> resp = http.send(req, HttpResponse.BodyHandlers.discarding());
                if (resp.statusCode() != 204 || r.got.get(0) != 1) {
                    throw new IllegalStateException("floor POST failed: " + resp.statusCode());
                }
                if (k >= warmup) {
                    h.recordValue(r.arrival[0] - r.writeNanos);
                }
            }
        }
        log(String.format(Locale.ROOT, "floor: p50 %.3f ms p99 %.3f ms (%d-byte body)", ms(h, 50), ms(h, 99), body.length));
        row("harness only", "floor: JDK HttpClient POST → own JDK HttpServer (" + body.length + " B)", h, 0);
    }

    private void write(String line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) {
            writer.write(b);
        }
    }

    private static int n(int count) {
        return (int) Math.max(5, Math.round(count * scale));
    }

    // ------------------------------------------------------------------ report

    private String report(Path jar, double totalSecs, String jmh) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("# PTP fast-event proxy — end-to-end benchmark results\n\n");
        b.append(String.format(Locale.ROOT, "Run %s, %d CPUs, Java %s (%s), proxy jar `%s` (%d KiB), harness run time %.0f s%s.%n%n",
                Instant.now().toString().substring(0, 19) + "Z", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), jar, Files.size(jar) / 1024, totalSecs,
                scale != 1.0 ? " (--quick: sample counts x" + scale + ")" : ""));
        if (!jmh.isEmpty()) {
            b.append(jmh).append('\n');
        }
        b.append("## Latency: socket write → subscriber POST arrival (ms)\n\n");
        b.append("| proxy JVM | scenario | samples | p50 | p90 | p99 | p99.9 | max | missed | load avg 1 min |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        b.append(latency);
        b.append("\n\"each delivery\": one sample per (line, live subscriber). \"last of the N\": one sample per line, the arrival of "
                + "the slowest subscriber (fan-out completion). \"missed\": deliveries (or, for \"last of\", lines) that did not "
                + "arrive within " + ROUND_TIMEOUT_MS / 1000 + " s. \"load avg\": /proc/loadavg when the scenario ended "
                + "(anything above ~2 on 2 CPUs means something else competed for the cores).\n\n");
        b.append("## Sustained ingest (one connection)\n\n");
        b.append("| proxy JVM | lines | writes done (s) | last event delivered (s) | lines/s | load avg 1 min |\n");
        b.append("|---|---:|---:|---:|---:|---:|\n");
        b.append(throughput);
        b.append("\n## Start-up and memory\n\n");
        b.append("| proxy JVM | spawn → first 200 from health (s) | RSS idle, 3 s after healthy (MiB) | RSS after the load above (MiB) |\n");
        b.append("|---|---:|---:|---:|\n");
        b.append(startup);
        if (soak.length() > 0) {
            b.append('\n').append(soak);
        }
        if (!notes.isEmpty()) {
            b.append("\n## Notes\n\n");
            for (String n : notes) {
                b.append("- ").append(n).append('\n');
            }
        }
        return b.toString();
    }

    /** 1-minute load average from /proc/loadavg. */
    static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static void log(String s) {
        System.err.println("[bench " + Instant.now().toString().substring(11, 23) + " load " + loadavg() + "] " + s);
    }
}
