package io.ptpproxy.ptp;

/**
 * The outcomes every grammar shares. Immutable constants, so a line that is rejected or ignored
 * costs no allocation.
 */
final class Outcomes {

    static final ParseOutcome EMPTY = new ParseOutcome.Rejected(RejectReason.EMPTY);
    static final ParseOutcome NO_CONFIG_TAG = new ParseOutcome.Rejected(RejectReason.NO_CONFIG_TAG);
    static final ParseOutcome TRUNCATED = new ParseOutcome.Rejected(RejectReason.TRUNCATED);
    static final ParseOutcome NOT_A_NUMBER = new ParseOutcome.Rejected(RejectReason.NOT_A_NUMBER);
    static final ParseOutcome UNKNOWN_SERVO_STATE = new ParseOutcome.Rejected(RejectReason.UNKNOWN_SERVO_STATE);
    static final ParseOutcome CHATTER = new ParseOutcome.Ignored("chatter");
    // a bounded label: the process token of a garbled line can be anything
    static final ParseOutcome UNKNOWN_PROCESS = new ParseOutcome.Ignored("unknown-process");

    private Outcomes() {
    }

    static ParseOutcome accept(PtpLine line) {
        return new ParseOutcome.Accepted(line);
    }
}
