package io.ptpproxy.ptp;

import java.time.Instant;

/**
 * Wakes the {@link ClockStateTracker}'s owner when a holdover deadline is due, so that
 * {@link ClockStateTracker#expireDue()} runs exactly then and nothing polls in between.
 */
@FunctionalInterface
public interface HoldoverAlarm {

    /** No alarm: whoever owns the tracker calls {@link ClockStateTracker#expire} itself (tests, benchmarks). */
    HoldoverAlarm NONE = deadline -> {
    };

    /**
     * Asks to be woken at {@code deadline} (at once when it has passed). Called with the tracker's lock
     * held, so it must only schedule, never call back into the tracker.
     *
     * @param deadline the tracker clock's instant at which a HOLDOVER expires
     */
    void wakeAt(Instant deadline);
}
