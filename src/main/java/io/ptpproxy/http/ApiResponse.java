package io.ptpproxy.http;

import io.ptpproxy.subscription.StoreException;

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

    /**
     * The answer to a change the store could not make (read-only, full, failing): 503, because the
     * request was valid and may succeed once the disk is fixed, with the reason in the API's words.
     *
     * @param failure what the store reported
     * @return {@code 503 {"error":"the subscription store is full"}} and the like
     */
    public static ApiResponse storeRefused(StoreException failure) {
        return json(503, "{\"error\":\"" + failure.problem().answer() + "\"}");
    }

    /** @return a response with no body and no content type, as the O-RAN error answers are */
    public static ApiResponse empty(int status) {
        return new ApiResponse(status, null, null);
    }
}
