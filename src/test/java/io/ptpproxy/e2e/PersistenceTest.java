package io.ptpproxy.e2e;

import static io.ptpproxy.fixtures.OranEventAssert.assertEvent;
import static io.ptpproxy.fixtures.OranEventAssert.lockState;
import static io.ptpproxy.fixtures.OranEventAssert.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.fixtures.SocketWriter;
import io.ptpproxy.subscription.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subscriptions survive a restart (V2-70 … V2-72) and receive events without re-subscribing. */
class PersistenceTest {

    private static final String NODE = "/cluster/node/" + RunningProxy.NODE;

    @TempDir
    Path work;

    @Test
    void should_keep_subscriptions_across_a_restart_and_deliver_to_them() throws Exception {
        try (RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            JsonNode before;
            try (RunningProxy proxy = RunningProxy.start(work)) {
                assertEquals(201, proxy.subscribe(NODE + "/sync/ptp-status/lock-state", subscriber.uri()).statusCode());
                assertEquals(201, proxy.subscribe(NODE + "/sync/sync-status/sync-state", subscriber.uri()).statusCode());
                subscriber.next(2, Duration.ofSeconds(10));
                before = parse(proxy.send("GET", proxy.v2() + "/subscriptions", null).body());
            }
            try (RunningProxy proxy = RunningProxy.start(work)) {
                assertEquals(before, parse(proxy.send("GET", proxy.v2() + "/subscriptions", null).body()));
                try (SocketWriter writer = SocketWriter.connect(proxy.socketPath())) {
                    writer.line("ptp4l[1.0]: [ptp4l.0.config] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED")
                            .line("ptp4l[1.1]: [ptp4l.0.config] master offset -3 s2 freq 0 path delay 1");
                }
                // the first request after the restart is this event: no initial notification was re-sent
                assertEvent(lockState("ens5fx", "LOCKED", -3), subscriber.next(Duration.ofSeconds(10)).body());
                assertEquals(204, proxy.send("DELETE", proxy.v2() + "/subscriptions", null).statusCode());
            }
            try (RunningProxy proxy = RunningProxy.start(work)) {
                assertEquals("[]", proxy.send("GET", proxy.v2() + "/subscriptions", null).body());
            }
        }
    }

    @Test
    void should_refuse_to_start_on_a_store_path_that_is_not_a_writable_directory() throws Exception {
        Files.writeString(work.resolve("store"), "a regular file where the store directory should be");
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> RunningProxy.start(work));
        assertTrue(failure.getMessage().contains("stopped during start-up"), failure.getMessage());
        Throwable cause = failure;
        while (cause != null && !(cause instanceof StoreException)) {
            cause = cause.getCause();
        }
        assertNotNull(cause, "the start-up failed on the store: " + failure);
        assertTrue(cause.getMessage().startsWith("subscription store path " + work.resolve("store").toAbsolutePath()
                + " is not a writable directory"), cause.getMessage());
    }

    @Test
    void should_start_with_a_corrupt_store_file_set_aside() throws Exception {
        Path store = Files.createDirectories(work.resolve("store"));
        String name = "0b5bb9e6-61a8-3a4a-9b0c-5d5ef8c8ad3e.json";
        Files.writeString(store.resolve(name), "{not json");
        try (RunningProxy proxy = RunningProxy.start(work)) {
            assertEquals("[]", proxy.send("GET", proxy.v2() + "/subscriptions", null).body());
        }
        assertTrue(Files.exists(store.resolve(name + ".corrupt")), "the corrupt file is kept aside");
    }
}
