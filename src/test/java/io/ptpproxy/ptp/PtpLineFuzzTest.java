package io.ptpproxy.ptp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ptpproxy.event.DataValue;
import io.ptpproxy.event.EventIssuer;
import io.ptpproxy.event.Notification;
import io.ptpproxy.event.OranEventFormat;
import io.ptpproxy.event.ResourceType;
import io.ptpproxy.metrics.PrometheusClockMetrics;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Fuzzes the parser and the clock state tracker with sessions of recorded, mutated and random
 * linuxptp lines: no exception escapes, every line is counted exactly once, and every event and
 * every CurrentState answer is a valid O-RAN value that serializes to a CloudEvent. Each try is a
 * session of {@value #LINES_PER_TRY} lines on a fresh tracker, generated from the try's seed (a
 * failure names it, so the session can be replayed); the number of tries is jqwik's
 * {@code jqwik.tries.default} (200 in the default build, so 2·10^4 lines; 10,000 with
 * {@code -Preliability}, so 10^6 lines).
 */
class PtpLineFuzzTest {

    private static final int LINES_PER_TRY = 100;
    private static final String NODE = "node1";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> CORPUS = corpus();
    private static final List<String> TOKENS = CORPUS.stream()
            .flatMap(line -> Arrays.stream(line.split("[\\s:\\[\\]]+"))).filter(t -> !t.isEmpty()).distinct().toList();
    private static final List<String> ODD_NUMBERS = List.of("0", "-0", "+5", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "-9223372036854775809", "1e400", "NaN", "Infinity", "0x10", "1_000", "3.5", "255",
            "256", "-1", "\u0663\u0664", "\uff11\uff12", "", "99999999999999999999999999");
    private static final Set<String> DATA_TYPES = Set.of(DataValue.NOTIFICATION, DataValue.METRIC);
    private static final Pattern STATE = Pattern.compile("[A-Z][A-Z0-9_-]*");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property
    void should_survive_any_session_of_lines_with_a_valid_state(@ForAll long session) throws IOException {
        Random random = new Random(session);
        List<String> lines = Stream.generate(() -> line(random)).limit(LINES_PER_TRY).toList();
        PtpLogParser parser = new PtpLogParser();
        LineCounters counters = new LineCounters();
        PtpProfile profile = new PtpProfile("oc-profile", Thresholds.DEFAULT, List.of("ens5f0", "ens2f0"));
        ClockStateTracker tracker = new ClockStateTracker(NODE, config -> profile, Clock.fixed(T0, ZoneOffset.UTC),
                new PrometheusClockMetrics(new SimpleMeterRegistry(), NODE));
        EventIssuer issuer = new EventIssuer(new OranEventFormat(), Clock.fixed(T0, ZoneOffset.UTC));
        Instant now = T0;
        for (int i = 0; i < lines.size(); i++) {
            ParseOutcome outcome = counters.count(parser.parse(lines.get(i)));
            assertNotNull(outcome);
            if (outcome instanceof ParseOutcome.Accepted accepted) {
                for (Notification notification : tracker.apply(accepted.line(), now)) {
                    // the PTP tracker only speaks in the PTP catalogue's kinds
                    ResourceType type = (ResourceType) notification.type();
                    assertValid(type, notification.values());
                    assertCloudEvent(issuer.issue(notification).json(), type);
                }
            }
            now = now.plusMillis(lines.get(i).length() % 7 == 0 ? 3_000 : 100);
            for (Notification notification : tracker.expire(now)) {
                assertValid((ResourceType) notification.type(), notification.values());
            }
        }
        assertEquals(lines.size(), counters.accepted() + counters.ignored() + counters.rejectedTotal(),
                "every line counted once");
        for (ResourceType type : ResourceType.values()) {
            assertValid(type, tracker.currentValues(type));
        }
    }

    /** A recorded line (30 %), a mutated one (50 %), a soup of recorded words (10 %) or random text. */
    static String line(Random random) {
        int kind = random.nextInt(10);
        if (kind < 3) {
            return pick(random, CORPUS);
        }
        if (kind < 8) {
            String line = pick(random, CORPUS);
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                line = mutate(random, line);
            }
            return line;
        }
        if (kind < 9) {
            StringBuilder soup = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                soup.append(pick(random, TOKENS)).append(random.nextInt(4) == 0 ? ":" : " ");
            }
            return soup.toString();
        }
        return randomText(random, random.nextInt(200));
    }

    private static String mutate(Random random, String line) {
        String[] words = line.split(" ", -1);
        int at = line.isEmpty() ? 0 : random.nextInt(line.length());
        return switch (random.nextInt(9)) {
            case 0 -> line.substring(0, at);
            case 1 -> line.substring(0, at) + randomText(random, 1 + random.nextInt(4)) + line.substring(at);
            case 2 -> line.isEmpty() ? line : line.substring(0, at) + line.substring(Math.min(line.length(), at + 1 + random.nextInt(8)));
            case 3 -> replaceWord(random, words, pick(random, ODD_NUMBERS));
            case 4 -> replaceWord(random, words, pick(random, TOKENS));
            case 5 -> String.join(" ", swapWords(random, words));
            case 6 -> line.replaceFirst("-?[0-9]+", pick(random, ODD_NUMBERS));
            case 7 -> line + " " + pick(random, TOKENS);
            default -> line.replace(' ', random.nextBoolean() ? '\t' : '\u00a0');
        };
    }

    private static String replaceWord(Random random, String[] words, String replacement) {
        String[] copy = words.clone();
        copy[random.nextInt(copy.length)] = replacement;
        return String.join(" ", copy);
    }

    private static String[] swapWords(Random random, String[] words) {
        String[] copy = words.clone();
        int a = random.nextInt(copy.length);
        int b = random.nextInt(copy.length);
        String word = copy[a];
        copy[a] = copy[b];
        copy[b] = word;
        return copy;
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(10);
            text.appendCodePoint(pick < 6 ? 0x20 + random.nextInt(0x5f)
                    : pick < 8 ? random.nextInt(0x20) : pick < 9 ? 0x80 + random.nextInt(0x2000) : 0x1F600 + random.nextInt(80));
        }
        return text.toString();
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static void assertValid(ResourceType type, List<DataValue> values) {
        assertNotNull(type);
        for (DataValue value : values) {
            assertTrue(value.resourceAddress().startsWith("/cluster/node/" + NODE + "/"), value.resourceAddress());
            assertTrue(DATA_TYPES.contains(value.dataType()), value.dataType());
            boolean valid = DataValue.NOTIFICATION.equals(value.dataType())
                    ? STATE.matcher(value.value()).matches()
                    : NUMBER.matcher(value.value()).matches() || STATE.matcher(value.value()).matches();
            assertTrue(valid, type + " value " + value);
        }
    }

    private static void assertCloudEvent(byte[] json, ResourceType type) throws IOException {
        JsonNode event = JSON.readTree(json);
        assertEquals("1.0", event.get("specversion").textValue());
        assertEquals(type.suffix(), event.get("source").textValue());
        assertEquals(type.eventType(), event.get("type").textValue());
        assertFalse(event.get("data").get("values").isEmpty(), "an event carries values");
    }

    private static List<String> corpus() {
        try (Stream<Path> files = Files.list(Path.of(PtpLineFuzzTest.class.getResource("/ptp-logs").toURI()))) {
            List<String> lines = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                lines.addAll(Files.readAllLines(file));
            }
            return List.copyOf(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
