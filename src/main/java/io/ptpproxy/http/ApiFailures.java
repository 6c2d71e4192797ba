package io.ptpproxy.http;

import io.ptpproxy.subscription.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API's answers to a request its route could not complete, each logged in one line without
 * a stack trace: the {@code api-errors} route configuration ({@code routes/respond.yaml}) calls them.
 * A bean rather than Camel's {@code log} step, which Camel builds once per API route and whose level
 * it converts from text each time (issue 16: ~0.05–0.1 s of the start-up).
 */
public final class ApiFailures {

    private static final Logger LOG = LoggerFactory.getLogger(ApiFailures.class);

    private ApiFailures() {
    }

    /**
     * A change the store could not make (read-only, full, failing disk), logged as a warning.
     *
     * @return {@code 503} with the reason in the API's words ({@link ApiResponse#storeRefused})
     */
    public static ApiResponse storeRefused(StoreException failure) {
        LOG.warn("Answering 503: {}", failure.getMessage());
        return ApiResponse.storeRefused(failure);
    }

    /**
     * Any other failure, logged as an error with its message only.
     *
     * @return {@code 500 {"error":"internal error"}}, which names nothing of the cause
     */
    public static ApiResponse internalError(Exception failure) {
        LOG.error("API request failed: {}", failure.getMessage());
        return ApiResponse.json(500, "{\"error\":\"internal error\"}");
    }
}
