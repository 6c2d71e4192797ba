package io.ptpproxy.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The node-cost run's first-byte subscriber (bench/, compiled into the tests): it answers a real HTTP
 * client, keeps the connection, and stamps the arrival between the client's send and its answer; and the
 * placeholders of a {@code --command}.
 */
class StackSubscribersTest {

    private static final String LOCKED_EVENT = "{\"specversion\":\"1.0\",\"data\":{\"values\":[{\"data_type\":\"notification\","
            + "\"value\":\"LOCKED\"}]}}";

    @Test
    void should_stamp_the_first_byte_and_answer_204_on_a_kept_connection() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try (StackSubscribers.Subscriber wire = StackSubscribers.wire()) {
            long[] probes = StackSubscribers.warm(wire, 200);

            assertEquals(StackSubscribers.PROBES, probes.length);
            for (long probe : probes) {
                assertTrue(probe > 0 && probe < TimeUnit.SECONDS.toNanos(10), "probe " + probe);
            }
            assertTrue(wire.arrivals().isEmpty(), "warm-up arrivals dropped");
            for (int i = 0; i < 2; i++) {
                long before = System.nanoTime();
                HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(URI.create(wire.endpoint()))
                        .POST(HttpRequest.BodyPublishers.ofString(LOCKED_EVENT)).build(), HttpResponse.BodyHandlers.discarding());
                long after = System.nanoTime();

                assertEquals(204, answer.statusCode());
                String[] arrival = wire.arrivals().poll(10, TimeUnit.SECONDS);
                assertNotNull(arrival);
                assertEquals("LOCKED", arrival[0]);
                long at = Long.parseLong(arrival[1]);
                assertTrue(before <= at && at <= after, "first byte between send and answer: " + (at - before));
            }
        }
    }

    @Test
    void should_read_the_content_length_of_a_head_in_any_case() throws Exception {
        assertEquals(123, StackSubscribers.contentLength("POST /s HTTP/1.1\r\nHost: x\r\ncontent-length:  123"));
        assertEquals(0, StackSubscribers.contentLength("POST /s HTTP/1.1\r\nHost: x"));
    }

    @Test
    void should_put_the_run_values_in_place_of_the_command_placeholders() {
        String command = ProxyProcess.expand("cd {dir} && exec proxy --api={api-port} --m=127.0.0.1:{metrics-port} --s={socket}",
                8089, 9091, Path.of("/tmp/x/events.sock"), Path.of("/tmp/x"));

        assertEquals("cd /tmp/x && exec proxy --api=8089 --m=127.0.0.1:9091 --s=/tmp/x/events.sock", command);
    }
}
