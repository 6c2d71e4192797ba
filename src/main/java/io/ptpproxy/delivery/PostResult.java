package io.ptpproxy.delivery;

/**
 * How one HTTP POST to a subscriber ended: the subscriber answered with a status, or it could not
 * be reached (refused, unknown host, timed out).
 *
 * @param status the HTTP status, or 0 when the subscriber was not reached
 * @param failure why it was not reached, or null when it answered
 */
public record PostResult(int status, String failure) {

    /** @return a result for a subscriber that answered */
    public static PostResult answered(int status) {
        return new PostResult(status, null);
    }

    /** @return a result for a subscriber that could not be reached */
    public static PostResult unreachable(String failure) {
        return new PostResult(0, failure == null ? "unreachable" : failure);
    }

    /** @return true when the subscriber answered at all, whatever the status */
    public boolean reached() {
        return failure == null;
    }

    /** @return true for a 2xx answer */
    public boolean delivered() {
        return reached() && status >= 200 && status < 300;
    }
}
