package io.ptpproxy.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.ptpproxy.fixtures.RunningProxy;
import io.vertx.core.Vertx;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API's server and Camel's management server run on one Vert.x instance, made by the server
 * factory and closed with the proxy: one event-loop group, one acceptor thread and one blocked-thread
 * checker instead of two of each.
 */
class ServersVertxTest {

    private static final String CHECKER = "vertx-blocked-thread-checker";

    @Test
    void both_servers_run_on_one_vertx_whose_threads_end_with_the_proxy(@TempDir Path work) throws Exception {
        Set<Thread> before = vertxThreads();
        Set<Thread> made;
        // no warm-up: it runs on a Vert.x of its own, closed afterwards
        try (RunningProxy proxy = RunningProxy.start(work, Map.of("startup.warm-up-changes", "0"))) {
            Vertx shared = proxy.bean(ApiServerFactory.SHARED_VERTX, Vertx.class);
            int managementPort = URI.create(proxy.management()).getPort();
            assertSame(shared, router(proxy, proxy.apiPort()).vertx());
            assertSame(shared, router(proxy, managementPort).vertx());
            HttpResponse<String> health = proxy.send("GET", proxy.management() + "/health", null);
            assertEquals(200, health.statusCode());
            assertEquals(200, proxy.send("GET", proxy.v2() + "/health", null).statusCode());

            made = vertxThreads();
            made.removeAll(before);
            assertEquals(List.of(CHECKER), made.stream().map(Thread::getName).filter(CHECKER::equals).toList(),
                    "the proxy's Vert.x threads: " + made);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (made.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(made.stream().noneMatch(Thread::isAlive), "still running after the proxy stopped: "
                + made.stream().filter(Thread::isAlive).toList());
    }

    private static VertxPlatformHttpRouter router(RunningProxy proxy, int port) {
        return VertxPlatformHttpRouter.lookup(proxy.context(), VertxPlatformHttpRouter.getRouterNameFromPort(port));
    }

    private static Set<Thread> vertxThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("vert") && thread.isAlive())
                .collect(Collectors.toSet());
    }
}
