package io.ptpproxy.warmup;

import io.ptpproxy.event.Notification;

/** The warm-up's {@code stateChangeLog}: the warm-up logs nothing. */
public final class QuietStateChangeLog {

    /** As {@code StateChangeLog.note}, without the log line. */
    public void note(Notification notification) {
        // the synthetic changes are nobody's news
    }
}
