package io.ptpproxy.delivery;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Posts events with a Vert.x HTTP client, asynchronously: the calling thread returns once the
 * request is handed to an event loop, and the result completes on that event loop when the
 * subscriber answered (its body read, so the connection is reused) or the attempt failed. Every POST
 * first asks the {@link DestinationCheck} (the endpoint policy): a refused destination is not
 * contacted and ends as an unreachable attempt (so it counts towards eviction); an allowed name is
 * connected to exactly the address checked, while the URL's host still goes in the Host header, TLS
 * SNI and the certificate check (DNS rebinding). Redirects are never followed: one could lead past
 * the policy.
 *
 * <p>Deliberately not a Camel producer per POST: a profile of the fan-out showed the per-request
 * exchange, its event notifications and the hop to a worker thread for the response costing more
 * than the HTTP request itself (docs/decisions.md, "Delivery with the Vert.x client").
 */
public final class VertxEventPoster implements EventPoster {

    /** Connections kept per subscriber host:port; each outbox has at most one request in flight. */
    private static final int CONNECTIONS_PER_HOST = 32;

    private final Supplier<Vertx> vertxSource;
    private final HttpClientOptions clientOptions;
    private final DestinationCheck destinations;
    private final Duration timeout;
    private volatile Delivery delivery;
    private CompletableFuture<Delivery> starting;

    /**
     * @param vertxSource the Vert.x instance to run on, asked on first use (after start-up)
     * @param clientOptions the client's TLS trust and host verification (keep-alive and pool are set here)
     * @param destinations asked before every POST where it may go
     * @param timeout how long a subscriber may take to connect, and then to send anything back
     */
    public VertxEventPoster(Supplier<Vertx> vertxSource, HttpClientOptions clientOptions, DestinationCheck destinations,
                            Duration timeout) {
        this.vertxSource = vertxSource;
        this.clientOptions = new HttpClientOptions(clientOptions).setKeepAlive(true).setTryUseCompression(false);
        this.destinations = destinations;
        this.timeout = timeout;
    }

    @Override
    public CompletionStage<PostResult> post(String endpointUri, byte[] json) {
        return postWithHeaders(endpointUri, json, Map.of("Content-Type", "application/json"));
    }

    /**
     * Posts a body with the given HTTP headers (e.g. a binary-mode CloudEvent's {@code ce-*} headers
     * and its Content-Type).
     *
     * @return completes when answered or found unreachable; never exceptionally
     */
    public CompletionStage<PostResult> postWithHeaders(String endpointUri, byte[] body, Map<String, String> headers) {
        return destinations.check(endpointUri).thenCompose(destination -> destination.allowed()
                ? send(endpointUri, destination.address(), body, headers)
                : CompletableFuture.completedFuture(PostResult.unreachable(destination.refusal())));
    }

    private CompletionStage<PostResult> send(String endpointUri, InetAddress pinned, byte[] body,
                                             Map<String, String> headers) {
        CompletableFuture<PostResult> result = new CompletableFuture<>();
        RequestOptions request;
        try {
            request = request(endpointUri, pinned, headers);
        } catch (IllegalArgumentException e) {
            result.complete(PostResult.unreachable("invalid URI: " + e.getMessage()));
            return result;
        }
        Delivery ready = delivery;
        if (ready != null) {
            post(ready, request, body, result);
        } else {
            started().whenComplete((loop, failure) -> {
                if (failure != null) {
                    result.complete(PostResult.unreachable("delivery client not started"));
                } else {
                    post(loop, request, body, result);
                }
            });
        }
        return result;
    }

    private void post(Delivery loop, RequestOptions request, byte[] body, CompletableFuture<PostResult> result) {
        // on the client's own event loop: the response's handlers must be set on the thread that
        // reads it, or a fast answer can end before its body is read and the attempt never completes
        loop.context().runOnContext(ignored -> loop.client().request(request)
                .compose(outgoing -> outgoing.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(read -> response.statusCode()))
                .onComplete(done -> result.complete(done.succeeded()
                        ? PostResult.answered(done.result())
                        : PostResult.unreachable(describe(done.cause())))));
    }

    private RequestOptions request(String endpointUri, InetAddress pinned, Map<String, String> headers) {
        URI uri = URI.create(endpointUri);
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(uri.toString())
                .setFollowRedirects(false)
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis());
        if (pinned != null) {
            // connect to the checked address; host, Host header, SNI and name check stay the URL's
            request.setServer(SocketAddress.inetSocketAddress(request.getPort(), pinned.getHostAddress()));
        }
        headers.forEach(request::putHeader);
        return request;
    }

    /**
     * The delivery loop, deployed on first use. A verticle, because its context is an event-loop
     * context whichever thread deploys it: the first POST often comes from an API handler on a Vert.x
     * worker thread (a subscription's initial notification), where {@code getOrCreateContext()} would
     * return that worker's context. Not waited for: the caller may be on the very event loop that
     * starts it.
     */
    private synchronized CompletableFuture<Delivery> started() {
        if (starting == null) {
            CompletableFuture<Delivery> started = new CompletableFuture<>();
            vertxSource.get().deployVerticle(new DeliveryLoop(started))
                    .onFailure(started::completeExceptionally);
            starting = started;
        }
        return starting;
    }

    /** The event loop every POST runs on, and the client it uses. */
    private record Delivery(Context context, HttpClient client) {
    }

    /** Creates the client on its own event-loop context and hands both to the poster. */
    private final class DeliveryLoop extends AbstractVerticle {

        private final CompletableFuture<Delivery> started;

        DeliveryLoop(CompletableFuture<Delivery> started) {
            this.started = started;
        }

        @Override
        public void start() {
            Delivery ready = new Delivery(context, vertx.createHttpClient(clientOptions,
                    new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_HOST)));
            delivery = ready;
            started.complete(ready);
        }
    }

    /**
     * The failure in the proxy's own words: it is answered to API clients (v1 endpoint check, publisher
     * registration), so it never names a library's class (Netty's {@code AnnotatedConnectException}).
     */
    private String describe(Throwable failure) {
        if (failure instanceof ConnectException) {
            return isTimeout(failure) ? "connect timed out" : "connection refused";
        }
        if (failure instanceof UnknownHostException) {
            return "unknown host";
        }
        if (failure instanceof SSLException) {
            return "TLS handshake failed";
        }
        if (failure instanceof HttpClosedException) {
            return "connection closed before an answer";
        }
        if (isTimeout(failure)) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        return "connection failed";
    }

    private static boolean isTimeout(Throwable failure) {
        String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
        return failure instanceof TimeoutException || message.contains("timed out") || message.contains("timeout");
    }
}
