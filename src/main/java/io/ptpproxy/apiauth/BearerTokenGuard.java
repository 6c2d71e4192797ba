package io.ptpproxy.apiauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

import io.ptpproxy.credentials.CredentialFiles;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer-token authentication of the REST API (optional, {@code api.auth.token-file}): a request to
 * the subscription and publisher endpoints of v1 and v2, CurrentState, or the status page must carry
 * {@code Authorization: Bearer <token>} with a token of the file, else it is answered
 * {@code 401 {"error":…}} with {@code WWW-Authenticate: Bearer} before any route sees it. The health
 * endpoints, the OpenAPI document and the v1 transport (publisher ↔ consumer sidecar, which upstream
 * runs without credentials) stay open.
 * <p>
 * The file holds one token per line (two during a rotation); it is read again when it changes,
 * checked at most once per reload interval. Tokens are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, every configured token each time, so neither the length nor the
 * content of a token shows in the answer time. A file without a token refuses every request.
 */
public final class BearerTokenGuard implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(BearerTokenGuard.class);
    private static final String API = "/api/ocloudNotifications/";
    private static final String UNAUTHORIZED = "{\"error\":\"missing or invalid bearer token\"}";

    private final CredentialFiles file;
    private final Duration reloadInterval;
    private final Clock clock;
    private final LongAdder refused = new LongAdder();
    private volatile List<byte[]> tokenDigests = List.of();
    private volatile long nextCheckMillis;

    /**
     * @param tokenFile the file of tokens
     * @param reloadInterval how often the file is checked for changes
     * @param clock when to check
     * @throws IllegalArgumentException when the file cannot be read at start
     */
    public BearerTokenGuard(Path tokenFile, Duration reloadInterval, Clock clock) {
        this.file = new CredentialFiles(List.of(CredentialFiles.readable(tokenFile.toString(), "api.auth.token-file")));
        this.reloadInterval = reloadInterval;
        this.clock = clock;
        try {
            load(file.read());
        } catch (IOException e) {
            throw new IllegalArgumentException("api.auth.token-file " + tokenFile + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void handle(RoutingContext context) {
        if (!protectedPath(context.normalizedPath())) {
            context.next();
            return;
        }
        reloadIfDue();
        if (authorized(context.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            context.next();
            return;
        }
        refused.increment();
        context.response().setStatusCode(401)
                .putHeader("WWW-Authenticate", "Bearer realm=\"ptp-event-proxy\"")
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(UNAUTHORIZED);
    }

    /** @return requests answered 401 since start */
    public long refused() {
        return refused.sum();
    }

    /** Health stays open for probes; everything else under the API base paths, and the status page, needs the token. */
    static boolean protectedPath(String path) {
        if (path.startsWith(API)) {
            return !path.equals(API + "v1/health") && !path.equals(API + "v2/health");
        }
        return path.equals("/status") || path.startsWith("/status/");
    }

    private boolean authorized(String header) {
        if (header == null || header.length() < 7 || !header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return false;
        }
        byte[] presented = digest(header.substring(7).strip());
        boolean match = false;
        for (byte[] token : tokenDigests) {
            match |= MessageDigest.isEqual(presented, token);
        }
        return match;
    }

    private void reloadIfDue() {
        long now = clock.millis();
        if (now < nextCheckMillis) {
            return;
        }
        nextCheckMillis = now + reloadInterval.toMillis();
        try {
            CredentialFiles.Snapshot snapshot = file.read();
            if (file.isNew(snapshot)) {
                load(snapshot);
                LOG.info("API tokens reloaded from {}: {} token(s)", file.paths().get(0), tokenDigests.size());
            }
        } catch (IOException e) {
            LOG.warn("API token file {} cannot be read, the previous tokens stay: {}", file.paths().get(0), e.getMessage());
        }
    }

    private void load(CredentialFiles.Snapshot snapshot) {
        String text = new String(snapshot.contents().get(0), StandardCharsets.UTF_8);
        List<byte[]> digests = Arrays.stream(text.split("\\R")).map(String::strip).filter(line -> !line.isEmpty())
                .map(BearerTokenGuard::digest).toList();
        if (digests.isEmpty()) {
            LOG.warn("API token file {} holds no token: every protected request is refused", file.paths().get(0));
        }
        tokenDigests = digests;
        file.accept(snapshot);
    }

    private static byte[] digest(String token) {
        return CredentialFiles.sha256().digest(token.getBytes(StandardCharsets.UTF_8));
    }
}
