package io.ptpproxy.apiserver;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds what idle or slow clients can hold on the REST API port, so that one client cannot use up
 * the process's file descriptors (and with them the management port and the event socket):
 * <ul>
 *   <li>at most {@code api.max-connections} connections at once; one beyond is closed as soon as it
 *       is accepted, and counted;</li>
 *   <li>a connection with no bytes in either direction for {@code api.idle-timeout-ms} is closed
 *       (Vert.x's idle timeout): the keep-alive idle timeout;</li>
 *   <li>a new connection must complete its first request head within {@code api.header-timeout-ms},
 *       and a kept-alive one its next request head within {@code api.idle-timeout-ms} plus
 *       {@code api.header-timeout-ms} of the previous answer, however slowly it trickles bytes
 *       (slowloris); else it is closed and counted;</li>
 *   <li>a request whose handlers see both {@code Content-Length} and {@code Transfer-Encoding} is
 *       answered 400 and its connection closed (on HTTP/1.1 Netty has already dropped the length and
 *       framed the body by the transfer coding, so this applies to HTTP/1.0).</li>
 * </ul>
 * Bound in the registry as {@value #BEAN}; {@link ApiHttpServer} applies it to the server it creates.
 * The timers run on the connection's event loop and cost nothing while no connection is open.
 */
public final class ApiConnectionGuard {

    /** The registry name the server looks the guard up by. */
    public static final String BEAN = "apiConnectionGuard";

    private static final Logger LOG = LoggerFactory.getLogger(ApiConnectionGuard.class);

    private final int maxConnections;
    private final Duration idleTimeout;
    private final Duration headerTimeout;
    private final AtomicInteger open = new AtomicInteger();
    private final LongAdder refusedByLimit = new LongAdder();
    private final LongAdder closedByHeaderTimeout = new LongAdder();
    private final Map<HttpConnection, Watch> watches = new ConcurrentHashMap<>();

    /**
     * @param maxConnections connections open at once (at least 1)
     * @param idleTimeout how long a connection may be silent
     * @param headerTimeout how long a new connection may take to send its first request head
     */
    public ApiConnectionGuard(int maxConnections, Duration idleTimeout, Duration headerTimeout) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("api.max-connections must be at least 1, got " + maxConnections);
        }
        if (idleTimeout.toMillis() < 1 || headerTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("api.idle-timeout-ms and api.header-timeout-ms must be at least 1, got "
                    + idleTimeout.toMillis() + " and " + headerTimeout.toMillis());
        }
        this.maxConnections = maxConnections;
        this.idleTimeout = idleTimeout;
        this.headerTimeout = headerTimeout;
    }

    /**
     * Reads {@code api.max-connections}, {@code api.idle-timeout-ms} and {@code api.header-timeout-ms}.
     *
     * @param property looks a property up; blank or absent takes the default (1024, 60 s, 10 s)
     * @throws IllegalArgumentException naming a value that is not a positive number
     */
    public static ApiConnectionGuard from(Function<String, String> property) {
        return new ApiConnectionGuard((int) positive(property, "api.max-connections", 1024),
                Duration.ofMillis(positive(property, "api.idle-timeout-ms", 60_000)),
                Duration.ofMillis(positive(property, "api.header-timeout-ms", 10_000)));
    }

    /** Sets the idle timeout, and keeps the server at HTTP/1.1 (no h2c: one request stream per connection). */
    public HttpServerOptions applyTo(HttpServerOptions options) {
        return options.setIdleTimeout((int) idleTimeout.toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setHttp2ClearTextEnabled(false);
    }

    /**
     * The server's connection handler: admits or closes a new connection, and starts its header timer.
     *
     * @param vertx the server's Vert.x, for the timers
     */
    public Handler<HttpConnection> connectionHandler(Vertx vertx) {
        return connection -> {
            if (open.incrementAndGet() > maxConnections) {
                open.decrementAndGet();
                refusedByLimit.increment();
                LOG.debug("Closing an API connection from {}: {} open, the limit (api.max-connections)",
                        connection.remoteAddress(), maxConnections);
                connection.close();
                return;
            }
            watches.put(connection, new Watch());
            connection.closeHandler(closed -> {
                open.decrementAndGet();
                Watch watch = watches.remove(connection);
                if (watch != null) {
                    watch.stop(vertx);
                }
            });
            awaitRequest(vertx, connection, headerTimeout);
        };
    }

    /**
     * The first router handler: the request head is complete, so its timer stops; when the answer has
     * been sent, the connection has the idle plus the header timeout to send the next request head.
     *
     * @param vertx the server's Vert.x, for the timers
     */
    public Handler<RoutingContext> requestHandler(Vertx vertx) {
        return context -> {
            HttpConnection connection = context.request().connection();
            Watch watch = watches.get(connection);
            if (watch != null) {
                watch.stop(vertx);
            }
            // a quiet kept-alive connection is closed by the idle timeout; this catches one that trickles
            context.addEndHandler(ended -> awaitRequest(vertx, connection, idleTimeout.plus(headerTimeout)));
            HttpServerRequest request = context.request();
            if (request.headers().contains(HttpHeaders.CONTENT_LENGTH)
                    && request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
                refuseAmbiguousFraming(context);
                return;
            }
            context.next();
        };
    }

    /**
     * RFC 9112 section 6.3: a request with both headers may be smuggling a second one; it is
     * answered 400 and its connection closed, as the body's end cannot be trusted.
     */
    private static void refuseAmbiguousFraming(RoutingContext context) {
        LOG.info("Answering 400: {} {} carries both Content-Length and Transfer-Encoding", context.request().method(),
                context.request().path());
        context.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end("{\"error\":\"a request must not carry both Content-Length and Transfer-Encoding\"}");
        // on the event loop, after the answer is queued: the unread body must never be read as a request
        context.request().connection().close();
    }

    /** Closes the connection unless a request head completes within the timeout; nothing once it is closed. */
    private void awaitRequest(Vertx vertx, HttpConnection connection, Duration timeout) {
        Watch watch = watches.get(connection);
        if (watch == null) {
            return;
        }
        watch.stop(vertx);
        watch.timer = vertx.setTimer(timeout.toMillis(), fired -> {
            if (watch.timer == fired && watches.get(connection) == watch) {
                closedByHeaderTimeout.increment();
                LOG.debug("Closing an API connection from {}: no complete request head within {} ms",
                        connection.remoteAddress(), timeout.toMillis());
                connection.close();
            }
        });
    }

    /** @return connections open now */
    public int open() {
        return open.get();
    }

    /** @return connections closed at once since start because {@code api.max-connections} were open */
    public long refusedByLimit() {
        return refusedByLimit.sum();
    }

    /** @return connections closed since start for not completing a request head in time */
    public long closedByHeaderTimeout() {
        return closedByHeaderTimeout.sum();
    }

    private static long positive(Function<String, String> property, String key, long fallback) {
        String text = ApiTlsSettings.blankToNull(property.apply(key));
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= 1 && value <= Integer.MAX_VALUE) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new IllegalArgumentException(key + " must be a whole number from 1 to " + Integer.MAX_VALUE + ", got '"
                + text + "'");
    }

    /** An open connection's header timer, if one runs. */
    private static final class Watch {

        private static final long NONE = -1;

        private volatile long timer = NONE;

        void stop(Vertx vertx) {
            long running = timer;
            timer = NONE;
            if (running != NONE) {
                vertx.cancelTimer(running);
            }
        }
    }
}
