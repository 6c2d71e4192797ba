package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import io.ptpproxy.fixtures.RunningProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 bug 6: a body the JSON parser refuses is answered in the API's words, never with the
 * parser's message ({@code StreamReadConstraints.getMaxNestingDepth()},
 * {@code StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION}), on every endpoint that reads an event:
 * v2 {@code create/event} and {@code log}, v1 {@code create/event} and {@code log}.
 */
class ApiErrorWordsTest {

    private static final String DEEP = "{\"data\":" + "[".repeat(1500) + "]".repeat(1500) + "}";

    @TempDir
    static Path work;
    private static RunningProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        proxy = RunningProxy.start(work);
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
    }

    @Test
    void too_deep_a_body_is_named_as_such() throws Exception {
        expect("too deep", DEEP, "invalid JSON: nested deeper than 1000 levels");
    }

    @Test
    void a_malformed_body_names_where() throws Exception {
        expect("malformed", "{\"id\": x}", "invalid JSON: malformed at line 1, column 9");
    }

    @Test
    void a_cut_body_is_named_as_such() throws Exception {
        expect("cut", "{\"id\": \"a\",", "invalid JSON: unexpected end of input");
    }

    @Test
    void an_over_long_number_is_named_as_such() throws Exception {
        expect("long number", "{\"id\": " + "1".repeat(1200) + "}", "invalid JSON: a number longer than 1000 digits");
    }

    /** v1's endpoint check names the failure as upstream's Go client did, without Java class names. */
    @Test
    void an_unreachable_v1_endpoint_is_named_without_class_names() throws Exception {
        String endpoint;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
            endpoint = "http://127.0.0.1:" + closed.getLocalPort() + "/event";
        }
        HttpResponse<String> response = proxy.send("POST", proxy.v1() + "/subscriptions",
                "{\"resource\":\"/cluster/node/node1/sync/ptp-status/lock-state\",\"endpointUri\":\"" + endpoint + "\"}");
        assertEquals(400, response.statusCode());
        assertEquals("{\"error\":\"Post \\\"" + endpoint + "\\\": connection refused\"}", response.body());
        HttpResponse<String> publisher = proxy.send("POST", proxy.v2() + "/publishers",
                "{\"ResourceAddress\":\"/x/y\",\"EndpointUri\":\"" + endpoint + "\"}");
        assertEquals(400, publisher.statusCode());
        assertEquals("{\"error\":\"Post \\\"" + endpoint + "\\\": connection refused\"}", publisher.body());
    }

    private static void expect(String what, String body, String error) throws Exception {
        for (String url : List.of(proxy.v2() + "/create/event", proxy.v2() + "/log", proxy.v1() + "/create/event",
                proxy.v1() + "/log")) {
            HttpResponse<String> response = proxy.send("POST", url, body);
            assertEquals(400, response.statusCode(), what + " " + url);
            assertEquals("{\"error\":\"" + error + "\"}", response.body(), what + " " + url);
        }
    }
}
