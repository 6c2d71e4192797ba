package io.ptpproxy.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The proxy under test: its fat jar run as a child process on free loopback ports and fresh temp dirs. */
final class ProxyProcess implements AutoCloseable {

    static final String NODE = "node1";
    /** A heap generation in {@code jcmd GC.heap_info} ("def new generation total 4928K, used 1234K"); Metaspace lines differ. */
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    final Path dir;
    final int apiPort;
    final int metricsPort;
    final Path socket;
    final Process process;
    final long spawnNanos;
    /** Spawn to the first 200 from GET health, in nanoseconds. */
    final long startupNanos;
    private final HttpClient http;
    private static volatile String launcher;

    private ProxyProcess(Path dir, int apiPort, int metricsPort, Path socket, Process process, long spawnNanos,
                         long startupNanos, HttpClient http) {
        this.dir = dir;
        this.apiPort = apiPort;
        this.metricsPort = metricsPort;
        this.socket = socket;
        this.process = process;
        this.spawnNanos = spawnNanos;
        this.startupNanos = startupNanos;
        this.http = http;
    }

    static ProxyProcess start(Path jar, List<String> jvmFlags, HttpClient http) throws Exception {
        return start(jar, jvmFlags, java.util.Map.of(), http);
    }

    /**
     * @param environment variables added to the proxy's environment (e.g. the manifests' JAVA_TOOL_OPTIONS)
     */
    static ProxyProcess start(Path jar, List<String> jvmFlags, java.util.Map<String, String> environment,
                              HttpClient http) throws Exception {
        Path dir = Files.createTempDirectory("ptp-bench-");
        Files.createDirectories(dir.resolve("store"));
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("profiles"));
        int api = freePort();
        int metrics = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(javaCommand());
        cmd.addAll(jvmFlags);
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        cmd.add("--api-port=" + api);
        cmd.add("--metrics-addr=127.0.0.1:" + metrics);
        cmd.add("--socket-path=" + dir.resolve("events.sock"));
        cmd.add("--store-path=" + dir.resolve("store"));
        cmd.add("--ptp-config-dir=" + dir.resolve("run"));
        cmd.add("--ptp-profile-path=" + dir.resolve("profiles"));
        cmd.add("--node-name=" + NODE);
        return launch(new ProcessBuilder(cmd), dir, api, metrics, dir.resolve("events.sock"), environment, http);
    }

    /**
     * Starts another proxy (e.g. the Go reference) by a shell command, in a fresh temp dir as its working
     * directory, with {@code {api-port}}, {@code {metrics-port}}, {@code {socket}} and {@code {dir}} replaced by
     * the run's free ports, socket path and dir. It must serve {@code GET /api/ocloudNotifications/v2/health}
     * and the v2 subscriptions API on the API port, for node {@value #NODE}, and read linuxptp lines on the socket.
     *
     * @param socket where the proxy listens for the daemon's lines; null: {@code {dir}/events.sock}
     */
    static ProxyProcess startCommand(String template, Path socket, HttpClient http) throws Exception {
        Path dir = Files.createTempDirectory("ptp-bench-");
        int api = freePort();
        int metrics = freePort();
        Path events = socket != null ? socket : dir.resolve("events.sock");
        return launch(new ProcessBuilder("sh", "-c", expand(template, api, metrics, events, dir)).directory(dir.toFile()),
                dir, api, metrics, events, java.util.Map.of(), http);
    }

    /** @return the command template with the run's ports, socket and dir in place of its placeholders */
    static String expand(String template, int api, int metrics, Path socket, Path dir) {
        return template.replace("{api-port}", Integer.toString(api))
                .replace("{metrics-port}", Integer.toString(metrics))
                .replace("{socket}", socket.toString())
                .replace("{dir}", dir.toString());
    }

    private static ProxyProcess launch(ProcessBuilder pb, Path dir, int api, int metrics, Path socket,
                                       java.util.Map<String, String> environment, HttpClient http) throws Exception {
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("proxy.log").toFile());
        pb.environment().putAll(environment);
        long t0 = System.nanoTime();
        Process p = pb.start();
        URI health = URI.create("http://127.0.0.1:" + api + "/api/ocloudNotifications/v2/health");
        long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException("proxy exited with " + p.exitValue() + ", see " + dir.resolve("proxy.log"));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofMillis(500)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException("proxy not healthy within 60 s, see " + dir.resolve("proxy.log"));
            }
            Thread.sleep(5);
        }
        long startup = System.nanoTime() - t0;
        return new ProxyProcess(dir, api, metrics, socket, p, t0, startup, http);
    }

    String api(String rest) {
        return "http://127.0.0.1:" + apiPort + "/api/ocloudNotifications/v2" + rest;
    }

    /** Subscribes endpoint to the lock-state of node1; the proxy sends the initial notification first. */
    void subscribe(String endpoint) throws Exception {
        String body = "{\"ResourceAddress\":\"/cluster/node/" + NODE + "/sync/ptp-status/lock-state\",\"EndpointUri\":\""
                + endpoint + "\"}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api("/subscriptions")))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("subscribe " + endpoint + ": " + r.statusCode() + " " + r.body());
        }
    }

    void deleteAllSubscriptions() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api("/subscriptions")))
                .timeout(Duration.ofSeconds(10)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 204) {
            throw new IllegalStateException("delete subscriptions: " + r.statusCode() + " " + r.body());
        }
    }

    /** Number of subscriptions the proxy currently holds (counts "SubscriptionId" keys in GET subscriptions). */
    int subscriptionCount() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api("/subscriptions")))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        String b = r.body();
        int n = 0;
        for (int i = b.indexOf("\"SubscriptionId\""); i >= 0; i = b.indexOf("\"SubscriptionId\"", i + 1)) {
            n++;
        }
        return n;
    }

    /** Opens the writer connection to the proxy's UNIX socket (retries while the socket is not bound yet). */
    SocketChannel connect() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return SocketChannel.open(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }

    /**
     * Forces a full GC in the proxy ({@code jcmd GC.run}) and reads the heap in use after it
     * ({@code GC.heap_info}, the sum of the generations' "used"): the live heap, free of garbage
     * that merely has not been collected yet.
     *
     * @return KiB, or -1 when jcmd is missing or its answer unreadable
     */
    long liveHeapKiB() {
        try {
            if (!jcmd("GC.run").isPresent()) {
                return -1;
            }
            String info = jcmd("GC.heap_info").orElse("");
            Matcher used = HEAP_USED.matcher(info);
            long kib = 0;
            boolean found = false;
            while (used.find()) {
                kib += Long.parseLong(used.group(1));
                found = true;
            }
            return found ? kib : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private Optional<String> jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return Optional.empty();
        }
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(proxyPid()), command)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
    }

    /**
     * VmRSS from /proc/PID/status of the proxy and of every process it started (a proxy that re-launches
     * itself with its production flags is two JVMs), in KiB (-1 when unreadable).
     */
    long rssKiB() {
        return sumOverTree("status", "VmRSS:");
    }

    /** Proportional set size (shared pages split between the processes sharing them) of the tree, in KiB. */
    long pssKiB() {
        return sumOverTree("smaps_rollup", "Pss:");
    }

    /** @return the JVM that runs the proxy: the re-launched child if there is one, else the process started */
    long proxyPid() {
        List<Long> pids = pids();
        return pids.get(pids.size() - 1);
    }

    /** @return the pids of the proxy and its descendants */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        pids.add(process.pid());
        process.descendants().forEach(child -> pids.add(child.pid()));
        return pids;
    }

    private long sumOverTree(String file, String field) {
        long sum = 0;
        for (long pid : pids()) {
            long kib = procField(pid, file, field);
            if (kib < 0) {
                return -1;
            }
            sum += kib;
        }
        return sum;
    }

    private static long procField(long pid, String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return -1;
    }

    @Override
    public void close() {
        // a shell command may have left its proxy as a child: stop the whole tree
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** @return the java launcher of the JVM running the harness, which also runs the proxy */
    /** The java launcher the proxy runs on: the harness's own unless {@link #useJava} chose another. */
    static String javaCommand() {
        return launcher != null ? launcher : Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** @param launcher the {@code bin/java} of the JDK to run the proxy (and train its archive) on */
    static void useJava(String launcher) {
        ProxyProcess.launcher = launcher;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
