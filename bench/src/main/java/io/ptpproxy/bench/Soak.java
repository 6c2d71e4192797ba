package io.ptpproxy.bench;

import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The soak of issue #9: one state-flipping line every 100 ms (10 events/s) to 100 live subscribers
 * (own port each) for N minutes, on a fresh proxy. Every 30 s it samples the proxy's RSS and then its
 * live heap after a forced full GC; growth is the last minute's mean against the first minute's.
 * At the end every event must have reached every subscriber.
 */
final class Soak {

    static final int SUBSCRIBERS = 100;
    static final long LINE_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final long SAMPLE_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** One sample: seconds since the first line, RSS and live heap in KiB, deliveries so far. */
    record Sample(double seconds, long rssKiB, long liveHeapKiB, long delivered, String load) {
    }

    /** What the soak measured. */
    record Result(String label, double minutes, long lines, long expected, long delivered, List<Sample> samples) {

        /** @return last minute's mean minus first minute's mean of a quantity, in MiB */
        double growthMiB(java.util.function.ToLongFunction<Sample> of) {
            List<Sample> first = samples.stream().filter(s -> s.seconds() <= 61).toList();
            double end = samples.get(samples.size() - 1).seconds();
            List<Sample> last = samples.stream().filter(s -> s.seconds() >= end - 31).toList();
            return (mean(last, of) - mean(first, of)) / 1024.0;
        }

        private static double mean(List<Sample> samples, java.util.function.ToLongFunction<Sample> of) {
            return samples.stream().mapToLong(of).average().orElse(Double.NaN);
        }
    }

    private Soak() {
    }

    static Result run(Path jar, List<String> flags, String label, double minutes, HttpClient http) throws Exception {
        try (ProxyProcess proxy = ProxyProcess.start(jar, flags, http);
             Subscribers subscribers = Subscribers.serverEach(live(SUBSCRIBERS), 4)) {
            for (String endpoint : subscribers.endpoints) {
                proxy.subscribe(endpoint);
            }
            try (SocketChannel writer = proxy.connect()) {
                write(writer, EndToEndLatency.PORT_LINE);
                Thread.sleep(1000);
                long before = subscribers.received.get();
                List<Sample> samples = new ArrayList<>();
                long lines = 0;
                long t0 = System.nanoTime();
                long end = t0 + (long) (minutes * TimeUnit.MINUTES.toNanos(1));
                long nextSample = t0 + SAMPLE_PERIOD_NANOS;
                while (System.nanoTime() < end) {
                    // the first line after the port line locks, every later one flips the state
                    write(writer, lines % 2 == 0 ? EndToEndLatency.IN_RANGE : EndToEndLatency.OUT_OF_RANGE);
                    lines++;
                    if (System.nanoTime() >= nextSample) {
                        samples.add(sample(proxy, subscribers.received.get() - before, t0));
                        nextSample += SAMPLE_PERIOD_NANOS;
                    }
                    LockSupport.parkNanos(t0 + lines * LINE_PERIOD_NANOS - System.nanoTime());
                }
                long expected = lines * SUBSCRIBERS;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (subscribers.received.get() - before < expected && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                // the last minute ends with the run
                samples.add(sample(proxy, subscribers.received.get() - before, t0));
                return new Result(label, minutes, lines, expected, subscribers.received.get() - before, samples);
            }
        }
    }

    private static Sample sample(ProxyProcess proxy, long delivered, long t0) {
        long rss = proxy.rssKiB();
        long heap = proxy.liveHeapKiB();
        return new Sample((System.nanoTime() - t0) / 1e9, rss, heap, delivered, EndToEndLatency.loadavg());
    }

    private static Subscribers.Kind[] live(int n) {
        Subscribers.Kind[] kinds = new Subscribers.Kind[n];
        Arrays.fill(kinds, Subscribers.Kind.LIVE);
        return kinds;
    }

    private static void write(SocketChannel writer, String line) throws java.io.IOException {
        ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) {
            writer.write(b);
        }
    }

    /** @return the Markdown section of the results */
    static String report(Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "## Soak: %d events/s to %d subscribers for %s min (%s)%n%n",
                TimeUnit.SECONDS.toNanos(1) / LINE_PERIOD_NANOS, SUBSCRIBERS, trim(r.minutes()), r.label()));
        b.append("| t (s) | RSS (MiB) | live heap after full GC (MiB) | events delivered | load avg 1 min |\n");
        b.append("|---:|---:|---:|---:|---:|\n");
        for (Sample s : r.samples()) {
            b.append(String.format(Locale.ROOT, "| %.0f | %.1f | %.1f | %d | %s |%n", s.seconds(), s.rssKiB() / 1024.0,
                    s.liveHeapKiB() / 1024.0, s.delivered(), s.load()));
        }
        b.append(String.format(Locale.ROOT, "%n%d lines, %d of %d events delivered (%d missing). Growth, last minute's mean "
                        + "minus first minute's: RSS %+.1f MiB, live heap %+.1f MiB.%n", r.lines(), r.delivered(), r.expected(),
                r.expected() - r.delivered(), r.growthMiB(Sample::rssKiB), r.growthMiB(Sample::liveHeapKiB)));
        return b.toString();
    }

    private static String trim(double minutes) {
        return minutes == Math.rint(minutes) ? Long.toString((long) minutes) : Double.toString(minutes);
    }
}
