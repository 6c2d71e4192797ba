package io.ptpproxy.legacy;

/**
 * The answer to a v1 CurrentState request: the CloudEvent 0.3 JSON, or why there is none.
 *
 * @param body the structured CloudEvent JSON, or null when not found
 * @param message why there is no state (upstream's text, e.g. {@code event not found}), or null
 */
public record CurrentStateReply(byte[] body, String message) {

    /** @return a reply carrying the event */
    public static CurrentStateReply found(byte[] body) {
        return new CurrentStateReply(body, null);
    }

    /** @return a reply saying why there is no event */
    public static CurrentStateReply missing(String message) {
        return new CurrentStateReply(null, message);
    }

    /** @return true when the event is there */
    public boolean isFound() {
        return body != null;
    }
}
