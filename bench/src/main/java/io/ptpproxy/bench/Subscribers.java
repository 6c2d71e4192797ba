package io.ptpproxy.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Subscriber endpoints: JDK HttpServers on loopback answering 204 to every POST at {@code /s/<i>}.
 * The arrival time is System.nanoTime() taken first thing in the handler. A {@link Round} says which
 * event value (LOCKED / FREERUN) the harness is waiting for; each live subscriber marks its first
 * matching arrival in it.
 */
final class Subscribers implements AutoCloseable {

    enum Kind { LIVE, DEAD, HANGING }

    /** One written line and the deliveries it is waiting for. */
    static final class Round {
        long writeNanos;
        final String expected;
        final AtomicIntegerArray got;
        final long[] arrival;
        final CountDownLatch latch;

        Round(String expected, int subscribers, int live) {
            this.expected = expected;
            this.got = new AtomicIntegerArray(subscribers);
            this.arrival = new long[subscribers];
            this.latch = new CountDownLatch(live);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK HttpServer leaves Nagle on by default; a 204 then waits for the client's delayed ACK.
        // Read once, when the first server is made: set here, before any of ours is.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    final Kind[] kinds;
    final String[] endpoints;
    final int live;
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<HttpServer> deadServers = new ArrayList<>();
    private final ExecutorService liveExec;
    private final ExecutorService hangExec;
    volatile Round round;
    /** After subscribing: HANGING subscribers sleep 30 s before answering. */
    volatile boolean hang;
    volatile byte[] lastBody;
    final AtomicLong stray = new AtomicLong();
    final AtomicLong received = new AtomicLong();

    private Subscribers(Kind[] kinds, int threads) {
        this.kinds = kinds;
        this.endpoints = new String[kinds.length];
        int l = 0;
        for (Kind k : kinds) {
            if (k == Kind.LIVE) {
                l++;
            }
        }
        this.live = l;
        this.liveExec = Executors.newFixedThreadPool(threads, daemon("sub"));
        this.hangExec = Executors.newCachedThreadPool(daemon("hang"));
    }

    /** n live subscribers on ONE server, paths /s/0 … /s/(n-1). */
    static Subscribers sharedServer(int n, int threads) throws IOException {
        Kind[] kinds = new Kind[n];
        java.util.Arrays.fill(kinds, Kind.LIVE);
        Subscribers s = new Subscribers(kinds, threads);
        HttpServer server = s.newServer(s.liveExec);
        for (int i = 0; i < n; i++) {
            s.endpoints[i] = "http://127.0.0.1:" + server.getAddress().getPort() + "/s/" + i;
        }
        return s;
    }

    /** One server (own port) per subscriber, all sharing a small handler pool (hanging ones get their own). */
    static Subscribers serverEach(Kind[] kinds, int threads) throws IOException {
        Subscribers s = new Subscribers(kinds, threads);
        for (int i = 0; i < kinds.length; i++) {
            HttpServer server = s.newServer(kinds[i] == Kind.HANGING ? s.hangExec : s.liveExec);
            if (kinds[i] == Kind.DEAD) {
                s.deadServers.add(server);
            }
            s.endpoints[i] = "http://127.0.0.1:" + server.getAddress().getPort() + "/s/" + i;
        }
        return s;
    }

    private HttpServer newServer(ExecutorService exec) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext("/s/", this::handle);
        server.setExecutor(exec);
        server.start();
        servers.add(server);
        return server;
    }

    /** Closes the ports of the DEAD subscribers (after they subscribed) and makes HANGING ones hang. */
    void breakTheBadOnes() {
        for (HttpServer s : deadServers) {
            s.stop(0);
        }
        servers.removeAll(deadServers);
        hang = true;
    }

    private void handle(HttpExchange ex) throws IOException {
        long t = System.nanoTime();
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = ex.getRequestURI().getPath();
            int i = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            if (kinds[i] == Kind.HANGING && hang) {
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            received.incrementAndGet();
            Round r = round;
            if (r != null && kinds[i] == Kind.LIVE) {
                if (r.expected.equals(value(body)) && r.got.compareAndSet(i, 0, 1)) {
                    r.arrival[i] = t;
                    r.latch.countDown();
                } else {
                    stray.incrementAndGet();
                }
            }
            if (body.length > 0) {
                lastBody = body;
            }
            ex.sendResponseHeaders(204, -1);
        }
    }

    /** The notification value of a lock-state CloudEvent (LOCKED, FREERUN, …), or null. */
    static String value(byte[] body) {
        try {
            JsonNode values = JSON.readTree(body).path("data").path("values");
            for (JsonNode v : values) {
                if ("notification".equals(v.path("data_type").asText())) {
                    return v.path("value").asText();
                }
            }
        } catch (IOException e) {
            // not an event
        }
        return null;
    }

    @Override
    public void close() {
        for (HttpServer s : servers) {
            s.stop(0);
        }
        liveExec.shutdownNow();
        hangExec.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
