package io.ptpproxy.ptp;

import static io.ptpproxy.ptp.Outcomes.NOT_A_NUMBER;
import static io.ptpproxy.ptp.Outcomes.TRUNCATED;
import static io.ptpproxy.ptp.Outcomes.accept;

/**
 * Lines of the daemon itself rather than of one process: its control lines ({@code CMD LIVE_START},
 * {@code CMD RESTART}) and the lines any process may carry ({@code PTP_PROCESS_STATUS},
 * {@code CLOCK_CLASS_CHANGE}), which {@link PtpLogParser} tries before the process's own grammar.
 */
final class DaemonGrammar {

    static final ParseOutcome CONTROL = new ParseOutcome.Ignored("control");
    static final ParseOutcome RESTART = new ParseOutcome.Accepted(new PtpLine.Restart());

    private DaemonGrammar() {
    }

    /** {@code CMD LIVE_START}, {@code CMD RESTART}: the daemon talking to the proxy, not a process. */
    static boolean isControl(String line) {
        if (line.length() > 32) {
            return false;
        }
        String command = line.strip();
        return command.equals("CMD LIVE_START") || command.equals("CMD RESTART");
    }

    /** {@code PTP_PROCESS_STATUS:0|1}; the config is reported as written (a ts2phc tag stays ts2phc). */
    static ParseOutcome processStatus(LineMessage message) {
        if (message.size() < 2) {
            return TRUNCATED;
        }
        if (message.is(1, "1")) {
            return accept(new PtpLine.ProcessStatus(message.process, message.tag, true));
        }
        if (message.is(1, "0")) {
            return accept(new PtpLine.ProcessStatus(message.process, message.tag, false));
        }
        return NOT_A_NUMBER;
    }

    /** {@code CLOCK_CLASS_CHANGE 6} or {@code 165.000000}. */
    static ParseOutcome clockClass(LineMessage message) {
        if (message.size() < 2) {
            return TRUNCATED;
        }
        int clockClass = LineNumbers.clockClass(message.word(1));
        return clockClass < 0 ? NOT_A_NUMBER
                : accept(new PtpLine.ClockClass(message.process, message.stateConfig(), clockClass));
    }
}
