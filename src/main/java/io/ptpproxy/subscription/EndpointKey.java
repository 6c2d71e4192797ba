package io.ptpproxy.subscription;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An EndpointUri normalised for comparison: scheme and host in lower case, the scheme's default
 * port dropped, no trailing slash on the path. Two subscriptions whose endpoints have the same key
 * go to the same subscriber, which must never get one event twice.
 */
public final class EndpointKey {

    private EndpointKey() {
    }

    /** @return the normalised form of the URI, or the text itself when it is not a URI */
    public static String of(String endpointUri) {
        try {
            URI uri = new URI(endpointUri);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return endpointUri;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
                    || ("https".equals(scheme) && port == 443);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return scheme + "://" + (uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@")
                    + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (URISyntaxException e) {
            return endpointUri;
        }
    }
}
