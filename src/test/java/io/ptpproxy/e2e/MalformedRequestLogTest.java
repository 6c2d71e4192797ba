package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.ptpproxy.fixtures.RunningProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expected bad input is answered, and logged without a stack trace (issue 6: logs an operator can read). */
class MalformedRequestLogTest {

    @TempDir
    Path work;

    /** A request the JDK's HTTP client refuses to send: written on a plain socket. */
    private static String raw(RunningProxy proxy, String target) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", proxy.apiPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void should_answer_a_malformed_query_string_400_without_a_stack_trace_in_the_log() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (RunningProxy proxy = RunningProxy.start(work)) {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            String v2 = raw(proxy, "/api/ocloudNotifications/v2/health?x=%ZZ");
            String v1 = raw(proxy, "/api/ocloudNotifications/v1/subscriptions?x=%E0%A4%A");
            System.setErr(original);

            assertEquals("HTTP/1.1 400 Bad Request", v2.lines().findFirst().orElse(""), v2);
            assertEquals("", v2.substring(v2.indexOf("\r\n\r\n") + 4), "no body");
            assertEquals("HTTP/1.1 400 Bad Request", v1.lines().findFirst().orElse(""), v1);
            String written = log.toString(StandardCharsets.UTF_8);
            assertFalse(written.contains("\tat ") || written.contains("Exception"), "no stack trace: " + written);
        } finally {
            System.setErr(original);
        }
    }
}
