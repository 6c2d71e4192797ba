package io.ptpproxy.ptp;

import static io.ptpproxy.ptp.Outcomes.CHATTER;
import static io.ptpproxy.ptp.Outcomes.NOT_A_NUMBER;
import static io.ptpproxy.ptp.Outcomes.TRUNCATED;
import static io.ptpproxy.ptp.Outcomes.accept;

/** The daemon's synce4l lines: EEC state and clock quality of a SyncE port (ptp-domain.md §1.5). */
final class Synce4lGrammar {

    private Synce4lGrammar() {
    }

    /**
     * The daemon's synce4l lines, told from synce4l's own output by an integer timestamp:
     * {@code <iface> <key> <value> … <sN>} with {@code eec_state} (EEC state) or {@code clock_quality}
     * (quality level) among the keys.
     */
    static ParseOutcome synce4l(LineMessage message) {
        if (!LineNumbers.isLong(message.timestamp())) {
            return CHATTER; // synce4l's own log line, e.g. synce4l[1722456110.123]: …
        }
        // ≥ 10 fields: iface, at least three pairs, the state; pairs and state cannot leave an odd count
        if (message.size() < 8 || message.size() % 2 != 0) {
            return TRUNCATED;
        }
        int last = message.size() - 1;
        int eecAt = message.valueOf("eec_state", 1, last);
        int qualityAt = message.valueOf("clock_quality", 1, last);
        if (eecAt < 0 && qualityAt < 0) {
            return CHATTER;
        }
        int deviceAt = message.valueOf("device", 1, last);
        int optionAt = message.valueOf("network_option", 1, last);
        if (deviceAt < 0 || optionAt < 0) {
            return TRUNCATED;
        }
        int networkOption = LineNumbers.integer(message.word(optionAt));
        if (networkOption == LineNumbers.NONE) {
            return NOT_A_NUMBER;
        }
        String iface = message.word(0);
        String device = message.word(deviceAt);
        String state = message.word(last);
        if (eecAt >= 0) {
            return accept(new PtpLine.SynceEecState(message.process, message.stateConfig(), iface, device,
                    message.word(eecAt), networkOption, state));
        }
        int qlAt = message.valueOf("ql", 1, last);
        if (qlAt < 0) {
            return TRUNCATED;
        }
        int extendedQlAt = message.valueOf("ext_ql", 1, last);
        int ql = LineNumbers.octet(message.word(qlAt));
        int extendedQl = extendedQlAt < 0 ? 0 : LineNumbers.octet(message.word(extendedQlAt));
        if (ql < 0 || extendedQl < 0) {
            return NOT_A_NUMBER;
        }
        return accept(new PtpLine.SynceClockQuality(message.process, message.stateConfig(), iface, device,
                message.word(qualityAt), ql, extendedQlAt < 0 ? null : extendedQl, networkOption, state));
    }
}
