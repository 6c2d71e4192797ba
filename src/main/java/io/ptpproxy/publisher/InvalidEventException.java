package io.ptpproxy.publisher;

/** An inbound event body that cannot be accepted; the message says why and is sent back to the caller. */
public final class InvalidEventException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param reason what is wrong with the body */
    public InvalidEventException(String reason) {
        super(reason, null, false, false);
    }
}
