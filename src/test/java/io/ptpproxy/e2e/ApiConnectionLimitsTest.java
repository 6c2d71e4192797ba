package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import io.ptpproxy.apiserver.ApiConnectionGuard;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API port's connection limit and timeouts on the running proxy (issue 17, descriptor
 * exhaustion): connections beyond {@code api.max-connections} are closed at once and counted while
 * the management port and the event socket keep working; silent, slow and idle kept-alive
 * connections are closed after their timeouts.
 */
class ApiConnectionLimitsTest {

    private static final String LOCK_STATE = "/cluster/node/" + RunningProxy.NODE + "/sync/ptp-status/lock-state";
    private static final String SLAVE = "ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED";
    private static final String OFFSET = "ptp4l[1.0]: [ptp4l.0.config] master offset -3 s2 freq 0 path delay 1";
    private static final int LIMIT = 50;

    @TempDir
    Path work;

    @Test
    void should_close_connections_beyond_the_limit_at_once_and_keep_management_and_socket_working() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (RunningProxy proxy = RunningProxy.start(work, Map.of("api.max-connections", Integer.toString(LIMIT)));
             RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
            assertNotNull(subscriber.next(Duration.ofSeconds(10)), "initial notification");
            ApiConnectionGuard guard = proxy.bean(ApiConnectionGuard.BEAN, ApiConnectionGuard.class);
            // the test's own HTTP client may keep a connection: fill the rest of the limit with silent ones
            while (guard.open() < LIMIT) {
                int before = guard.open();
                held.add(connect(proxy));
                awaitValue(before + 1, guard::open);
            }
            assertEquals(0, guard.refusedByLimit());

            try (Socket extra = connect(proxy)) {
                send(extra, "GET /api/ocloudNotifications/v2/health HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("", answer(extra, Duration.ofSeconds(10)), "closed without an answer");
            }
            awaitValue(1, guard::refusedByLimit);
            assertEquals(LIMIT, guard.open(), "the admitted connections stay");

            assertEquals(200, proxy.send("GET", proxy.management() + "/health", null).statusCode(),
                    "the management port answers");
            try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                writer.line(SLAVE).line(OFFSET);
                RecordingSubscriber.Received event = subscriber.next(Duration.ofSeconds(10));
                assertNotNull(event, "a socket line still becomes an event");
                assertTrue(event.body().contains("\"value\":\"LOCKED\""), event.body());
            }
            assertMetric(proxy, "ptp_proxy_api_refused_connections_total{reason=\"connection-limit\"} 1.0");
            assertMetric(proxy, "ptp_proxy_api_connections " + LIMIT + ".0");

            for (Socket socket : held) {
                socket.close();
            }
            awaitValue(0, () -> guard.open() <= 1 ? 0 : guard.open());
            try (Socket next = connect(proxy)) {
                send(next, "GET /api/ocloudNotifications/v2/health HTTP/1.1\r\nHost: x\r\n\r\n");
                assertTrue(readResponse(next).startsWith("HTTP/1.1 200 OK"), "room again");
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void should_close_silent_slow_and_idle_connections_after_their_timeouts() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(work, Map.of("api.header-timeout-ms", "1000",
                "api.idle-timeout-ms", "2000"))) {
            ApiConnectionGuard guard = proxy.bean(ApiConnectionGuard.BEAN, ApiConnectionGuard.class);
            // taken before the connections: the proxy's timeouts run from when it accepted them, later
            long start = System.nanoTime();
            try (Socket silent = connect(proxy);
                 Socket slow = connect(proxy);
                 Socket kept = connect(proxy)) {
                send(kept, "GET /api/ocloudNotifications/v2/health HTTP/1.1\r\nHost: x\r\n\r\n");
                String first = readResponse(kept);
                assertTrue(first.startsWith("HTTP/1.1 200 OK") && first.endsWith("\r\n2\r\nOK\r\n0\r\n\r\n"), first);
                // a header byte every 200 ms keeps the connection busy but never completes the head
                String head = "GET /api/ocloudNotifications/v2/health HTTP/1.1\r\nHost: x\r\n";
                boolean slowClosed = false;
                for (int i = 0; i < head.length() && !slowClosed; i++) {
                    try {
                        send(slow, head.substring(i, i + 1));
                    } catch (IOException closed) {
                        slowClosed = true;
                    }
                    slowClosed |= closed(slow, Duration.ofMillis(200));
                }
                assertTrue(slowClosed, "a trickled request head is cut off");
                assertTrue(closed(silent, Duration.ofSeconds(10)), "a silent connection is closed");
                long headerClosed = System.nanoTime() - start;
                assertTrue(headerClosed >= Duration.ofMillis(900).toNanos(), "not before the header timeout");
                assertEquals(2, guard.closedByHeaderTimeout());

                assertTrue(closed(kept, Duration.ofSeconds(10)), "an idle kept-alive connection is closed");
                assertTrue(System.nanoTime() - start >= Duration.ofMillis(1900).toNanos(), "not before the idle timeout");
                awaitValue(0, () -> guard.open() <= 1 ? 0 : guard.open());
                assertMetric(proxy, "ptp_proxy_api_refused_connections_total{reason=\"header-timeout\"} 2.0");
            }
        }
    }

