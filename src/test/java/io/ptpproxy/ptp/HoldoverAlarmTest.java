package io.ptpproxy.ptp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.ptpproxy.fixtures.SettableClock;
import org.junit.jupiter.api.Test;

/**
 * Holdover expiry without polling: entering HOLDOVER sets the alarm to exactly holdOverTimeout later,
 * an early wake-up sets it again, and {@link OneShotHoldoverAlarm} runs its task once, at the deadline
 * read from the tracker's clock.
 */
class HoldoverAlarmTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final PtpProfile OC = new PtpProfile("oc-profile", Thresholds.DEFAULT, List.of("ens5f0"));

    private final SettableClock clock = new SettableClock(T0);
    private final List<Instant> alarms = new ArrayList<>();
    private final ClockStateTracker tracker = new ClockStateTracker("node1", name -> OC, clock, ClockMetrics.NONE,
            alarms::add);

    @Test
    void should_set_the_alarm_to_exactly_hold_over_timeout_and_declare_freerun_when_it_rings() throws IOException {
        feed("04-faulty-holdover-freerun.log");
        assertEquals(List.of(T0.plusSeconds(5)), alarms, "one alarm, at HOLDOVER + holdOverTimeout (5 s)");

        clock.advance(Duration.ofMillis(4999));
        assertEquals(List.of(), describe(tracker.expireDue()));
        assertEquals(List.of(T0.plusSeconds(5), T0.plusSeconds(5)), alarms, "an early wake-up sets the same alarm again");

        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("LS FREERUN(-4)@ens5fx", "SS FREERUN"), describe(tracker.expireDue()));
        assertEquals(2, alarms.size(), "nothing left to wake up for");
    }

    @Test
    void should_not_set_the_alarm_again_once_the_clock_locked() throws IOException {
        feed("05-recovery-locked.log");
        assertEquals(List.of(T0.plusSeconds(5)), alarms);
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of(), describe(tracker.expireDue()));
        assertEquals(1, alarms.size());
    }

    @Test
    void should_run_once_at_the_deadline_of_the_tracker_clock() throws Exception {
        BlockingQueue<Long> rang = new LinkedBlockingQueue<>();
        try (OneShotHoldoverAlarm alarm = new OneShotHoldoverAlarm(clock, () -> rang.add(System.nanoTime()))) {
            long set = System.nanoTime();
            alarm.wakeAt(T0.plusMillis(300));
            Long at = rang.poll(10, TimeUnit.SECONDS);
            assertTrue(at != null && at - set >= TimeUnit.MILLISECONDS.toNanos(300), "rang after 300 ms, not before");
            assertNull(rang.poll(500, TimeUnit.MILLISECONDS), "rang once");
        }
    }

    @Test
    void should_ring_for_the_earliest_deadline_asked_for() throws Exception {
        BlockingQueue<Long> rang = new LinkedBlockingQueue<>();
        try (OneShotHoldoverAlarm alarm = new OneShotHoldoverAlarm(clock, () -> rang.add(System.nanoTime()))) {
            long set = System.nanoTime();
            alarm.wakeAt(T0.plusSeconds(60));
            alarm.wakeAt(T0.plusMillis(200));
            alarm.wakeAt(T0.plusSeconds(30));
            Long at = rang.poll(10, TimeUnit.SECONDS);
            assertTrue(at != null && at - set >= TimeUnit.MILLISECONDS.toNanos(200), "the 200 ms deadline rang first");
            assertTrue(at - set < TimeUnit.SECONDS.toNanos(30), "not the later ones");
            assertNull(rang.poll(500, TimeUnit.MILLISECONDS), "the later deadlines were not kept: the tracker sets them again");
        }
    }

    @Test
    void should_ring_at_once_for_a_deadline_already_passed_and_never_after_close() throws Exception {
        BlockingQueue<Long> rang = new LinkedBlockingQueue<>();
        OneShotHoldoverAlarm alarm = new OneShotHoldoverAlarm(clock, () -> rang.add(System.nanoTime()));
        alarm.wakeAt(T0.minusSeconds(1));
        assertTrue(rang.poll(10, TimeUnit.SECONDS) != null);
        alarm.wakeAt(T0.plusMillis(200));
        alarm.close();
        assertNull(rang.poll(600, TimeUnit.MILLISECONDS), "a closed alarm drops what was pending");
        alarm.wakeAt(T0);
        assertNull(rang.poll(300, TimeUnit.MILLISECONDS), "and takes nothing new");
    }

    private void feed(String recording) throws IOException {
        PtpLogParser parser = new PtpLogParser();
        try (InputStream in = HoldoverAlarmTest.class.getResourceAsStream("/ptp-logs/" + recording)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                tracker.track(parser.parse(line));
            }
        }
    }

    private static List<String> describe(List<io.ptpproxy.event.Notification> notifications) {
        return notifications.stream().map(ClockStateTrackerTest::describe).toList();
    }
}
