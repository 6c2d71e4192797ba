package io.ptpproxy.api;

/**
 * An HTTP answer of the REST API, independent of the HTTP server: status, content type (null for
 * none) and body (null for an empty body). The {@code respond} route turns it into the reply.
 *
 * @param status the HTTP status
 * @param contentType the Content-Type, or null when the body is empty
 * @param body the body, or null
 */
public record ApiResponse(int status, String contentType, String body) {

    public static final String JSON = "application/json";

    /** @return a response with a JSON body */
    public static ApiResponse json(int status, String body) {
        return new ApiResponse(status, JSON, body);
    }

    /** @return a plain-text response */
    public static ApiResponse text(int status, String body) {
        return new ApiResponse(status, "text/plain; charset=utf-8", body);
    }

    /** @return a response with no body and no content type, as the O-RAN error answers are */
    public static ApiResponse empty(int status) {
        return new ApiResponse(status, null, null);
    }
}
