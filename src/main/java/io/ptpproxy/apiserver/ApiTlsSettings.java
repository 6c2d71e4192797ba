package io.ptpproxy.apiserver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import io.ptpproxy.credentials.CredentialFiles;

/**
 * TLS on the REST API port, off unless a certificate is configured: the server's PEM certificate
 * (chain) and key, and optionally a PEM bundle of client CAs, which makes a client certificate
 * from one of them mandatory (mutual TLS). The files are checked for changes every
 * {@code reloadInterval}.
 *
 * @param certFile PEM certificate chain, leaf first
 * @param keyFile PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC)
 * @param clientCaFile PEM bundle of the CAs whose client certificates are accepted, or null (no client certificates)
 * @param reloadInterval how often the files are checked
 */
public record ApiTlsSettings(Path certFile, Path keyFile, Path clientCaFile, Duration reloadInterval) {

    /**
     * Reads {@code api.tls.cert-file}, {@code api.tls.key-file}, {@code api.tls.client-ca-file} and
     * {@code api.credentials-reload-ms}.
     *
     * @param property looks a property up; blank or absent means not set
     * @return the settings, or empty when TLS is off (no certificate)
     * @throws IllegalArgumentException naming an inconsistent or unreadable setting
     */
    public static Optional<ApiTlsSettings> from(Function<String, String> property) {
        String cert = blankToNull(property.apply("api.tls.cert-file"));
        String key = blankToNull(property.apply("api.tls.key-file"));
        String clientCa = blankToNull(property.apply("api.tls.client-ca-file"));
        if (cert == null && key == null) {
            if (clientCa != null) {
                throw new IllegalArgumentException("api.tls.client-ca-file needs api.tls.cert-file and api.tls.key-file");
            }
            return Optional.empty();
        }
        if (cert == null || key == null) {
            throw new IllegalArgumentException("api.tls.cert-file and api.tls.key-file go together");
        }
        String reload = blankToNull(property.apply("api.credentials-reload-ms"));
        return Optional.of(new ApiTlsSettings(CredentialFiles.readable(cert, "api.tls.cert-file"),
                CredentialFiles.readable(key, "api.tls.key-file"),
                clientCa == null ? null : CredentialFiles.readable(clientCa, "api.tls.client-ca-file"),
                Duration.ofMillis(reload == null ? 10_000 : Long.parseLong(reload))));
    }

    /** @return whether clients must present a certificate */
    public boolean mutual() {
        return clientCaFile != null;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
