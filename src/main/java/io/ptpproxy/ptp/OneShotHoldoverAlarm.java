package io.ptpproxy.ptp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link HoldoverAlarm} with one pending one-shot schedule, for the earliest deadline asked for: a
 * node with no clock in HOLDOVER has nothing scheduled and its alarm thread parked. The delay is read
 * from the tracker's clock when the alarm is set; the tracker re-arms it for deadlines still ahead
 * after each expiry run, so a wake-up that comes early (the wall clock was stepped back) costs one
 * more run, not a lost FREERUN.
 */
public final class OneShotHoldoverAlarm implements HoldoverAlarm, AutoCloseable {

    private final Clock clock;
    private final Runnable due;
    private final ScheduledThreadPoolExecutor executor;
    private Instant pendingDeadline;
    private ScheduledFuture<?> pending;

    /**
     * @param clock the tracker's clock, which its deadlines are instants of
     * @param due what runs when the earliest deadline is due: the tracker's expiry and the publishing
     *            of what it returns; runs on the alarm's own thread
     */
    public OneShotHoldoverAlarm(Clock clock, Runnable due) {
        this.clock = clock;
        this.due = due;
        this.executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "holdover-alarm");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public synchronized void wakeAt(Instant deadline) {
        if (executor.isShutdown() || pending != null && !pending.isDone() && !deadline.isBefore(pendingDeadline)) {
            return;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        long delayNanos = Math.max(0, Duration.between(clock.instant(), deadline).toNanos());
        pendingDeadline = deadline;
        pending = executor.schedule(this::fire, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void fire() {
        synchronized (this) {
            pending = null;
            pendingDeadline = null;
        }
        due.run();
    }

    /** Drops the pending schedule and ends the alarm's thread. */
    @Override
    public synchronized void close() {
        executor.shutdownNow();
    }
}
