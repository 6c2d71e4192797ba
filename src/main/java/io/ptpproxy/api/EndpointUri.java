package io.ptpproxy.api;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * What v2 answers as "not a URL" (400 without a body, as O-RAN errors are): text that is no absolute
 * URI at all. A URI of another scheme is the callback policy's to refuse, with its JSON reason.
 */
final class EndpointUri {

    private EndpointUri() {
    }

    /** @return whether the text parses as an absolute URI (it has a scheme) */
    static boolean isAbsoluteUri(String uri) {
        try {
            return new URI(uri).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
