package io.ptpproxy.ptp;

/**
 * The last published state of one clock (a config's slave-port servo, or its OS clock) and the
 * last offset seen for it. A null state means nothing was published yet.
 */
final class ClockRecord {

    private SyncState state;
    private long lastOffset;
    private long maxAbsOffset;

    SyncState state() {
        return state;
    }

    long lastOffset() {
        return lastOffset;
    }

    void offset(long offset) {
        this.lastOffset = offset;
        this.maxAbsOffset = Math.max(maxAbsOffset, Math.abs(offset));
    }

    /** @return the largest absolute offset since the state last changed */
    long maxAbsOffset() {
        return maxAbsOffset;
    }

    void state(SyncState newState) {
        this.state = newState;
        this.maxAbsOffset = Math.abs(lastOffset);
    }

    boolean known() {
        return state != null;
    }
}
