package io.ptpproxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.FileSystemException;

import io.ptpproxy.subscription.StoreException;
import org.junit.jupiter.api.Test;

/** The answers of the {@code api-errors} route configuration: the API's words, never the cause's. */
class ApiFailuresTest {

    @Test
    void a_store_failure_is_503_with_the_reason_in_the_api_words() {
        StoreException full = new StoreException("cannot write /store/sub-1.json",
                new FileSystemException("/store/sub-1.json", null, "No space left on device"));
        assertEquals(new ApiResponse(503, "application/json", "{\"error\":\"the subscription store is full\"}"),
                ApiFailures.storeRefused(full));
        assertEquals(new ApiResponse(503, "application/json", "{\"error\":\"the subscription store cannot be written\"}"),
                ApiFailures.storeRefused(new StoreException("cannot list /store")));
    }

    @Test
    void any_other_failure_is_500_naming_nothing_of_its_cause() {
        assertEquals(new ApiResponse(500, "application/json", "{\"error\":\"internal error\"}"),
                ApiFailures.internalError(new IllegalStateException("the bean's own words, /a/path")));
        assertEquals(new ApiResponse(500, "application/json", "{\"error\":\"internal error\"}"),
                ApiFailures.internalError(new IOException(new NullPointerException())));
    }
}
