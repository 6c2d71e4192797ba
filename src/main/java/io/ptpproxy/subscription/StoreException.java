package io.ptpproxy.subscription;

/**
 * The subscription store could not read or write its directory. The message names the path involved.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the path
     * @param cause the underlying I/O error, or {@code null}
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param message what failed, naming the path
     */
    public StoreException(String message) {
        super(message);
    }
}
