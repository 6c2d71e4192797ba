package io.ptpproxy.ptp;

import java.time.Duration;

/**
 * A PTP profile's {@code ptpClockThreshold}: how long HOLDOVER may last before FREERUN, and the
 * open offset window in which a locked servo counts as LOCKED.
 *
 * @param holdOverTimeout time in HOLDOVER before FREERUN is declared
 * @param maxOffsetNs upper bound (exclusive) of the in-range window
 * @param minOffsetNs lower bound (exclusive) of the in-range window
 */
public record Thresholds(Duration holdOverTimeout, long maxOffsetNs, long minOffsetNs) {

    /** The linuxptp-daemon defaults: 5 s, 100 ns, -100 ns. */
    public static final Thresholds DEFAULT = new Thresholds(Duration.ofSeconds(5), 100, -100);

    public Thresholds {
        if (holdOverTimeout == null) {
            throw new IllegalArgumentException("holdOverTimeout cannot be null");
        }
    }

    /**
     * Applies the daemon's validation: a non-positive timeout or max offset takes the default, and a
     * min offset above the max becomes {@code max - 1}.
     */
    public static Thresholds of(long holdOverTimeoutSeconds, long maxOffsetNs, long minOffsetNs) {
        Duration timeout = holdOverTimeoutSeconds <= 0
                ? DEFAULT.holdOverTimeout() : Duration.ofSeconds(holdOverTimeoutSeconds);
        long max = maxOffsetNs <= 0 ? DEFAULT.maxOffsetNs() : maxOffsetNs;
        long min = minOffsetNs > max ? max - 1 : minOffsetNs;
        return new Thresholds(timeout, max, min);
    }

    /** @return true when {@code min < offset < max} (the bounds themselves are out of range) */
    public boolean inRange(long offsetNs) {
        return minOffsetNs < offsetNs && offsetNs < maxOffsetNs;
    }
}
