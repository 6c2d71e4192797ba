package io.ptpproxy.apiserver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A REST path template matches a request path as the HTTP router matches it. */
class UnroutedRequestTest {

    @Test
    void a_parameter_is_one_non_empty_segment() {
        assertTrue(UnroutedRequest.matches("/v2/subscriptions/{subscriptionId}", "/v2/subscriptions/abc"));
        assertFalse(UnroutedRequest.matches("/v2/subscriptions/{subscriptionId}", "/v2/subscriptions/"));
        assertFalse(UnroutedRequest.matches("/v2/subscriptions/{subscriptionId}", "/v2/subscriptions/a/b"));
        assertFalse(UnroutedRequest.matches("/v2/subscriptions/{subscriptionId}", "/v2/subscriptions"));
    }

    @Test
    void literal_segments_match_exactly() {
        assertTrue(UnroutedRequest.matches("/v2/subscriptions", "/v2/subscriptions"));
        assertFalse(UnroutedRequest.matches("/v2/subscriptions", "/v2/subscriptions/"));
        assertFalse(UnroutedRequest.matches("/v2/dummy", "/v2/dummy3"));
    }

    @Test
    void a_final_star_matches_the_rest() {
        assertTrue(UnroutedRequest.matches("/cluster/*", "/cluster/node/n/sync/x/CurrentState"));
        assertFalse(UnroutedRequest.matches("/cluster/*", "/clusters/a"));
    }
}
