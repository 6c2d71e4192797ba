package io.ptpproxy.bench;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

import com.sun.net.httpserver.HttpServer;

/**
 * The subscribers of the node-cost run, one per stack, so that a rare event's figure can be split into
 * the proxy's part and the subscriber's own:
 * <ul>
 * <li>{@link #wire()}: the arrival of the request's first byte on the accepted socket (a blocking read
 * on the connection's own thread, before any HTTP parsing) — the proxy's latency "to the wire";</li>
 * <li>{@link #jdk()}: a JDK {@code HttpServer}, first statement of its handler;</li>
 * <li>{@link #python()}: Python's {@code http.server}, first statement of its handler.</li>
 * </ul>
 * Each records per POST the event's lock-state value and its arrival on the clock of
 * {@code System.nanoTime()} ({@code time.monotonic_ns()} in Python, the same clock on Linux), and answers
 * 204 on a keep-alive connection. {@link #warm} drives each with a few thousand POSTs before the proxy
 * starts: a production consumer is a long-running process, and the figure is to describe the proxy, not
 * the first requests a subscriber's own interpreter or JIT ever served.
 */
final class StackSubscribers {

    /** The subscribers' names, as the report's rows name them. */
    static final String WIRE = "wire (first byte)";
    static final String JDK = "JDK HttpServer";
    static final String PYTHON = "Python http.server";

    /** POSTs that warm a subscriber before the proxy starts (JDK: its handler and server compiled). */
    static final int WARM_UP_REQUESTS = 3_000;

    /** A subscriber endpoint and the arrivals it saw: value and nanoTime. */
    interface Subscriber extends AutoCloseable {
        String name();

        String endpoint();

        BlockingQueue<String[]> arrivals();

        @Override
        void close();
    }

    /**
     * The second stack: Python's {@code http.server} with HTTP/1.1 keep-alive. It prints its port, then
     * per POST the event's lock-state value and {@code time.monotonic_ns()}, the clock of the JVM's
     * {@code System.nanoTime()} on Linux, taken first thing in the handler.
     */
    private static final String PYTHON_SUBSCRIBER = """
            import sys, time
            from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
            class Handler(BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                def do_POST(self):
                    arrival = time.monotonic_ns()
                    body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                    value = "FREERUN" if b'"FREERUN"' in body else "LOCKED" if b'"LOCKED"' in body else "OTHER"
                    self.send_response(204)
                    self.end_headers()
                    sys.stdout.write(value + " " + str(arrival) + "\\n")
                    sys.stdout.flush()
                def log_message(self, *args):
                    pass
            server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
            sys.stdout.write("PORT " + str(server.server_address[1]) + "\\n")
            sys.stdout.flush()
            server.serve_forever()
            """;

    /** A lock-state event as the proxy sends it, with a value no measured change has: warm-up only. */
    private static final byte[] WARM_UP_BODY = ("{\"specversion\":\"1.0\",\"id\":\"6b6b7c1e-0000-0000-0000-000000000000\","
            + "\"source\":\"/sync/ptp-status/lock-state\",\"type\":\"event.sync.ptp-status.ptp-state-change\","
            + "\"time\":\"2026-01-10T02:41:57.094981Z\",\"data\":{\"version\":\"1.0\",\"values\":[{\"ResourceAddress\":"
            + "\"/cluster/node/node1/ens5fx/master\",\"data_type\":\"notification\",\"value_type\":\"enumeration\","
            + "\"value\":\"HOLDOVER\"},{\"ResourceAddress\":\"/cluster/node/node1/ens5fx/master\",\"data_type\":\"metric\","
            + "\"value_type\":\"decimal64.3\",\"value\":\"5\"}]}}").getBytes(StandardCharsets.UTF_8);

