package io.ptpproxy.ptp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one line of the linuxptp daemon's events socket into a {@link ParseOutcome}
 * (ptp-domain.md §1.4, §1.5).
 *
 * <p>A line is split as upstream does: {@code [}, {@code ]} and {@code :} count as spaces, then it is
 * split on whitespace. Field 0 is the process, field 2 the config tag, the rest is the message.
 * Daemon lines that any process may send ({@code PTP_PROCESS_STATUS}, {@code CLOCK_CLASS_CHANGE})
 * are recognised first; everything else goes to the parser of its process family. Supporting a new
 * family is one more entry in {@link #PtpLogParser()}. Daemon-synthesised state tokens ({@code s0}..) of
 * GM, T-BC, dpll, gnss and synce4l lines are kept raw; {@link PtpLine#deviceState(String)} maps them.
 *
 * <p>Thread-safe; {@link #parse(String)} never throws. It runs for every socket line, so it works on
 * field boundaries and reads numbers in place: the only strings it allocates are the words a
 * parsed line keeps, and the process name and config tag are shared instances (see
 * {@link #tagOf(Fields)}), whose cached hash codes the state tracker's lookups reuse.
 */
public final class PtpLogParser {

    /** The processes of a config tag {@code <process>.<N>.config}. */
    private static final List<String> CONFIG_PROCESSES = List.of("ptp4l", "ts2phc", "phc2sys", "synce4l", "chronyd");
    private static final String CONFIG_SUFFIX = ".config";
    /** Config tags seen lately, by a hash of their text; a power of two. */
    private static final int TAG_CACHE_SIZE = 16;

    /** No grammar needs more; stopping here keeps a 100 KB line as cheap as a short one. */
    private static final int MAX_FIELDS = 32;

    private static final ParseOutcome EMPTY = new ParseOutcome.Rejected(RejectReason.EMPTY);
    private static final ParseOutcome NO_CONFIG_TAG = new ParseOutcome.Rejected(RejectReason.NO_CONFIG_TAG);
    private static final ParseOutcome TRUNCATED = new ParseOutcome.Rejected(RejectReason.TRUNCATED);
    private static final ParseOutcome NOT_A_NUMBER = new ParseOutcome.Rejected(RejectReason.NOT_A_NUMBER);
    private static final ParseOutcome UNKNOWN_SERVO_STATE =
            new ParseOutcome.Rejected(RejectReason.UNKNOWN_SERVO_STATE);

    private static final ParseOutcome CONTROL = new ParseOutcome.Ignored("control");
    private static final ParseOutcome RESTART = new ParseOutcome.Accepted(new PtpLine.Restart());
    private static final ParseOutcome CHATTER = new ParseOutcome.Ignored("chatter");
    private static final ParseOutcome MANAGEMENT_PORT = new ParseOutcome.Ignored("management-port");
    private static final ParseOutcome PORT_TRANSITION_UNUSED = new ParseOutcome.Ignored("port-transition-unused");
    private static final ParseOutcome PHC2SYS_OTHER_CLOCK = new ParseOutcome.Ignored("phc2sys-other-clock");
    private static final ParseOutcome NMEA_DELAY = new ParseOutcome.Ignored("nmea-delay");
    private static final ParseOutcome EXTTS = new ParseOutcome.Ignored("extts");
    // a bounded label: the process token of a garbled line can be anything
    private static final ParseOutcome UNKNOWN_PROCESS = new ParseOutcome.Ignored("unknown-process");

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

    private final String[] processes;
    private final Family[] families;
    // Racy on purpose: a slot holds an immutable Tag or null, and a lost update only costs a new Tag.
    private final Tag[] recentTags = new Tag[TAG_CACHE_SIZE];

    /** Creates a parser for the process families this proxy understands. */
    public PtpLogParser() {
        Map<String, Family> byProcess = new LinkedHashMap<>();
        byProcess.put("ptp4l", this::ptp4l);
        byProcess.put("phc2sys", this::phc2sys);
        byProcess.put("ts2phc", PtpLogParser::ts2phc);
        byProcess.put("gnss", PtpLogParser::gnss);
        byProcess.put("dpll", PtpLogParser::dpll);
        byProcess.put("GM", PtpLogParser::gm);
        byProcess.put("T-BC", PtpLogParser::tbc);
        byProcess.put("synce4l", PtpLogParser::synce4l);
        byProcess.put("chronyd", PtpLogParser::chronyd);
        this.processes = byProcess.keySet().toArray(String[]::new);
        this.families = byProcess.values().toArray(Family[]::new);
    }

    /**
     * @param line one socket line, with or without its trailing {@code \r}; may be null
     * @return what the line means; never null
     */
    /**
     * Parses a batch of lines (one socket read's worth), in order.
     *
     * @return one outcome per line, in the same order
     */
    public List<ParseOutcome> parseAll(List<String> lines) {
        List<ParseOutcome> outcomes = new ArrayList<>(lines.size());
        for (String line : lines) {
            outcomes.add(parse(line));
        }
        return outcomes;
    }

    public ParseOutcome parse(String line) {
        if (line == null) {
            return EMPTY;
        }
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
            line = line.substring(0, length - 1);
        }
        if (Fields.isBlank(line)) {
            return EMPTY;
        }
        if (isControl(line)) {
            return line.strip().equals("CMD RESTART") ? RESTART : CONTROL;
        }
        Fields fields = Fields.split(line);
        if (!fields.hasConfigTagAt(2)) {
            return NO_CONFIG_TAG;
        }
        int family = familyOf(fields);
        Tag tag = tagOf(fields);
        Message message = new Message(family < 0 ? fields.get(0) : processes[family], tag.name, tag.stateConfig, fields);
        if (message.is(0, "PTP_PROCESS_STATUS")) {
            return processStatus(message);
        }
        if (message.is(0, "CLOCK_CLASS_CHANGE")) {
            return clockClass(message);
        }
        return family < 0 ? UNKNOWN_PROCESS : families[family].parse(message);
    }

    /** @return the index of the family whose process name is field 0, or -1 */
    private int familyOf(Fields fields) {
        for (int i = 0; i < processes.length; i++) {
            if (fields.is(0, processes[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The config tag (field 2), as the instance last seen with the same text: a node has a handful of
     * configs, and every line of one then carries the same strings.
     */
    private Tag tagOf(Fields fields) {
        int hash = fields.tagHash(2);
        int slot = (hash ^ hash >>> 16) & (TAG_CACHE_SIZE - 1);
        Tag cached = recentTags[slot];
        if (cached != null && fields.is(2, cached.name)) {
            return cached;
        }
        Tag tag = new Tag(fields.get(2));
        recentTags[slot] = tag;
        return tag;
    }

    /**
     * A config tag and the config its state is kept under: ts2phc state lives with the ptp4l config of
     * the same profile (§1.4 step 3). Immutable, so the racy cache above may share it between threads.
     */
    private static final class Tag {
        final String name;
        final String stateConfig;

        Tag(String name) {
            this.name = name;
            this.stateConfig = name.startsWith("ts2phc.") ? "ptp4l." + name.substring("ts2phc.".length()) : name;
        }
    }

    private static boolean isControl(String line) {
        if (line.length() > 32) {
            return false;
        }
        String command = line.strip();
        return command.equals("CMD LIVE_START") || command.equals("CMD RESTART");
    }

    /** {@code PTP_PROCESS_STATUS:0|1}; the config is reported as written (a ts2phc tag stays ts2phc). */
    private static ParseOutcome processStatus(Message message) {
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
    private static ParseOutcome clockClass(Message message) {
        if (message.size() < 2) {
            return TRUNCATED;
        }
        int clockClass = Numbers.clockClass(message.word(1));
        return clockClass < 0 ? NOT_A_NUMBER
                : accept(new PtpLine.ClockClass(message.process, message.stateConfig(), clockClass));
    }

    private ParseOutcome ptp4l(Message message) {
        if (message.size() == 0) {
            return TRUNCATED;
        }
        if (message.is(0, "master") && (message.size() == 1 || message.is(1, "offset"))) {
            return offset(message, PtpLine.Offset.MASTER, 2);
        }
        if (message.is(0, "rms")) {
            return summary(message, PtpLine.Offset.MASTER, 0);
        }
        if (message.is(0, "port")) {
            return portState(message);
        }
        return CHATTER;
    }

    private ParseOutcome phc2sys(Message message) {
        if (message.size() == 0) {
            return TRUNCATED;
        }
        if (message.is(1, "rms")) {
            return message.is(0, PtpLine.Offset.CLOCK_REALTIME)
                    ? summary(message, PtpLine.Offset.CLOCK_REALTIME, 1) : PHC2SYS_OTHER_CLOCK;
        }
        if ((message.is(1, "phc") || message.is(1, "sys")) && (message.size() == 2 || message.is(2, "offset"))) {
            // automatic mode (-a) also prints the PHC-to-PHC servo of each port; only the OS clock counts
            return message.is(0, PtpLine.Offset.CLOCK_REALTIME)
                    ? offset(message, PtpLine.Offset.CLOCK_REALTIME, 3) : PHC2SYS_OTHER_CLOCK;
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
    private static ParseOutcome haProfile(Message message) {
        if (message.size() < 4 || !message.is(2, "state")) {
            return TRUNCATED;
        }
        int state = Numbers.flag(message.word(3));
        return state < 0 ? NOT_A_NUMBER
                : accept(new PtpLine.HaProfileStatus(message.process, message.stateConfig(), message.word(1),
                        state == 1));
    }

    /**
     * ts2phc: {@code <iface> [master] offset <n> <sN> freq <f> [holdover]},
     * {@code <iface> nmea_status <0|1> …}; {@code nmea delay …} and {@code <iface> extts …} are ignored.
     */
    private static ParseOutcome ts2phc(Message message) {
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
    private static ParseOutcome nmeaStatus(Message message) {
        if (message.size() < 3) {
            return TRUNCATED;
        }
        int status = Numbers.flag(message.word(2));
        return status < 0 ? NOT_A_NUMBER
                : accept(new PtpLine.NmeaStatus(message.process, message.stateConfig(), message.word(0), status == 1));
    }

    /** {@code <iface> gnss_status <fix 0..5> offset <ns> <sN>}. */
    private static ParseOutcome gnss(Message message) {
        if (message.size() > 1 && !message.is(1, "gnss_status")) {
            return CHATTER;
        }
        if (message.size() < 6 || !message.is(3, "offset")) {
            return TRUNCATED;
        }
        int fix = Numbers.integer(message.word(2), 0, 5);
        String offset = message.word(4);
        if (fix == Numbers.NONE || !Numbers.isLong(offset)) {
            return NOT_A_NUMBER;
        }
        return accept(new PtpLine.GnssStatus(message.process, message.stateConfig(), message.word(0), fix,
                Long.parseLong(offset), message.word(5)));
    }

    /**
     * {@code <iface> frequency_status <n> offset <ns> phase_status <n> pps_status <0|1> <sN>}: the four
     * pairs are read by key (the daemon sorts them, but nothing here relies on it), the state follows them.
     */
    private static ParseOutcome dpll(Message message) {
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
        int frequencyStatus = Numbers.integer(message.word(frequencyAt));
        int phaseStatus = Numbers.integer(message.word(phaseAt));
        int ppsStatus = Numbers.integer(message.word(ppsAt));
        String offset = message.word(offsetAt);
        if (frequencyStatus == Numbers.NONE || phaseStatus == Numbers.NONE || ppsStatus == Numbers.NONE
                || !Numbers.isLong(offset)) {
            return NOT_A_NUMBER;
        }
        return accept(new PtpLine.DpllStatus(message.process, message.stateConfig(), message.word(0),
                frequencyStatus, phaseStatus, ppsStatus, Long.parseLong(offset), message.word(9)));
    }

    /** {@code <iface> T-GM-STATUS <sN>}. */
    private static ParseOutcome gm(Message message) {
        if (message.size() > 1 && !message.is(1, "T-GM-STATUS")) {
            return CHATTER;
        }
        if (message.size() < 3) {
            return TRUNCATED;
        }
        return accept(new PtpLine.GmStatus(message.process, message.stateConfig(), message.word(0), message.word(2)));
    }

    /** {@code <iface> offset <n> T-BC-STATUS <sN>}. */
    private static ParseOutcome tbc(Message message) {
        if (message.size() > 1 && !message.is(1, "offset")) {
            return CHATTER;
        }
        if (message.size() < 5 || !message.is(3, "T-BC-STATUS")) {
            return TRUNCATED;
        }
        String offset = message.word(2);
        if (!Numbers.isLong(offset)) {
            return NOT_A_NUMBER;
        }
        return accept(new PtpLine.TbcStatus(message.process, message.stateConfig(), message.word(0),
                Long.parseLong(offset), message.word(4)));
    }

    /**
     * The daemon's synce4l lines, told from synce4l's own output by an integer timestamp:
     * {@code <iface> <key> <value> … <sN>} with {@code eec_state} (EEC state) or {@code clock_quality}
     * (quality level) among the keys.
     */
    private static ParseOutcome synce4l(Message message) {
        if (!Numbers.isLong(message.timestamp())) {
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
        int networkOption = Numbers.integer(message.word(optionAt));
        if (networkOption == Numbers.NONE) {
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
        int ql = Numbers.octet(message.word(qlAt));
        int extendedQl = extendedQlAt < 0 ? 0 : Numbers.octet(message.word(extendedQlAt));
        if (ql < 0 || extendedQl < 0) {
            return NOT_A_NUMBER;
        }
        return accept(new PtpLine.SynceClockQuality(message.process, message.stateConfig(), iface, device,
                message.word(qualityAt), ql, extendedQlAt < 0 ? null : extendedQl, networkOption, state));
    }

    /** {@code … Selected source …} → selected, {@code … no selectable sources} → not; the rest is chatter. */
    private static ParseOutcome chronyd(Message message) {
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

    /**
     * From the offset value on: {@code <offset> <sN> freq <freq> [path] delay <delay>}. Missing or
     * misplaced fields are TRUNCATED before numbers are looked at, so a cut line says so.
     */
    private static ParseOutcome offset(Message message, String clock, int at) {
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
    private static ParseOutcome summary(Message message, String clock, int at) {
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

    /** {@code port <N> [(<iface>)]: <FROM> to <TO> on <EVENT>}, or other chatter about a port. */
    private static ParseOutcome portState(Message message) {
        if (message.size() < 2) {
            return TRUNCATED;
        }
        int port = Numbers.port(message.word(1));
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

    private static ParseOutcome accept(PtpLine line) {
        return new ParseOutcome.Accepted(line);
    }

    /** The parser of one process family; gets a line whose tag is already validated. */
    @FunctionalInterface
    private interface Family {
        ParseOutcome parse(Message message);
    }

    /** The message of a tagged line: the words after the config tag. */
    private static final class Message {
        final String process;
        final String tag;
        private final String stateConfig;
        private final Fields fields;

        Message(String process, String tag, String stateConfig, Fields fields) {
            this.process = process;
            this.tag = tag;
            this.stateConfig = stateConfig;
            this.fields = fields;
        }

        /** ts2phc state is kept under the ptp4l config of the same profile (§1.4 step 3). */
        String stateConfig() {
            return stateConfig;
        }

        /** @return field 1, the daemon's timestamp ({@code 1722456110}) or linuxptp's ({@code 201.100}) */
        String timestamp() {
            return fields.get(1);
        }

        /**
         * Reads key/value pairs laid out from word {@code from} up to (excluding) word {@code to}.
         *
         * @return the index of the value of the first pair with that key, or -1
         */
        int valueOf(String key, int from, int to) {
            for (int i = from; i + 1 < to && i + 1 < size(); i += 2) {
                if (is(i, key)) {
                    return i + 1;
                }
            }
            return -1;
        }

        int size() {
            return fields.size() - 3;
        }

        String word(int index) {
            return fields.get(index + 3);
        }

        boolean is(int index, String expected) {
            return fields.is(index + 3, expected);
        }

        /** @return true when the word is {@code [+-]?digits} that fits a long (as {@link Numbers#isLong}) */
        boolean isLong(int index) {
            return fields.isLong(index + 3);
        }

        /** @return the value of a word {@link #isLong} accepted */
        long longAt(int index) {
            return fields.longAt(index + 3);
        }

        /** @return the servo state the word names ({@code s0}..{@code s3}), or null */
        ServoState servo(int index) {
            return fields.servo(index + 3);
        }
    }

    /** Field boundaries of a line split on whitespace, {@code [}, {@code ]} and {@code :}. */
    private static final class Fields {
        /** Room for the fields of every line the daemon writes; longer lines grow it once. */
        private static final int INITIAL_FIELDS = 16;
        private static final ServoState[] SERVO_STATES = ServoState.values();
        /**
         * {@link #isSeparatorRule} of every ASCII char, looked up instead of evaluated: splitting is
         * the largest part of parsing a line, and the daemon's lines are ASCII padded with spaces.
         */
        private static final boolean[] ASCII_SEPARATORS = new boolean[128];

        static {
            for (char c = 0; c < ASCII_SEPARATORS.length; c++) {
                ASCII_SEPARATORS[c] = isSeparatorRule(c);
            }
        }

        private final String line;
        // field i spans [bounds[2i], bounds[2i+1])
        private int[] bounds = new int[2 * INITIAL_FIELDS];
        private int size;

        private Fields(String line) {
            this.line = line;
        }

        static Fields split(String line) {
            Fields fields = new Fields(line);
            int length = line.length();
            int i = 0;
            while (fields.size < MAX_FIELDS) {
                while (i < length && isSeparator(line.charAt(i))) {
                    i++;
                }
                if (i == length) {
                    break;
                }
                int from = i;
                while (i < length && !isSeparator(line.charAt(i))) {
                    i++;
                }
                fields.add(from, i);
            }
            return fields;
        }

        private void add(int from, int to) {
            if (2 * size == bounds.length) {
                bounds = Arrays.copyOf(bounds, 2 * MAX_FIELDS);
            }
            bounds[2 * size] = from;
            bounds[2 * size + 1] = to;
            size++;
        }

        private int start(int index) {
            return bounds[2 * index];
        }

        private int end(int index) {
            return bounds[2 * index + 1];
        }

        private static boolean isSeparator(char c) {
            return c < ASCII_SEPARATORS.length ? ASCII_SEPARATORS[c] : isSeparatorRule(c);
        }

        private static boolean isSeparatorRule(char c) {
            return c == '[' || c == ']' || c == ':' || isSpace(c);
        }

        /** Go's {@code unicode.IsSpace}, which upstream's {@code strings.Fields} splits on. */
        private static boolean isSpace(char c) {
            if (c == ' ' || c == '\t') {
                return true;
            }
            return (c < ' ' || c > '~') && (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085');
        }

        static boolean isBlank(String line) {
            for (int i = 0; i < line.length(); i++) {
                if (!isSpace(line.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        int size() {
            return size;
        }

        String get(int index) {
            return line.substring(start(index), end(index));
        }

        boolean is(int index, String expected) {
            return index < size && end(index) - start(index) == expected.length()
                    && line.regionMatches(start(index), expected, 0, expected.length());
        }

        /**
         * A hash of a config tag field ({@link #hasConfigTagAt} true): tags of one length differ in their
         * process or their number, so the first char and the number suffice.
         */
        int tagHash(int index) {
            int from = start(index);
            int to = end(index) - CONFIG_SUFFIX.length();
            int hash = 31 * (to - from) + line.charAt(from);
            for (int i = line.lastIndexOf('.', to - 1) + 1; i < to; i++) {
                hash = 31 * hash + line.charAt(i);
            }
            return hash;
        }

        boolean isLong(int index) {
            return index < size && Numbers.isLong(line, start(index), end(index));
        }

        long longAt(int index) {
            return Long.parseLong(line, start(index), end(index), 10);
        }

        ServoState servo(int index) {
            if (index >= size || end(index) - start(index) != 2 || line.charAt(start(index)) != 's') {
                return null;
            }
            int state = line.charAt(start(index) + 1) - '0';
            return state >= 0 && state < SERVO_STATES.length ? SERVO_STATES[state] : null;
        }

        /**
         * The daemon always writes the tag in brackets ({@code [ptp4l.0.config]}); a bare
         * {@code ptp4l.0.config} in field 2 is not a tag, whatever upstream's looser search accepts.
         */
        boolean hasConfigTagAt(int index) {
            if (index >= size) {
                return false;
            }
            int from = start(index);
            int to = end(index);
            return from > 0 && line.charAt(from - 1) == '[' && to < line.length() && line.charAt(to) == ']'
                    && isConfigTag(from, to);
        }

        /** {@code (ptp4l|ts2phc|phc2sys|synce4l|chronyd)\.[0-9]+\.config}, exactly, on the span. */
        private boolean isConfigTag(int from, int to) {
            int dot = line.indexOf('.', from);
            if (dot < 0 || dot >= to || !isConfigProcess(from, dot)) {
                return false;
            }
            int i = dot + 1;
            while (i < to && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
                i++;
            }
            return i > dot + 1 && to - i == CONFIG_SUFFIX.length()
                    && line.regionMatches(i, CONFIG_SUFFIX, 0, CONFIG_SUFFIX.length());
        }

        private boolean isConfigProcess(int from, int to) {
            for (String process : CONFIG_PROCESSES) {
                if (to - from == process.length() && line.regionMatches(from, process, 0, process.length())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Number syntax checks that never throw, so garbage costs no exception. */
    private static final class Numbers {

        private Numbers() {
        }

        /** @return true for {@code [+-]?digits} that fits a long ({@code +22451884}, {@code -0}) */
        static boolean isLong(String word) {
            return isLong(word, 0, word.length());
        }

        /** {@link #isLong(String)} of the span {@code [from, to)} of {@code text}. */
        static boolean isLong(String text, int from, int to) {
            char sign = from < to ? text.charAt(from) : ' ';
            int first = sign == '+' || sign == '-' ? from + 1 : from;
            int digits = to - first;
            if (digits == 0 || digits > 19) {
                return false;
            }
            for (int i = first; i < to; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            if (digits < 19) {
                return true;
            }
            try {
                Long.parseLong(text, from, to, 10);
                return true;
            } catch (NumberFormatException overflow) {
                return false;
            }
        }

        /** What {@link #integer} returns for a word that is no number in range. */
        static final int NONE = Integer.MIN_VALUE;

        /** @return the value of {@code [+-]?digits} if it lies in {@code min..max}, else {@link #NONE} */
        static int integer(String word, int min, int max) {
            if (!isLong(word)) {
                return NONE;
            }
            long value = Long.parseLong(word);
            return value >= min && value <= max ? (int) value : NONE;
        }

        /** @return the value of {@code [+-]?digits} if it fits an int (but is not {@link #NONE}), else {@link #NONE} */
        static int integer(String word) {
            return integer(word, Integer.MIN_VALUE + 1, Integer.MAX_VALUE);
        }

        /** @return 1 for {@code 1}, 0 for {@code 0}, -1 for anything else */
        static int flag(String word) {
            return word.equals("1") ? 1 : word.equals("0") ? 0 : -1;
        }

        /**
         * An 8-bit SSM quality level as the daemon prints it: {@code 0x20} (hex, as written) or decimal.
         *
         * @return 0..255, or -1
         */
        static int octet(String word) {
            boolean hex = word.length() > 2 && word.charAt(0) == '0' && (word.charAt(1) == 'x' || word.charAt(1) == 'X');
            int from = hex ? 2 : 0;
            if (word.length() == from || word.length() - from > 4) {
                return -1;
            }
            int value = 0;
            for (int i = from; i < word.length(); i++) {
                int digit = Character.digit(word.charAt(i), hex ? 16 : 10);
                if (digit < 0 || word.charAt(i) > 'f') {
                    return -1;
                }
                value = value * (hex ? 16 : 10) + digit;
            }
            return value <= 255 ? value : -1;
        }

        /** @return the port number (all digits, at most 65535), or -1 */
        static int port(String word) {
            if (word.isEmpty() || word.length() > 5) {
                return -1;
            }
            int value = 0;
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            return value <= 65535 ? value : -1;
        }

        /**
         * The daemon prints the class as an integer or a float ({@code 6}, {@code 165.000000}).
         *
         * @return the class (0..255, the range of the 8-bit field), or -1 when the word is no such number
         */
        static int clockClass(String word) {
            int i = !word.isEmpty() && (word.charAt(0) == '+' || word.charAt(0) == '-') ? 1 : 0;
            boolean negative = i == 1 && word.charAt(0) == '-';
            int digitsFrom = i;
            long value = 0;
            while (i < word.length() && word.charAt(i) >= '0' && word.charAt(i) <= '9') {
                value = Math.min(value * 10 + (word.charAt(i) - '0'), 1000);
                i++;
            }
            if (i == digitsFrom) {
                return -1;
            }
            if (i < word.length() && word.charAt(i) == '.') {
                i++;
                while (i < word.length() && word.charAt(i) == '0') {
                    i++;
                }
            }
            if (i != word.length() || value > 255 || negative && value != 0) {
                return -1;
            }
            return (int) value;
        }
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
