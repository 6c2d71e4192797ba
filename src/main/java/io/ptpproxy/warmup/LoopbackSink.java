package io.ptpproxy.warmup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * The warm-up's subscriber: an HTTP server on a loopback port chosen by the system, answering every
 * request 204 once its body is read, and counting them. Lives on the warm-up's own Vert.x instance.
 */
final class LoopbackSink implements AutoCloseable {

    private final HttpServer server;
    private final Object received = new Object();
    private int count;

    private LoopbackSink(HttpServer server) {
        this.server = server;
    }

    /** @return the sink, listening on 127.0.0.1 */
    static LoopbackSink start(Vertx vertx, Duration timeout) throws Exception {
        HttpServer server = vertx.createHttpServer();
        LoopbackSink sink = new LoopbackSink(server);
        server.requestHandler(request -> request.body().onComplete(body -> {
            request.response().setStatusCode(204).end();
            sink.received();
        }));
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return sink;
    }

    /** @return where events are posted to */
    String endpoint() {
        return "http://127.0.0.1:" + server.actualPort() + "/event";
    }

    private void received() {
        synchronized (received) {
            count++;
            received.notifyAll();
        }
    }

    /**
     * Waits until {@code requests} requests have been answered, or the deadline ({@link System#nanoTime})
     * has passed.
     *
     * @return whether they were
     */
    boolean awaitReceived(int requests, long deadline) throws InterruptedException {
        synchronized (received) {
            while (count < requests) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(received, left);
            }
            return true;
        }
    }

    /** Stops listening (the warm-up's Vert.x closes its connections). */
    @Override
    public void close() {
        server.close();
    }
}