    private static final byte[] NO_CONTENT = "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    static {
        // The JDK HttpServer leaves Nagle on by default; a 204 then waits for the client's delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private StackSubscribers() {
    }

    /**
     * A subscriber that stamps the arrival of a request's first byte: each accepted connection has a
     * thread blocked in {@code read}; when it returns, {@code nanoTime}; then the head up to its blank
     * line, the body by its {@code Content-Length}, and a 204 on the same (kept) connection.
     */
    static Subscriber wire() throws IOException {
        BlockingQueue<String[]> arrivals = new LinkedBlockingQueue<>();
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket connection = server.accept();
                    connection.setTcpNoDelay(true);
                    Thread reader = new Thread(() -> serve(connection, arrivals), "wire-subscriber");
                    reader.setDaemon(true);
                    reader.start();
                } catch (IOException e) {
                    // closed
                }
            }
        }, "wire-subscriber-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        String endpoint = "http://127.0.0.1:" + server.getLocalPort() + "/s/wire";
        return subscriber(WIRE, endpoint, arrivals, () -> {
            try {
                server.close();
            } catch (IOException e) {
                // closing anyway
            }
        });
    }

    /** Serves one connection: per request, first-byte time, head, body by Content-Length, 204. */
    private static void serve(Socket connection, BlockingQueue<String[]> arrivals) {
        try (connection; InputStream in = new BufferedInputStream(connection.getInputStream());
             OutputStream out = connection.getOutputStream()) {
            while (true) {
                int first = in.read();
                long arrival = System.nanoTime();
                if (first < 0) {
                    return;
                }
                String head = (char) first + readHead(in);
                byte[] body = in.readNBytes(contentLength(head));
                out.write(NO_CONTENT);
                out.flush();
                arrivals.add(new String[] {value(new String(body, StandardCharsets.UTF_8)), Long.toString(arrival)});
            }
        } catch (IOException e) {
            // the proxy closed the connection
        }
    }

    /** @return the request head after its first byte, up to and without its blank line */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder(256);
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in a request head");
            }
            head.append((char) b);
        }
        return head.substring(0, head.length() - 4);
    }

    /** @return the Content-Length of a request head (the proxies send one; chunked bodies are not read) */
    static int contentLength(String head) throws IOException {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding")) {
            throw new IOException("chunked request, which the wire subscriber does not read: " + head);
        }
        return 0;
    }

    /** A JDK {@code HttpServer} (two handler threads); arrival = first statement of the handler. */
    static Subscriber jdk() throws IOException {
        BlockingQueue<String[]> arrivals = new LinkedBlockingQueue<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "jdk-subscriber");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/s", exchange -> {
            long arrival = System.nanoTime();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            arrivals.add(new String[] {value(new String(body, StandardCharsets.UTF_8)), Long.toString(arrival)});
        });
        server.start();
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort() + "/s/jdk";
        return subscriber(JDK, endpoint, arrivals, () -> server.stop(0));
    }

    /** Python's {@code http.server} in a {@code python3} process; arrival = first statement of the handler. */
    static Subscriber python() throws IOException {
        BlockingQueue<String[]> arrivals = new LinkedBlockingQueue<>();
        Process python = new ProcessBuilder("python3", "-u", "-c", PYTHON_SUBSCRIBER)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (first == null || !first.startsWith("PORT ")) {
            python.destroyForcibly();
            throw new IllegalStateException("python3 subscriber did not start: " + first);
        }
        String endpoint = "http://127.0.0.1:" + first.substring(5).trim() + "/s/python";
        Thread reader = new Thread(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    arrivals.add(line.split(" "));
                }
            } catch (IOException e) {
                // the subscriber was stopped
            }
        }, "python-subscriber-reader");
        reader.setDaemon(true);
        reader.start();
        return subscriber(PYTHON, endpoint, arrivals, python::destroy);
    }

    /**
     * Warms a subscriber: {@code requests} POSTs of an event body (value HOLDOVER, which no measured change
     * has) over one keep-alive connection, each waiting for its 204; then, on the same connection,
     * {@value #PROBES} more {@value #PROBE_GAP_MS} ms apart, each timed from the harness's write to the
     * subscriber's arrival: that stack's own latency after a pause, with no proxy in it. All arrivals are
     * dropped.
     *
     * @return the probes' latencies (ns)
     */
    static long[] warm(Subscriber subscriber, int requests) throws Exception {
        URI endpoint = URI.create(subscriber.endpoint());
        byte[] head = ("POST " + endpoint.getPath() + " HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + WARM_UP_BODY.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(head, head.length + WARM_UP_BODY.length);
        System.arraycopy(WARM_UP_BODY, 0, request, head.length, WARM_UP_BODY.length);
        long[] probes = new long[PROBES];
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < requests; i++) {
                post(subscriber, request, in, out);
            }
            take(subscriber, requests);
            for (int i = 0; i < PROBES; i++) {
                Thread.sleep(PROBE_GAP_MS);
                long written = System.nanoTime();
                post(subscriber, request, in, out);
                probes[i] = Long.parseLong(take(subscriber, 1)[1]) - written;
            }
        }
        return probes;
    }

    /** Probes of a subscriber's own latency after the warm-up, and the pause before each. */
    static final int PROBES = 40;
    static final long PROBE_GAP_MS = 50;

    private static void post(Subscriber subscriber, byte[] request, InputStream in, OutputStream out)
            throws IOException {
        out.write(request);
        out.flush();
        String answer = readHead(in);
        if (!answer.startsWith("HTTP/1.1 204")) {
            throw new IllegalStateException(subscriber.name() + " answered the warm-up with " + answer);
        }
    }

    /** @return the last of the next {@code count} arrivals */
    private static String[] take(Subscriber subscriber, int count) throws InterruptedException {
        String[] last = null;
        for (int seen = 0; seen < count; seen++) {
            last = subscriber.arrivals().poll(10, java.util.concurrent.TimeUnit.SECONDS);
            if (last == null) {
                throw new IllegalStateException(subscriber.name() + " recorded " + seen + " of " + count
                        + " warm-up requests");
            }
        }
        return last;
    }

    static String value(String body) {
        return body.contains("\"FREERUN\"") ? "FREERUN" : body.contains("\"LOCKED\"") ? "LOCKED" : "OTHER";
    }

    private static Subscriber subscriber(String name, String endpoint, BlockingQueue<String[]> arrivals,
                                         Runnable close) {
        return new Subscriber() {
            public String name() {
                return name;
            }

            public String endpoint() {
                return endpoint;
            }

            public BlockingQueue<String[]> arrivals() {
                return arrivals;
            }

            public void close() {
                close.run();
            }
        };
    }
}
