package io.ptpproxy.apiserver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.ptpproxy.credentials.CredentialFiles;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API's HTTP server: Camel's platform-http server (same router, routes and body handling)
 * that puts the {@link RouterGuards} in front of every route before it accepts a connection, bounds
 * its connections and closes idle and slow ones ({@link ApiConnectionGuard}), and,
 * when TLS is configured, listens with TLS 1.2/1.3 only, the PEM certificate and key read from files
 * and, with a client CA bundle, client certificates required (Camel's own server options cannot
 * require them). The files are checked every reload interval; new content is validated (parsable,
 * key matching the certificate) and then presented from the next full handshake on (open
 * connections, and TLS sessions resumed, keep what they were made with). The server's TLS context
 * stays: the new credentials go into the key and trust managers it holds, since Vert.x 4.5's
 * {@code updateSSLOptions} fails connections accepted while it swaps contexts. Content that does not validate (a half-written file) is logged and the previous
 * credentials stay.
 */
public final class ApiHttpServer extends VertxPlatformHttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHttpServer.class);

    private final VertxPlatformHttpServerConfiguration configuration;
    private final ApiTlsSettings settings;
    private final CredentialFiles files;
    private ScheduledExecutorService reloader;
    private SwappableKeyManager keys;
    private SwappableTrustManager clientCas;
    private volatile HttpServer server;

    /**
     * @param configuration host, port, path and body limits, as Camel's main HTTP server takes them
     * @param settings the certificate, key and client CA files, or null for plain HTTP
     */
    public ApiHttpServer(VertxPlatformHttpServerConfiguration configuration, ApiTlsSettings settings) {
        super(configuration);
        this.configuration = configuration;
        this.settings = settings;
        List<Path> paths = new ArrayList<>();
        if (settings != null) {
            paths.addAll(List.of(settings.certFile(), settings.keyFile()));
            if (settings.mutual()) {
                paths.add(settings.clientCaFile());
            }
        }
        this.files = new CredentialFiles(paths);
    }

    @Override
    protected void startServer() throws Exception {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(getCamelContext(),
                VertxPlatformHttpRouter.getRouterNameFromPort(configuration.getPort()));
        ApiConnectionGuard connections = getCamelContext().getRegistry()
                .lookupByNameAndType(ApiConnectionGuard.BEAN, ApiConnectionGuard.class);
        if (connections == null) {
            connections = ApiConnectionGuard.from(key -> null);
        }
        RouterGuards guards = getCamelContext().getRegistry().lookupByNameAndType(RouterGuards.BEAN, RouterGuards.class);
        if (guards != null) {
            guards.installOn(router);
        }
        // ahead of the guards: the request head is in, so its timer stops whatever the answer
        router.route().order(Integer.MIN_VALUE).handler(connections.requestHandler(getVertx()));
        HttpServerOptions options = connections.applyTo(new HttpServerOptions());
        if (settings != null) {
            configureTls(options);
        }
        // the platform router takes the requests itself: Camel's outer router only adds CORS, sessions
        // and Camel's own authentication, none of which the proxy configures; Camel's own listener
        // cannot take the connection limits and timeouts
        HttpServer created = getVertx().createHttpServer(options)
                .connectionHandler(connections.connectionHandler(getVertx()))
                .requestHandler(router);
        created.listen(configuration.getBindPort(), configuration.getBindHost())
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        server = created;
        if (settings == null) {
            LOG.info("REST API on http://{}:{}", configuration.getBindHost(), configuration.getBindPort());
            return;
        }
        LOG.info("REST API on https://{}:{} ({}), certificate {}", configuration.getBindHost(),
                configuration.getBindPort(), settings.mutual() ? "client certificates required from "
                        + settings.clientCaFile() : "no client certificates", settings.certFile());
        reloader = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "api-tls-reload");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.reloadInterval().toMillis();
        reloader.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
    }

    private void configureTls(HttpServerOptions options) throws Exception {
        CredentialFiles.Snapshot snapshot = files.read();
        Credentials initial = credentials(snapshot);
        files.accept(snapshot);
        keys = new SwappableKeyManager(initial.keys());
        options.setSsl(true)
                .setKeyCertOptions(KeyCertOptions.wrap(keys))
                .setEnabledSecureTransportProtocols(new LinkedHashSet<>(List.of("TLSv1.2", "TLSv1.3")))
                .setClientAuth(settings.mutual() ? ClientAuth.REQUIRED : ClientAuth.NONE);
        if (settings.mutual()) {
            clientCas = new SwappableTrustManager(initial.clientCas());
            options.setTrustOptions(TrustOptions.wrap(clientCas));
        }
    }

    @Override
    protected void stopServer() {
        if (reloader != null) {
            reloader.shutdownNow();
        }
        HttpServer running = server;
        server = null;
        if (running != null) {
            try {
                running.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("REST API server did not close cleanly: {}", e.toString());
            }
        }
    }

    /** The API listener: the platform-http engine finds the API port through it. */
    @Override
    public HttpServer getServer() {
        return server;
    }

    private void reloadIfChanged() {
        CredentialFiles.Snapshot snapshot;
        try {
            snapshot = files.read();
        } catch (Exception unreadable) {
            return;
        }
        if (!files.isNew(snapshot)) {
            return;
        }
        files.accept(snapshot);
        try {
            Credentials next = credentials(snapshot);
            keys.use(next.keys());
            if (clientCas != null) {
                clientCas.use(next.clientCas());
            }
            LOG.info("REST API TLS credentials reloaded from {}", files.paths());
        } catch (Exception e) {
            LOG.warn("REST API TLS credentials in {} not used, the previous ones stay: {}", files.paths(),
                    MainMessage.of(e));
        }
    }

    /** The key and certificate, and the client CAs with mutual TLS, ready for handshakes. */
    private record Credentials(X509ExtendedKeyManager keys, X509ExtendedTrustManager clientCas) {
    }

    /**
     * @throws IllegalArgumentException naming the file that does not parse, or a key that is not the certificate's
     */
    private Credentials credentials(CredentialFiles.Snapshot snapshot) throws Exception {
        List<byte[]> contents = snapshot.contents();
        PemKeyCertOptions keyCert = new PemKeyCertOptions()
                .addCertValue(Buffer.buffer(contents.get(0)))
                .addKeyValue(Buffer.buffer(contents.get(1)));
        Certificate certificate = certificate(keyCert);
        X509ExtendedKeyManager keyManager = only(X509ExtendedKeyManager.class,
                keyCert.getKeyManagerFactory(getVertx()).getKeyManagers(), settings.keyFile());
        requireMatchingKey(keyManager, certificate);
        if (!settings.mutual()) {
            return new Credentials(keyManager, null);
        }
        PemTrustOptions trust = new PemTrustOptions().addCertValue(Buffer.buffer(contents.get(2)));
        if (Collections.list(trust.loadKeyStore(getVertx()).aliases()).isEmpty()) {
            throw new IllegalArgumentException("no certificate in " + settings.clientCaFile());
        }
        return new Credentials(keyManager, only(X509ExtendedTrustManager.class,
                trust.getTrustManagerFactory(getVertx()).getTrustManagers(), settings.clientCaFile()));
    }

    private static <T> T only(Class<T> type, Object[] managers, Path file) {
        for (Object manager : managers) {
            if (type.isInstance(manager)) {
                return type.cast(manager);
            }
        }
        throw new IllegalArgumentException("no " + type.getSimpleName() + " for " + file);
    }

    /** The server certificate, once Vert.x has read the PEM certificate and key files into a key store. */
    private Certificate certificate(PemKeyCertOptions keyCert) {
        try {
            KeyStore store = keyCert.loadKeyStore(getVertx());
            return store.getCertificate(store.aliases().nextElement());
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot read " + settings.certFile() + " and " + settings.keyFile()
                    + ": " + MainMessage.of(e), e);
        }
    }

    /**
     * A key rotated before its certificate (or the reverse) would fail every handshake: refuse it. The
     * key is the one a handshake would use, asked of the key manager by the certificate's key type.
     */
    private void requireMatchingKey(X509ExtendedKeyManager keyManager, Certificate certificate) throws Exception {
        String[] aliases = keyManager.getServerAliases(certificate.getPublicKey().getAlgorithm(), null);
        PrivateKey key = aliases == null ? null : keyManager.getPrivateKey(aliases[0]);
        if (key == null) {
            throw new IllegalArgumentException("the key in " + settings.keyFile() + " is not the key of the certificate in "
                    + settings.certFile());
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> key.getAlgorithm();
            default -> "SHA256with" + key.getAlgorithm();
        };
        byte[] challenge = "ptp-event-proxy key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(challenge);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(challenge);
        if (!verifier.verify(signature)) {
            throw new IllegalArgumentException("the key in " + settings.keyFile() + " is not the key of the certificate in "
                    + settings.certFile());
        }
    }
}
