package io.ptpproxy.ptp;

import static io.ptpproxy.ptp.Outcomes.CHATTER;
import static io.ptpproxy.ptp.Outcomes.NOT_A_NUMBER;
import static io.ptpproxy.ptp.Outcomes.TRUNCATED;
import static io.ptpproxy.ptp.Outcomes.accept;

/**
 * phc2sys's lines: the OS clock's servo readings ({@code CLOCK_REALTIME phc offset …}, {@code … rms …})
 * and {@code ptp_ha_profile} high-availability status; other clocks of automatic mode are ignored.
 */
final class Phc2sysGrammar {

    private static final ParseOutcome PHC2SYS_OTHER_CLOCK = new ParseOutcome.Ignored("phc2sys-other-clock");

    private Phc2sysGrammar() {
    }

    static ParseOutcome phc2sys(LineMessage message) {
        if (message.size() == 0) {
            return TRUNCATED;
        }
        if (message.is(1, "rms")) {
            return message.is(0, PtpLine.Offset.CLOCK_REALTIME)
                    ? ServoReadings.summary(message, PtpLine.Offset.CLOCK_REALTIME, 1) : PHC2SYS_OTHER_CLOCK;
        }
        if ((message.is(1, "phc") || message.is(1, "sys")) && (message.size() == 2 || message.is(2, "offset"))) {
            // automatic mode (-a) also prints the PHC-to-PHC servo of each port; only the OS clock counts
            return message.is(0, PtpLine.Offset.CLOCK_REALTIME)
                    ? ServoReadings.offset(message, PtpLine.Offset.CLOCK_REALTIME, 3) : PHC2SYS_OTHER_CLOCK;
        }
        if (message.size() == 1 && message.is(0, PtpLine.Offset.CLOCK_REALTIME)) {
            return TRUNCATED;
        }
        if (message.is(0, "ptp_ha_profile")) {
            return haProfile(message);
        }
        return CHATTER;
    }

    /** {@code ptp_ha_profile <profile> state <0|1>}. */
    static ParseOutcome haProfile(LineMessage message) {
        if (message.size() < 4 || !message.is(2, "state")) {
            return TRUNCATED;
        }
        int state = LineNumbers.flag(message.word(3));
        return state < 0 ? NOT_A_NUMBER
                : accept(new PtpLine.HaProfileStatus(message.process, message.stateConfig(), message.word(1),
                        state == 1));
    }
}
