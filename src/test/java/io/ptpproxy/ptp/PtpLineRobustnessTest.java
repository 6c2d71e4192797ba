package io.ptpproxy.ptp;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ptpproxy.event.DataValue;
import io.ptpproxy.event.Notification;
import io.ptpproxy.event.ResourceType;
import io.ptpproxy.metrics.PrometheusClockMetrics;
import org.junit.jupiter.api.Test;

/**
 * Property: no input line throws, and the state stays valid. A seeded random mutation loop over every
 * recorded line (and the line families the recordings lack) feeds the real parser, tracker and
 * Prometheus metrics; the seed is fixed so a failure is reproducible.
 */
class PtpLineRobustnessTest {

    private static final long SEED = 20261201L;
    private static final int ROUNDS = 30_000;
    private static final String NODE = "/cluster/node/node1/";
    private static final Set<String> STATES = Set.of("LOCKED", "HOLDOVER", "FREERUN", "SYNCHRONIZED",
            "ACQUIRING-SYNC", "FAILURE-NOFIX");
    private static final String ALPHABET = "[]:. \t\u0000\u00a0-+0123456789sxabcfhmortpHLOCKEDFREUN_/()\r\\{}é";
    private static final List<String> RECORDINGS = List.of("01-steady-lock.log", "02-offset-excursion.log",
            "03-servo-freerun.log", "04-faulty-holdover-freerun.log", "04b-after-holdover-timeout.log",
            "05-recovery-locked.log", "06-phc2sys-os-clock.log", "07-clock-class.log", "08-tgm-gnss-loss.log",
            "09-dpll-states.log", "10-malformed-lines.log", "11-two-configs.log", "12-process-restart.log",
            "13-synce.log", "14-real-ptp4l-sw.log");
    private static final List<String> OWN = List.of(
            "T-BC[1757326383]:[ts2phc.1.config] ens4f0 offset -3 T-BC-STATUS s2",
            "T-BC[1689014436]:[ts2phc.1.config] ens7f0 offset 123 T-BC-STATUS s1",
            "chronyd[4711][chronyd.0.config]: Selected source 10.0.0.1",
            "chronyd[4711][chronyd.0.config]: Can't synchronise: no selectable sources",
            "phc2sys[1710435400]:[phc2sys.2.config] ptp_ha_profile profile1 state 1",
            "ptp4l[74737.942]: [ptp4l.0.config] rms   53 max   74 freq -16642 +/-  40 delay  1089 +/-  20",
            "ts2phc[82674.465]: [ts2phc.0.config] nmea delay: 88403525 ns",
            "ts2phc[82674.465]: [ts2phc.0.config] ens2f1 extts index 0 at 1673031129.000000000 corr 0 src 1673031129.911642976 diff 0",
            "synce4l[1722458091]:[synce4l.0.config] ens7f0 clock_quality PRTC device synce1 ext_ql 0x20 network_option 2 ql 0x1 s2",
            "CMD RESTART");

    @Test
    void no_line_throws_and_the_state_stays_valid() throws IOException {
        List<String> corpus = new ArrayList<>(OWN);
        for (String recording : RECORDINGS) {
            corpus.addAll(recorded(recording));
        }
        Random random = new Random(SEED);
        PtpLogParser parser = new PtpLogParser();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PtpProfile oc = new PtpProfile("oc", Thresholds.DEFAULT, List.of("ens5f0", "ens5f1"), Set.of("ens5f1"));
        Map<String, PtpProfile> profiles = Map.of("ptp4l.0.config", oc);
        ClockStateTracker tracker = new ClockStateTracker("node1",
                name -> profiles.getOrDefault(name, PtpProfile.defaultProfile(List.of())),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new PrometheusClockMetrics(registry, "node1"));
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        for (int round = 0; round < ROUNDS; round++) {
            String line = mutate(corpus.get(random.nextInt(corpus.size())), random);
            ParseOutcome outcome = parser.parse(line);
            assertNotNull(outcome, line);
            now = now.plusMillis(random.nextInt(2000));
            if (outcome instanceof ParseOutcome.Accepted accepted) {
                tracker.apply(accepted.line(), now).forEach(notification -> assertValid(notification, line));
            }
            tracker.expire(now).forEach(notification -> assertValid(notification, line));
            if (round % 500 == 0) {
                for (ResourceType type : ResourceType.values()) {
                    tracker.currentValues(type).forEach(value -> assertValid(value, line));
                }
                assertGaugesInRange(registry.scrape());
            }
        }
        assertGaugesInRange(registry.scrape());
    }

    /** One to four random edits: cut, insert, delete, duplicate or swap words, replace a number. */
    private static String mutate(String line, Random random) {
        StringBuilder text = new StringBuilder(line);
        int edits = random.nextInt(5);
        for (int i = 0; i < edits; i++) {
            int at = text.length() == 0 ? 0 : random.nextInt(text.length() + 1);
            switch (random.nextInt(6)) {
                case 0 -> text.setLength(at);
                case 1 -> text.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> {
                    if (at < text.length()) {
                        text.deleteCharAt(at);
                    }
                }
                case 3 -> text.insert(at, " " + text.substring(at, Math.min(text.length(), at + random.nextInt(12))));
                case 4 -> text.insert(at, List.of(" 99999999999999999999 ", " -9223372036854775808 ", " 0x ", " s3 ",
                        " 256 ", " -1 ", " 6.5 ", " NaN ", " [ptp4l.7.config] ").get(random.nextInt(9)));
                default -> {
                    String[] words = text.toString().split(" ");
                    if (words.length == 0) {
                        continue;
                    }
                    int a = random.nextInt(words.length);
                    int b = random.nextInt(words.length);
                    String swap = words[a];
                    words[a] = words[b];
                    words[b] = swap;
                    text = new StringBuilder(String.join(" ", words));
                }
            }
        }
        return text.toString();
    }

    private static void assertValid(Notification notification, String line) {
        assertNotNull(notification.type(), line);
        assertTrue(!notification.values().isEmpty(), line);
        notification.values().forEach(value -> assertValid(value, line));
    }

    private static void assertValid(DataValue value, String line) {
        assertTrue(value.resourceAddress().startsWith(NODE), () -> value + " after " + line);
        if (DataValue.NOTIFICATION.equals(value.dataType())) {
            assertTrue(STATES.contains(value.value()), () -> value + " after " + line);
        }
    }

    /** clock_state is 0..2 and interface_role 0..5 whatever the lines said. */
    private static void assertGaugesInRange(String scrape) {
        scrape.lines().filter(sample -> !sample.startsWith("#")).forEach(sample -> {
            double value = Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
            if (sample.startsWith("openshift_ptp_clock_state{")) {
                assertTrue(value >= 0 && value <= 2, sample);
            } else if (sample.startsWith("openshift_ptp_interface_role{")) {
                assertTrue(value >= 0 && value <= 5, sample);
            }
        });
    }

    private static List<String> recorded(String name) throws IOException {
        try (InputStream in = PtpLineRobustnessTest.class.getResourceAsStream("/ptp-logs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
