package io.ptpproxy.ptp;

/**
 * The last published state of one clock (a config's slave-port servo, or its OS clock) and the
 * last offset seen for it. A null state means nothing was published yet.
 */
final class ClockRecord {

    private SyncState state;
    private long lastOffset;

    SyncState state() {
        return state;
    }

    long lastOffset() {
        return lastOffset;
    }

    void offset(long offset) {
        this.lastOffset = offset;
    }

    void state(SyncState newState) {
        this.state = newState;
    }

    boolean known() {
        return state != null;
    }
}
