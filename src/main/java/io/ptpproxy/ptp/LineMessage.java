package io.ptpproxy.ptp;

/**
 * The message of a tagged line: the words after the config tag, read in place by the grammars. One per
 * line, confined to the parsing thread like its {@link LineFields}.
 */
final class LineMessage {
    final String process;
    final String tag;
    private final String stateConfig;
    private final LineFields fields;

    LineMessage(String process, String tag, String stateConfig, LineFields fields) {
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

    /** @return true when the word is {@code [+-]?digits} that fits a long (as {@link LineNumbers#isLong}) */
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
