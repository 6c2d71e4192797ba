package io.ptpproxy.ptp;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what became of every socket line: accepted, knowingly ignored, or rejected by reason.
 * Garbage never stops ingest; it is counted here instead.
 */
public final class LineCounters {

    private final LongAdder accepted = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final Map<RejectReason, LongAdder> rejected = new EnumMap<>(RejectReason.class);
    /** Wall-clock millis of the last batch of lines (the status page shows its age), 0 before any. */
    private volatile long lastLineMillis;

    public LineCounters() {
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, new LongAdder());
        }
    }

    /**
     * Counts a parser outcome and hands it on unchanged, so a route can count in passing.
     *
     * @return the same outcome
     */
    public ParseOutcome count(ParseOutcome outcome) {
        if (outcome instanceof ParseOutcome.Accepted) {
            accepted.increment();
        } else if (outcome instanceof ParseOutcome.Ignored) {
            ignored.increment();
        } else if (outcome instanceof ParseOutcome.Rejected rejection) {
            reject(rejection.reason());
        }
        return outcome;
    }

    /**
     * Counts a batch of outcomes and hands it on unchanged.
     *
     * @return the same outcomes
     */
    public List<ParseOutcome> countAll(List<ParseOutcome> outcomes) {
        lastLineMillis = System.currentTimeMillis();
        for (ParseOutcome outcome : outcomes) {
            count(outcome);
        }
        return outcomes;
    }

    /** Counts a line rejected before parsing (e.g. too long for the framing decoder). */
    public void reject(RejectReason reason) {
        rejected.get(reason).increment();
    }

    /** @return wall-clock epoch millis of the last line counted in a batch, 0 before the first */
    public long lastLineMillis() {
        return lastLineMillis;
    }

    /** @return lines the state tracker consumed */
    public long accepted() {
        return accepted.sum();
    }

    /** @return well-formed lines the proxy does not use */
    public long ignored() {
        return ignored.sum();
    }

    /** @return lines rejected for the given reason */
    public long rejected(RejectReason reason) {
        return rejected.get(reason).sum();
    }

    /** @return lines rejected for any reason */
    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
