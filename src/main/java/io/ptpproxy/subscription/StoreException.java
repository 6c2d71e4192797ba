package io.ptpproxy.subscription;

import java.io.IOException;

/**
 * A store could not read or write its directory. The message names the path involved (for the log);
 * {@link #problem()} says why in the API's words.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final StoreProblem problem;

    /**
     * @param message what failed, naming the path
     * @param cause the underlying I/O error, or {@code null}
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
        this.problem = cause instanceof IOException io ? StoreProblem.of(io) : StoreProblem.UNAVAILABLE;
    }

    /**
     * @param message what failed, naming the path
     */
    public StoreException(String message) {
        this(message, null);
    }

    /** @return why the store refused, e.g. {@link StoreProblem#FULL} */
    public StoreProblem problem() {
        return problem;
    }
}
