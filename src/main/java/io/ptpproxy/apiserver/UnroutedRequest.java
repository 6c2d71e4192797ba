package io.ptpproxy.apiserver;

import io.ptpproxy.http.ApiResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.RestRegistry;

/**
 * The answer to a request on an API path that no REST verb took: 405 where a verb of the REST DSL
 * serves the path with another method, 404 where none serves it; both empty, as the APIs' other
 * 404 and 405 answers. The paths come from the REST DSL's own table (Camel's {@link RestRegistry},
 * the verbs the HTTP router was built from), so no API keeps a copy of its paths.
 *
 * <p>The HTTP router would answer both by itself, but a resource address has slashes, so its
 * {@code …/CurrentState} path fits no REST path template: a prefix route per API base path takes
 * every request the verbs leave, and answers with this for those that are not CurrentState.
 */
public final class UnroutedRequest {

    private UnroutedRequest() {
    }

    /**
     * @param context the Camel context whose REST verbs serve the API
     * @param path the request path as the router matched it (normalised, without the query)
     * @return empty 405 for a path a verb serves with another method, else empty 404
     */
    public static ApiResponse answer(CamelContext context, String path) {
        boolean served = context.getRestRegistry().listAllRestServices().stream()
                .anyMatch(service -> matches(template(service), path));
        return ApiResponse.empty(served ? 405 : 404);
    }

    private static String template(RestRegistry.RestService service) {
        String uriTemplate = service.getUriTemplate() == null ? "" : service.getUriTemplate();
        return ("/" + service.getBasePath() + "/" + uriTemplate).replaceAll("/{2,}", "/");
    }

    /** As the router matches: a {@code {name}} segment is any one non-empty segment, a final {@code *} anything. */
    static boolean matches(String template, String path) {
        String[] expected = stripTrailingSlash(template).split("/", -1);
        String[] actual = path.split("/", -1);
        for (int i = 0; i < expected.length; i++) {
            if (expected[i].equals("*") && i == expected.length - 1) {
                return actual.length >= expected.length - 1;
            }
            if (i >= actual.length) {
                return false;
            }
            boolean parameter = expected[i].startsWith("{") && expected[i].endsWith("}");
            if (parameter ? actual[i].isEmpty() : !expected[i].equals(actual[i])) {
                return false;
            }
        }
        return actual.length == expected.length;
    }

    private static String stripTrailingSlash(String template) {
        return template.length() > 1 && template.endsWith("/") ? template.substring(0, template.length() - 1) : template;
    }
}
