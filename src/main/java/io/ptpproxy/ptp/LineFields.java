package io.ptpproxy.ptp;

import java.util.Arrays;
import java.util.List;

/**
 * Field boundaries of a line split on whitespace, {@code [}, {@code ]} and {@code :}: upstream's
 * tokenizer (ptp-domain.md §1.4), done on positions so that only the words a grammar keeps become strings.
 *
 * <p>Threading: one instance per line, made by {@link #split(String)} on the thread that parses the
 * line and dropped when the line's outcome is built; never shared, so it needs no synchronisation.
 * Its tables are static, final and filled in the static initialiser.
 */
final class LineFields {

    /** The processes of a config tag {@code <process>.<N>.config}. */
    private static final List<String> CONFIG_PROCESSES = List.of("ptp4l", "ts2phc", "phc2sys", "synce4l", "chronyd");
    private static final String CONFIG_SUFFIX = ".config";
    /** No grammar needs more; stopping here keeps a 100 KB line as cheap as a short one. */
    private static final int MAX_FIELDS = 32;
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

    private LineFields(String line) {
        this.line = line;
    }

    static LineFields split(String line) {
        LineFields fields = new LineFields(line);
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
        return index < size && LineNumbers.isLong(line, start(index), end(index));
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
