package io.ptpproxy.e2e;

import static io.ptpproxy.fixtures.OranEventAssert.assertEvent;
import static io.ptpproxy.fixtures.OranEventAssert.lockState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.ptp.ClockStateTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/ptp-forwarder feeds a running proxy the way the linuxptp daemon does (tags, process status). */
class PtpForwarderTest {

    private static final String LOCK_STATE = "/cluster/node/" + RunningProxy.NODE + "/sync/ptp-status/lock-state";

    @TempDir
    Path work;

    @Test
    void should_tag_lines_like_the_daemon_and_report_the_process_stopping() throws Exception {
        assumeTrue(onPath("python3"), "PtpForwarderTest skipped: python3 not on PATH");
        Path run = Files.createDirectories(work.resolve("run"));
        Files.writeString(run.resolve("ptp4l.0.config"), "#profile: oc\n[global]\n[ens5f0]\n");
        try (RunningProxy proxy = RunningProxy.start(work); RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            assertEquals(201, proxy.subscribe(LOCK_STATE, subscriber.uri()).statusCode());
            subscriber.next(Duration.ofSeconds(10));
            // one line with ptp4l's own --message_tag (level suffix to strip), one without a tag at all
            String lines = "ptp4l[10.0]: [ptp4l.0.config:6] port 1 (ens5f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED\\n"
                    + "ptp4l[10.1]: master offset -3 s2 freq 0 path delay 1\\n";
            Process forwarder = new ProcessBuilder("python3", "scripts/ptp-forwarder",
                    "--socket", proxy.socketPath().toString(), "--config-name", "ptp4l.0.config", "--process", "ptp4l",
                    "--", "sh", "-c", "printf '" + lines + "'; sleep 0.5")
                    .redirectErrorStream(true).redirectOutput(work.resolve("forwarder.log").toFile()).start();
            assertEquals(true, forwarder.waitFor(20, TimeUnit.SECONDS), "the forwarder ends with its command");
            assertEquals(0, forwarder.exitValue(), Files.readString(work.resolve("forwarder.log")));

            assertEvent(lockState("ens5fx", "LOCKED", -3), subscriber.next(Duration.ofSeconds(10)).body());
            assertEvent(lockState("ens5fx", "FREERUN", ClockStateTracker.PROCESS_DOWN_OFFSET),
                    subscriber.next(Duration.ofSeconds(10)).body());
        }
    }

    private static boolean onPath(String command) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
