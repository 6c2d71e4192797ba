package io.ptpproxy.ptp;

import java.util.List;

import static io.ptpproxy.ptp.Outcomes.CHATTER;
import static io.ptpproxy.ptp.Outcomes.NOT_A_NUMBER;
import static io.ptpproxy.ptp.Outcomes.TRUNCATED;
import static io.ptpproxy.ptp.Outcomes.accept;

/**
 * ptp4l's lines (ptp-domain.md §1.5): {@code master offset …} and {@code rms …} servo readings (see
 * {@link ServoReadings}) and port state changes, classified by the port-state table below.
 */
final class Ptp4lGrammar {

    private static final ParseOutcome MANAGEMENT_PORT = new ParseOutcome.Ignored("management-port");
    private static final ParseOutcome PORT_TRANSITION_UNUSED = new ParseOutcome.Ignored("port-transition-unused");

    /** ptp-domain.md §1.5 port-state table, in order: the first row with a matching substring wins. */
    private static final List<Transition> TRANSITIONS = List.of(
            new Transition(PortRole.SLAVE, false, "UNCALIBRATED to SLAVE", "LISTENING to SLAVE"),
            new Transition(PortRole.PASSIVE, false,
                    "UNCALIBRATED to PASSIVE", "MASTER to PASSIVE", "SLAVE to PASSIVE", "LISTENING to PASSIVE"),
            new Transition(PortRole.MASTER, false, "UNCALIBRATED to MASTER", "LISTENING to MASTER"),
            new Transition(PortRole.FAULTY, true, "FAULT_DETECTED", "SYNCHRONIZATION_FAULT",
                    "SLAVE to UNCALIBRATED", "MASTER to UNCALIBRATED on RS_SLAVE",
                    "LISTENING to UNCALIBRATED on RS_SLAVE"),
            new Transition(PortRole.MASTER, true, "SLAVE to MASTER", "SLAVE to GRAND_MASTER"),
            new Transition(PortRole.LISTENING, true, "SLAVE to LISTENING"),
            new Transition(PortRole.LISTENING, false,
                    "FAULTY to LISTENING", "UNCALIBRATED to LISTENING", "INITIALIZING to LISTENING"));

    private Ptp4lGrammar() {
    }

    static ParseOutcome ptp4l(LineMessage message) {
        if (message.size() == 0) {
            return TRUNCATED;
        }
        if (message.is(0, "master") && (message.size() == 1 || message.is(1, "offset"))) {
            return ServoReadings.offset(message, PtpLine.Offset.MASTER, 2);
        }
        if (message.is(0, "rms")) {
            return ServoReadings.summary(message, PtpLine.Offset.MASTER, 0);
        }
        if (message.is(0, "port")) {
            return portState(message);
        }
        return CHATTER;
    }

    /** {@code port <N> [(<iface>)]: <FROM> to <TO> on <EVENT>}, or other chatter about a port. */
    static ParseOutcome portState(LineMessage message) {
        if (message.size() < 2) {
            return TRUNCATED;
        }
        int port = LineNumbers.port(message.word(1));
        if (port < 0) {
            return NOT_A_NUMBER;
        }
        if (port == 0) {
            return MANAGEMENT_PORT;
        }
        int at = 2;
        String interfaceName = null;
        if (message.size() > at && message.word(at).startsWith("(")) {
            interfaceName = insideParentheses(message.word(at));
            at++;
        }
        if (message.size() == at) {
            return TRUNCATED;
        }
        // "new foreign master …", "delay timeout": lower-case words, not a state change
        if (!isStateName(message.word(at)) || message.size() > at + 1 && !message.is(at + 1, "to")) {
            return CHATTER;
        }
        if (message.size() < at + 5 || !message.is(at + 3, "on")) {
            return TRUNCATED;
        }
        String from = message.word(at);
        String to = message.word(at + 2);
        String transition = from + " to " + to + " on " + message.word(at + 4);
        for (Transition row : TRANSITIONS) {
            if (row.matches(transition)) {
                return accept(new PtpLine.PortState(message.process, message.stateConfig(), port, interfaceName,
                        from, to, row.role, row.lossOfSync));
            }
        }
        return PORT_TRANSITION_UNUSED;
    }

    private static String insideParentheses(String word) {
        int end = word.endsWith(")") ? word.length() - 1 : word.length();
        return end > 1 ? word.substring(1, end) : null;
    }

    /** linuxptp prints states and events in upper case: {@code UNCALIBRATED}, {@code RS_SLAVE}. */
    private static boolean isStateName(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return !word.isEmpty();
    }

    /** One row of the port-state table. */
    private static final class Transition {
        final PortRole role;
        final boolean lossOfSync;
        private final String[] substrings;

        Transition(PortRole role, boolean lossOfSync, String... substrings) {
            this.role = role;
            this.lossOfSync = lossOfSync;
            this.substrings = substrings;
        }

        boolean matches(String transition) {
            for (String substring : substrings) {
                if (transition.contains(substring)) {
                    return true;
                }
            }
            return false;
        }
    }
}
