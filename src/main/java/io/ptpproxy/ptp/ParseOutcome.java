package io.ptpproxy.ptp;

/**
 * What the parser made of one socket line: a line the proxy acts on, a line it knowingly ignores
 * (control lines, linuxptp chatter), or a rejected line with the reason it is counted under.
 */
public sealed interface ParseOutcome
        permits ParseOutcome.Accepted, ParseOutcome.Ignored, ParseOutcome.Rejected {

    /** A line the state tracker consumes. */
    record Accepted(PtpLine line) implements ParseOutcome {
    }

    /** A well-formed line the proxy does not use; {@code what} says which kind. */
    record Ignored(String what) implements ParseOutcome {
    }

    /** A garbage, truncated or malformed line. */
    record Rejected(RejectReason reason) implements ParseOutcome {
    }
}
