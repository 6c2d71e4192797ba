package io.ptpproxy.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** What the demo subscriber prints before its first event: one stamped line explaining the placeholders. */
class DemoSubscriberTest {

    @Test
    void should_explain_the_placeholder_initial_notifications_first_with_a_time_stamp() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        DemoSubscriber subscriber;
        try {
            subscriber = new DemoSubscriber("n1", closedPort, 0);
        } finally {
            System.setOut(original);
        }
        try {
            // no API listens: the subscribe fails, after the explanation
            assertThrows(IOException.class, subscriber::start);
        } finally {
            subscriber.stop();
        }
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) "
                + Pattern.quote(DemoSubscriber.PLACEHOLDER_NOTE)), lines.get(0));
        assertTrue(DemoSubscriber.PLACEHOLDER_NOTE.contains("ptp-not-set, event-not-found"));
    }
}
