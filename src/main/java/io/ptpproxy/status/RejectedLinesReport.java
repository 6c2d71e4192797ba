package io.ptpproxy.status;

import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

import io.ptpproxy.ptp.LineCounters;
import io.ptpproxy.ptp.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rejected socket lines, logged as one summary line per period instead of one line each: a daemon
 * writing garbage must not flood the log (every line is counted in the metrics anyway).
 */
public final class RejectedLinesReport {

    private static final Logger LOG = LoggerFactory.getLogger(RejectedLinesReport.class);

    private final LineCounters counters;
    private final Map<RejectReason, Long> reported = new EnumMap<>(RejectReason.class);

    /** @param counters where the rejected lines are counted */
    public RejectedLinesReport(LineCounters counters) {
        this.counters = counters;
        for (RejectReason reason : RejectReason.values()) {
            reported.put(reason, counters.rejected(reason));
        }
    }

    /** Logs the lines rejected since the last call, by reason, if there were any. */
    public synchronized void report() {
        StringJoiner reasons = new StringJoiner(", ");
        long total = 0;
        for (RejectReason reason : RejectReason.values()) {
            long now = counters.rejected(reason);
            long since = now - reported.put(reason, now);
            if (since > 0) {
                reasons.add(reason.label() + " " + since);
                total += since;
            }
        }
        if (total > 0) {
            LOG.warn("Rejected {} socket line(s) since the last report: {}", total, reasons);
        }
    }
}
