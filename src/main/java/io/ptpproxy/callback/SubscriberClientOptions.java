package io.ptpproxy.callback;

import java.nio.file.Files;
import java.nio.file.Path;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.http.HttpClientOptions;

/**
 * The HTTP client options of every request to a subscriber, publisher or sidecar callback: no
 * redirect budget (the poster never follows one either: a callback answering 3xx could otherwise send
 * the proxy to any host, past the endpoint policy), HTTPS checks the server's name against its certificate, and the certificate
 * must chain to the configured CA bundle, or to the JVM's trust store when none is configured.
 */
public final class SubscriberClientOptions {

    private SubscriberClientOptions() {
    }

    /**
     * @param caBundle PEM file of the CAs trusted for https callbacks, or blank for the JVM's defaults
     * @throws IllegalArgumentException when the bundle is configured but cannot be read
     */
    public static HttpClientOptions create(String caBundle) {
        HttpClientOptions options = new HttpClientOptions()
                .setMaxRedirects(0)
                .setVerifyHost(true)
                .setTrustAll(false);
        if (caBundle != null && !caBundle.isBlank()) {
            Path bundle = Path.of(caBundle.strip());
            if (!Files.isReadable(bundle)) {
                throw new IllegalArgumentException("delivery.tls.ca-bundle " + bundle + " is not a readable file");
            }
            options.setTrustOptions(new PemTrustOptions().addCertPath(bundle.toString()));
        }
        return options;
    }
}
