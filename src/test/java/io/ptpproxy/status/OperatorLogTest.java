package io.ptpproxy.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.ptpproxy.event.DataValue;
import io.ptpproxy.event.Notification;
import io.ptpproxy.event.ResourceType;
import io.ptpproxy.ptp.LineCounters;
import io.ptpproxy.ptp.ParseOutcome;
import io.ptpproxy.ptp.RejectReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator log lines: one per state change (old -> new), one summary per period for rejected lines. */
class OperatorLogTest {

    private static final String MASTER = "/cluster/node/n1/ens5fx/master";

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void captureLog() {
        original = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLog() {
        System.setErr(original);
    }

    @Test
    void should_log_each_state_change_once_with_old_and_new_value() {
        StateChangeLog changes = new StateChangeLog();
        changes.note(lockState("LOCKED", 5));
        changes.note(lockState("LOCKED", 7));
        changes.note(lockState("HOLDOVER", 900));
        changes.note(new Notification(ResourceType.CLOCK_CLASS, "/cluster/node/n1/sync/ptp-status/clock-class",
                List.of(DataValue.metric(MASTER, 6))));
        assertEquals(List.of(
                "INFO io.ptpproxy.status.StateChangeLog - sync/ptp-status/lock-state " + MASTER + ": (none) -> LOCKED",
                "INFO io.ptpproxy.status.StateChangeLog - sync/ptp-status/lock-state " + MASTER + ": LOCKED -> HOLDOVER",
                "INFO io.ptpproxy.status.StateChangeLog - sync/ptp-status/clock-class " + MASTER + ": (none) -> 6"),
                lines());
    }

    @Test
    void should_sum_up_rejected_lines_per_period() {
        LineCounters counters = new LineCounters();
        counters.count(new ParseOutcome.Rejected(RejectReason.TRUNCATED));
        RejectedLinesReport report = new RejectedLinesReport(counters);
        report.report();
        for (int i = 0; i < 41; i++) {
            counters.count(new ParseOutcome.Rejected(RejectReason.TRUNCATED));
        }
        counters.reject(RejectReason.TOO_LONG);
        report.report();
        report.report();
        assertEquals(List.of("WARN io.ptpproxy.status.RejectedLinesReport - "
                + "Rejected 42 socket line(s) since the last report: too-long 1, truncated 41"), lines());
    }

    private static Notification lockState(String state, long offset) {
        return new Notification(ResourceType.LOCK_STATE, "/cluster/node/n1/sync/ptp-status/lock-state",
                List.of(DataValue.notification(MASTER, state), DataValue.metric(MASTER, offset)));
    }

    /**
     * @return the log lines this test's thread wrote, without their time stamp and thread name: the
     *     logger writes to whatever System.err is, so the capture also takes lines of any other thread
     *     of the JVM (a proxy of an earlier test class still stopping, say)
     */
    private List<String> lines() {
        String thread = "[" + Thread.currentThread().getName() + "] ";
        return log.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains(thread))
                .map(line -> line.replaceFirst("^\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(Z|[+-]\\d{2}:\\d{2}) \\[[^]]*] ", ""))
                .toList();
    }
}
