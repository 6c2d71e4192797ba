package io.ptpproxy.ptp;

/** Number syntax checks of the grammars that never throw, so garbage costs no exception. Stateless. */
final class LineNumbers {

    private LineNumbers() {
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
