package io.ptpproxy.ptp;

import static io.ptpproxy.ptp.Outcomes.CHATTER;
import static io.ptpproxy.ptp.Outcomes.NOT_A_NUMBER;
import static io.ptpproxy.ptp.Outcomes.TRUNCATED;
import static io.ptpproxy.ptp.Outcomes.UNKNOWN_SERVO_STATE;
import static io.ptpproxy.ptp.Outcomes.accept;

/**
 * The grandmaster family: ts2phc's offset and NMEA lines, and the daemon's GNSS, DPLL, T-GM and T-BC
 * status lines (ptp-domain.md §1.5). Daemon-synthesised state tokens ({@code s0}..) are kept raw;
 * {@link PtpLine#deviceState(String)} maps them.
 */
final class Ts2phcGrammar {

    private static final ParseOutcome NMEA_DELAY = new ParseOutcome.Ignored("nmea-delay");
    private static final ParseOutcome EXTTS = new ParseOutcome.Ignored("extts");

    private Ts2phcGrammar() {
    }

    /**
     * ts2phc: {@code <iface> [master] offset <n> <sN> freq <f> [holdover]},
     * {@code <iface> nmea_status <0|1> …}; {@code nmea delay …} and {@code <iface> extts …} are ignored.
     */
    static ParseOutcome ts2phc(LineMessage message) {
        if (message.is(0, "nmea") && message.is(1, "delay")) {
            return NMEA_DELAY;
        }
        if (message.size() < 2) {
            return TRUNCATED;
        }
        if (message.is(1, "extts")) {
            return EXTTS;
        }
        if (message.is(1, "nmea_status")) {
            return nmeaStatus(message);
        }
        int at = message.is(1, "master") ? 2 : 1;
        if (at == 2 && message.size() == 2) {
            return TRUNCATED;
        }
        if (!message.is(at, "offset")) {
            return CHATTER;
        }
        // offset <n> <sN> freq <f>: 7 fields from the config tag suffice, there is no delay
        if (message.size() < at + 5 || !message.is(at + 3, "freq")) {
            return TRUNCATED;
        }
        if (!message.isLong(at + 1) || !message.isLong(at + 4)) {
            return NOT_A_NUMBER;
        }
        ServoState servo = message.servo(at + 2);
        if (servo == null) {
            return UNKNOWN_SERVO_STATE;
        }
        return accept(new PtpLine.Ts2phcOffset(message.process, message.stateConfig(), message.word(0),
                message.longAt(at + 1), servo, message.longAt(at + 4), message.is(at + 5, "holdover")));
    }

    /** {@code <iface> nmea_status <0|1> offset <n> <sN>}; only the status is used. */
    static ParseOutcome nmeaStatus(LineMessage message) {
        if (message.size() < 3) {
            return TRUNCATED;
        }
        int status = LineNumbers.flag(message.word(2));
        return status < 0 ? NOT_A_NUMBER
                : accept(new PtpLine.NmeaStatus(message.process, message.stateConfig(), message.word(0), status == 1));
    }

    /** {@code <iface> gnss_status <fix 0..5> offset <ns> <sN>}. */
    static ParseOutcome gnss(LineMessage message) {
        if (message.size() > 1 && !message.is(1, "gnss_status")) {
            return CHATTER;
        }
        if (message.size() < 6 || !message.is(3, "offset")) {
            return TRUNCATED;
        }
        int fix = LineNumbers.integer(message.word(2), 0, 5);
        String offset = message.word(4);
        if (fix == LineNumbers.NONE || !LineNumbers.isLong(offset)) {
            return NOT_A_NUMBER;
        }
        return accept(new PtpLine.GnssStatus(message.process, message.stateConfig(), message.word(0), fix,
                Long.parseLong(offset), message.word(5)));
    }

    /**
     * {@code <iface> frequency_status <n> offset <ns> phase_status <n> pps_status <0|1> <sN>}: the four
     * pairs are read by key (the daemon sorts them, but nothing here relies on it), the state follows them.
     */
    static ParseOutcome dpll(LineMessage message) {
        if (message.size() < 10) {
            return TRUNCATED;
        }
        int frequencyAt = message.valueOf("frequency_status", 1, 9);
        int offsetAt = message.valueOf("offset", 1, 9);
        int phaseAt = message.valueOf("phase_status", 1, 9);
        int ppsAt = message.valueOf("pps_status", 1, 9);
        if (frequencyAt < 0 || offsetAt < 0 || phaseAt < 0 || ppsAt < 0) {
            return TRUNCATED;
        }
        int frequencyStatus = LineNumbers.integer(message.word(frequencyAt));
        int phaseStatus = LineNumbers.integer(message.word(phaseAt));
        int ppsStatus = LineNumbers.integer(message.word(ppsAt));
        String offset = message.word(offsetAt);
        if (frequencyStatus == LineNumbers.NONE || phaseStatus == LineNumbers.NONE || ppsStatus == LineNumbers.NONE
                || !LineNumbers.isLong(offset)) {
            return NOT_A_NUMBER;
        }
        return accept(new PtpLine.DpllStatus(message.process, message.stateConfig(), message.word(0),
                frequencyStatus, phaseStatus, ppsStatus, Long.parseLong(offset), message.word(9)));
    }

    /** {@code <iface> T-GM-STATUS <sN>}. */
    static ParseOutcome gm(LineMessage message) {
        if (message.size() > 1 && !message.is(1, "T-GM-STATUS")) {
            return CHATTER;
        }
        if (message.size() < 3) {
            return TRUNCATED;
        }
        return accept(new PtpLine.GmStatus(message.process, message.stateConfig(), message.word(0), message.word(2)));
    }

    /** {@code <iface> offset <n> T-BC-STATUS <sN>}. */
    static ParseOutcome tbc(LineMessage message) {
        if (message.size() > 1 && !message.is(1, "offset")) {
            return CHATTER;
        }
        if (message.size() < 5 || !message.is(3, "T-BC-STATUS")) {
            return TRUNCATED;
        }
        String offset = message.word(2);
        if (!LineNumbers.isLong(offset)) {
            return NOT_A_NUMBER;
        }
        return accept(new PtpLine.TbcStatus(message.process, message.stateConfig(), message.word(0),
                Long.parseLong(offset), message.word(4)));
    }
}
