package io.ptpproxy.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.ptpproxy.event.Notification;
import io.ptpproxy.event.ResourceType;
import org.junit.jupiter.api.Test;

/**
 * The JMH microbenchmarks (bench/jmh, compiled into the tests) measure what they claim: the steady
 * stream is accepted line by line and changes no state, the recorded corpus drives state changes, and
 * every benchmark method runs. Keeps the benchmarks compiling and meaningful in every build.
 */
class BenchmarkWorkloadsTest {

    @Test
    void should_lock_in_the_setup_and_then_accept_every_steady_line_without_an_event() {
        try (IngestChain chain = new IngestChain(IngestChain.ORDINARY_CLOCK)) {
            List<Notification> setup = new ArrayList<>();
            Corpus.STEADY_SETUP.forEach(line -> setup.addAll(chain.line(line)));
            assertTrue(setup.stream().anyMatch(n -> n.type() == ResourceType.LOCK_STATE
                    && n.values().get(0).value().equals("LOCKED")), setup.toString());
            long accepted = chain.accepted();
            for (int round = 0; round < 100; round++) {
                for (String line : Corpus.STEADY) {
                    assertEquals(List.of(), chain.line(line), line);
                }
            }
            assertEquals(accepted + 100L * Corpus.STEADY.size(), chain.accepted(), "every steady line accepted");
            assertTrue(chain.series() > 0, "clock metrics registered");
        }
    }

    @Test
    void should_replay_the_recorded_corpus_with_state_changes() {
        List<String> recorded = Corpus.recorded();
        assertTrue(recorded.size() > 100, "corpus found: " + recorded.size());
        try (IngestChain chain = new IngestChain(IngestChain.NO_CONFIG)) {
            int events = 0;
            for (String line : recorded) {
                events += chain.line(line).size();
            }
            assertTrue(events > 10, "events from the corpus: " + events);
        }
    }

    @Test
    void should_run_every_benchmark_method() {
        LineBenchmarks.Lines lines = new LineBenchmarks.Lines();
        lines.load();
        LineBenchmarks.Chains chains = new LineBenchmarks.Chains();
        chains.start();
        try {
            LineBenchmarks bench = new LineBenchmarks();
            for (int i = 0; i < 300; i++) {
                bench.parseSteady(lines);
                bench.parseRecorded(lines);
                bench.parseAndStateSteady(lines, chains);
                bench.parseAndStateRecorded(lines, chains);
            }
        } finally {
            chains.stop();
        }
        String json = new String(new EventBenchmarks().issueLockState().json(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"value\":\"LOCKED\""), json);
        assertFalse(json.contains("datacontenttype"), json);
    }
}
