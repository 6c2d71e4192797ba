package io.ptpproxy.apiserver;

/** The message worth logging of a failure: its own, or its innermost cause's when it has none. */
final class MainMessage {

    private MainMessage() {
    }

    static String of(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
