package io.ptpproxy.ptp;

import static io.ptpproxy.ptp.Outcomes.CHATTER;
import static io.ptpproxy.ptp.Outcomes.accept;

/** chronyd's lines: whether it has selected a source (ptp-domain.md §1.5). */
final class ChronydGrammar {

    private ChronydGrammar() {
    }

    /** {@code … Selected source …} → selected, {@code … no selectable sources} → not; the rest is chatter. */
    static ParseOutcome chronyd(LineMessage message) {
        for (int i = 0; i + 1 < message.size(); i++) {
            if (message.is(i, "Selected") && message.is(i + 1, "source")) {
                return accept(new PtpLine.ChronydState(message.process, message.stateConfig(), true));
            }
            if (message.is(i, "no") && message.is(i + 1, "selectable") && message.is(i + 2, "sources")) {
                return accept(new PtpLine.ChronydState(message.process, message.stateConfig(), false));
            }
        }
        return CHATTER;
    }
}
