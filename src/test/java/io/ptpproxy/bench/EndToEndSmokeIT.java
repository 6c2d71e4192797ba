package io.ptpproxy.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The end-to-end benchmark (bench/, compiled into the tests) in a seconds-long run against the
 * packaged runner jar, so a change to the proxy or the harness that breaks the benchmark fails the
 * build instead of the next benchmark run. Its figures are not asserted (a shared CI machine makes
 * them meaningless); that every line reached every live subscriber is.
 */
class EndToEndSmokeIT {

    private static final Path JAR = Path.of("target/ptp-event-proxy-runner.jar");

    @Test
    void should_deliver_every_line_to_every_live_subscriber_and_sustain_ingest() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "run after package: " + JAR);

        EndToEndLatency.SmokeResult result = EndToEndLatency.smoke(JAR);

        assertEquals(3, result.subscribers(), "three live subscribers beside the dead one");
        assertEquals(0, result.missed(), result.toString());
        assertEquals((long) result.lines() * result.subscribers(), result.delivered(), result.toString());
        assertEquals(0, result.stray(), "no duplicate or unexpected event: " + result);
        assertEquals(5001, result.ingestLines(), result.toString());
        assertTrue(result.ingestSeconds() > 0 && result.startupSeconds() > 0 && result.rssKiB() > 0, result.toString());
    }
}
