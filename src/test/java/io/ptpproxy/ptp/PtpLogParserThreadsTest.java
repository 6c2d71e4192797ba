package io.ptpproxy.ptp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The parser's threading contract: one parser shared by several I/O threads gives every line the
 * outcome a parser of its own would, although the threads race on the config-tag cache.
 */
class PtpLogParserThreadsTest {

    /** More configs than the cache has slots, so threads overwrite each other's tags. */
    private static final int CONFIGS = 64;
    private static final int THREADS = 4;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void threads_sharing_a_parser_get_the_outcomes_of_a_parser_of_their_own() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < CONFIGS; n++) {
            lines.add("ptp4l[" + n + ".0]: [ptp4l." + n + ".config] master offset -" + n + " s2 freq -85 path delay 1586");
            lines.add("ts2phc[" + n + ".0]: [ts2phc." + n + ".config] ens2f0 master offset " + n + " s2 freq -3");
            lines.add("phc2sys[" + n + ".0]: [ptp4l." + n + ".config] CLOCK_REALTIME phc offset " + n + " s2 freq 1 delay 2");
        }
        List<ParseOutcome> expected = lines.stream().map(line -> new PtpLogParser().parse(line)).toList();
        PtpLogParser shared = new PtpLogParser();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                runs.add(pool.submit((Callable<Void>) () -> {
                    for (int round = 0; round < 200; round++) {
                        for (int i = 0; i < lines.size(); i++) {
                            int at = (i * 7 + offset * 13 + round) % lines.size();
                            assertEquals(expected.get(at), shared.parse(lines.get(at)), lines.get(at));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void lines_of_one_config_share_its_tag_strings() {
        PtpLogParser parser = new PtpLogParser();
        PtpLine first = ((ParseOutcome.Accepted) parser.parse(
                "ptp4l[1.0]: [ptp4l.0.config] master offset -3 s2 freq -85 path delay 1586")).line();
        PtpLine second = ((ParseOutcome.Accepted) parser.parse(
                "ptp4l[2.0]: [ptp4l.0.config] master offset -4 s2 freq -85 path delay 1586")).line();
        assertSame(first.configName(), second.configName());
    }
}
