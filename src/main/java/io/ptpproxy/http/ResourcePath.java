package io.ptpproxy.http;

import java.util.regex.Pattern;

/**
 * The part of a request path after an API's base path, with the resource address's slashes as
 * slashes: a generated OpenAPI client percent-encodes a path parameter, so
 * {@code cluster%2Fnode%2Fnode1%2F…/CurrentState} names the same resource as
 * {@code cluster/node/node1/…/CurrentState}; a query string is not part of the path.
 */
public final class ResourcePath {

    private static final Pattern ENCODED_SLASH = Pattern.compile("%2[fF]");

    private ResourcePath() {
    }

    /**
     * @param path the request path or URI, starting with the base path
     * @param basePath the API's base path
     * @return the path after the base path, encoded slashes decoded and repeated ones collapsed
     */
    public static String relative(String path, String basePath) {
        int query = path.indexOf('?');
        String withoutQuery = query < 0 ? path : path.substring(0, query);
        String relative = withoutQuery.startsWith(basePath) ? withoutQuery.substring(basePath.length()) : withoutQuery;
        // an address given with its leading slash, encoded, leaves "//cluster/…"
        return ENCODED_SLASH.matcher(relative).replaceAll("/").replaceAll("/{2,}", "/");
    }
}
