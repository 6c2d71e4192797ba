package io.ptpproxy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ptpproxy.apiauth.BearerTokenGuard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Meters read objects the proxy keeps; Micrometer holds them weakly, so nothing may be made just for it. */
class ProxyMetricsTest {

    @TempDir
    Path work;

    @Test
    void should_count_refused_tokens_after_a_garbage_collection() throws Exception {
        Path tokens = Files.writeString(work.resolve("tokens"), "secret\n");
        BearerTokenGuard guard = new BearerTokenGuard(tokens, Duration.ofSeconds(10), Clock.systemUTC());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProxyMetrics.bindUnauthorized(registry, guard);
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            router.route().handler(guard);
            router.route().handler(context -> context.end("OK"));
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + server.actualPort() + "/api/ocloudNotifications/v2/subscriptions")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, refused.statusCode());
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            // a weakly held method reference made for the meter is collected by now: it would read 0
            assertEquals(1.0, registry.get("ptp_proxy_http_requests_unauthorized").functionCounter().count());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