    @Test
    void should_refuse_a_request_with_both_content_length_and_transfer_encoding_and_close_the_connection()
            throws Exception {
        try (RunningProxy proxy = RunningProxy.start(work);
             Socket smuggler = connect(proxy)) {
            String body = "{\"ResourceAddress\":\"" + LOCK_STATE + "\",\"EndpointUri\":\"http://127.0.0.1:1/x\"}";
            // HTTP/1.0: on HTTP/1.1 Netty (under Vert.x) drops the Content-Length before any handler sees the
            // request and frames the body by Transfer-Encoding alone (docs/security.md)
            send(smuggler, "POST /api/ocloudNotifications/v2/subscriptions HTTP/1.0\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n");
            String answer = answer(smuggler, Duration.ofSeconds(10));
            assertTrue(answer.startsWith("HTTP/1.0 400 Bad Request\r\n"), answer);
            assertTrue(answer.endsWith("\r\n\r\n{\"error\":\"a request must not carry both Content-Length and "
                    + "Transfer-Encoding\"}"), answer);
            assertEquals("[]", proxy.send("GET", proxy.v2() + "/subscriptions", null).body(), "nothing was created");
        }
    }

    private static Socket connect(RunningProxy proxy) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", proxy.apiPort()), 5000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Everything the server sends until it closes the connection (within the timeout). */
    private static String answer(Socket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        } catch (SocketException reset) {
            return "";
        }
    }

    /** One response: status line, headers and body (chunked, or of its Content-Length). */
    private static String readResponse(Socket socket) throws IOException {
        socket.setSoTimeout(5000);
        InputStream in = socket.getInputStream();
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            text.append((char) next);
        }
        if (text.toString().toLowerCase().contains("transfer-encoding: chunked")) {
            while (!text.toString().endsWith("\r\n0\r\n\r\n")) {
                int next = in.read();
                if (next < 0) {
                    break;
                }
                text.append((char) next);
            }
            return text.toString();
        }
        String lengthHeader = text.toString().lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                .findFirst().orElse("content-length: 0");
        byte[] body = in.readNBytes(Integer.parseInt(lengthHeader.substring(15).strip()));
        return text + new String(body, StandardCharsets.US_ASCII);
    }

    /** Whether the proxy closed the connection within the timeout (end of stream or reset). */
    private static boolean closed(Socket socket, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                if (left < 1) {
                    return false;
                }
                socket.setSoTimeout((int) left);
                if (socket.getInputStream().read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException open) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    private static void assertMetric(RunningProxy proxy, String sample) throws Exception {
        List<String> lines = proxy.send("GET", proxy.management() + "/metrics", null).body().lines().toList();
        assertTrue(lines.contains(sample), sample + " in\n" + lines.stream().filter(l -> l.startsWith("ptp_proxy_api")).toList());
    }

    private static void awaitValue(long expected, LongSupplier actual) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (actual.getAsLong() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, actual.getAsLong());
    }
}
