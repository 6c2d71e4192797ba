package io.ptpproxy.api;

import java.net.URI;
import java.net.URISyntaxException;

/** What the API accepts as a callback (subscription endpoint, publisher endpoint): an http(s) URL with a host. */
final class EndpointUri {

    private EndpointUri() {
    }

    /** @return whether the text is an absolute http or https URL naming a host */
    static boolean isHttp(String uri) {
        try {
            URI parsed = new URI(uri);
            String scheme = parsed.getScheme();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && parsed.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
