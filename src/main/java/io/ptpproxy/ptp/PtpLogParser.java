package io.ptpproxy.ptp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one line of the linuxptp daemon's events socket into a {@link ParseOutcome}
 * (ptp-domain.md §1.4, §1.5): one dispatch by process name to the grammar of its family.
 *
 * <p>A line is split as upstream does ({@link LineFields}): {@code [}, {@code ]} and {@code :} count as
 * spaces, then it is split on whitespace. Field 0 is the process, field 2 the config tag, the rest is
 * the message. The daemon's own lines ({@link DaemonGrammar}: control lines, {@code PTP_PROCESS_STATUS},
 * {@code CLOCK_CLASS_CHANGE}) are recognised first; everything else goes to the grammar of its process
 * family: {@link Ptp4lGrammar}, {@link Phc2sysGrammar}, {@link Ts2phcGrammar} (ts2phc, gnss, dpll, GM,
 * T-BC), {@link Synce4lGrammar}, {@link ChronydGrammar}. Supporting a new family is one more entry in
 * {@link #PtpLogParser()}.
 *
 * <p>Threading: {@link #parse(String)} may be called from several threads at once (the socket's I/O
 * threads; connections may be served by different ones) and never throws. Each call keeps its line's
 * state ({@link LineFields}, {@link LineMessage}) on its own; the only state shared between calls is the
 * dispatch table (immutable after construction) and the {@link ConfigTagCache}, which is lock-free and
 * safe by the contract stated there.
 *
 * <p>It runs for every socket line, so it works on field boundaries and reads numbers in place: the only
 * strings it allocates are the words a parsed line keeps, and the process name and config tag are shared
 * instances, whose cached hash codes the state tracker's lookups reuse.
 */
public final class PtpLogParser {

    private final String[] processes;
    private final Grammar[] grammars;
    private final ConfigTagCache tags = new ConfigTagCache();

    /** Creates a parser for the process families this proxy understands. */
    public PtpLogParser() {
        Map<String, Grammar> byProcess = new LinkedHashMap<>();
        byProcess.put("ptp4l", Ptp4lGrammar::ptp4l);
        byProcess.put("phc2sys", Phc2sysGrammar::phc2sys);
        byProcess.put("ts2phc", Ts2phcGrammar::ts2phc);
        byProcess.put("gnss", Ts2phcGrammar::gnss);
        byProcess.put("dpll", Ts2phcGrammar::dpll);
        byProcess.put("GM", Ts2phcGrammar::gm);
        byProcess.put("T-BC", Ts2phcGrammar::tbc);
        byProcess.put("synce4l", Synce4lGrammar::synce4l);
        byProcess.put("chronyd", ChronydGrammar::chronyd);
        this.processes = byProcess.keySet().toArray(String[]::new);
        this.grammars = byProcess.values().toArray(Grammar[]::new);
    }

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

    /**
     * @param line one socket line, with or without its trailing {@code \r}; may be null
     * @return what the line means; never null
     */
    public ParseOutcome parse(String line) {
        if (line == null) {
            return Outcomes.EMPTY;
        }
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
            line = line.substring(0, length - 1);
        }
        if (LineFields.isBlank(line)) {
            return Outcomes.EMPTY;
        }
        if (DaemonGrammar.isControl(line)) {
            return line.strip().equals("CMD RESTART") ? DaemonGrammar.RESTART : DaemonGrammar.CONTROL;
        }
        LineFields fields = LineFields.split(line);
        if (!fields.hasConfigTagAt(2)) {
            return Outcomes.NO_CONFIG_TAG;
        }
        int family = familyOf(fields);
        ConfigTagCache.ConfigTag tag = tags.tagOf(fields);
        LineMessage message = new LineMessage(family < 0 ? fields.get(0) : processes[family], tag.name,
                tag.stateConfig, fields);
        if (message.is(0, "PTP_PROCESS_STATUS")) {
            return DaemonGrammar.processStatus(message);
        }
        if (message.is(0, "CLOCK_CLASS_CHANGE")) {
            return DaemonGrammar.clockClass(message);
        }
        return family < 0 ? Outcomes.UNKNOWN_PROCESS : grammars[family].parse(message);
    }

    /** @return the index of the family whose process name is field 0, or -1 */
    private int familyOf(LineFields fields) {
        for (int i = 0; i < processes.length; i++) {
            if (fields.is(0, processes[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The grammar of one process family; gets a line whose tag is already validated. */
    @FunctionalInterface
    interface Grammar {
        ParseOutcome parse(LineMessage message);
    }
}
