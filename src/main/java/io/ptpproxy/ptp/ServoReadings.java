package io.ptpproxy.ptp;

import static io.ptpproxy.ptp.Outcomes.NOT_A_NUMBER;
import static io.ptpproxy.ptp.Outcomes.TRUNCATED;
import static io.ptpproxy.ptp.Outcomes.UNKNOWN_SERVO_STATE;
import static io.ptpproxy.ptp.Outcomes.accept;

/** The servo readings ptp4l and phc2sys share: offset lines and rms summaries (ptp-domain.md §1.5). */
final class ServoReadings {

    private ServoReadings() {
    }

    /**
     * From the offset value on: {@code <offset> <sN> freq <freq> [path] delay <delay>}. Missing or
     * misplaced fields are TRUNCATED before numbers are looked at, so a cut line says so.
     */
    static ParseOutcome offset(LineMessage message, String clock, int at) {
        if (message.size() < at + 4 || !message.is(at + 2, "freq")) {
            return TRUNCATED;
        }
        int delayAt = message.is(at + 4, "path") ? at + 5 : at + 4;
        if (message.size() < delayAt + 2 || !message.is(delayAt, "delay")) {
            return TRUNCATED;
        }
        if (!message.isLong(at) || !message.isLong(at + 3) || !message.isLong(delayAt + 1)) {
            return NOT_A_NUMBER;
        }
        ServoState servo = message.servo(at + 1);
        if (servo == null) {
            return UNKNOWN_SERVO_STATE;
        }
        return accept(new PtpLine.Offset(message.process, message.stateConfig(), clock,
                message.longAt(at), servo, message.longAt(at + 3), message.longAt(delayAt + 1)));
    }

    /** From {@code rms} on: {@code rms <n> max <n> freq <f> +/- <n> [delay <d> +/- <n>]}. */
    static ParseOutcome summary(LineMessage message, String clock, int at) {
        if (message.size() < at + 6 || !message.is(at + 2, "max") || !message.is(at + 4, "freq")) {
            return TRUNCATED;
        }
        boolean hasDelay = message.is(at + 8, "delay");
        if (hasDelay && message.size() < at + 10) {
            return TRUNCATED;
        }
        if (!message.isLong(at + 1) || !message.isLong(at + 3) || !message.isLong(at + 5)
                || hasDelay && !message.isLong(at + 9)) {
            return NOT_A_NUMBER;
        }
        return accept(new PtpLine.Summary(message.process, message.stateConfig(), clock, message.longAt(at + 1),
                message.longAt(at + 3), message.longAt(at + 5), hasDelay ? message.longAt(at + 9) : 0));
    }
}
