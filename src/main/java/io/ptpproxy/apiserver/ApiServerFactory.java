package io.ptpproxy.apiserver;

import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.main.HttpServerConfigurationProperties;
import org.apache.camel.main.MainHttpServerFactory;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Creates Camel Main's HTTP servers (Camel Main takes the factory bound in the registry): the REST
 * API's is an {@link ApiHttpServer} on the {@code camel.server.*} host, port, path and body limit,
 * with TLS when {@code api.tls.*} is set ({@link ApiTlsSettings}); the management server (metrics,
 * health) is Camel's own. Both run on one Vert.x instance ({@link #SHARED_VERTX}), which the
 * subscribers' deliveries use too: one event-loop group, one acceptor thread and one blocked-thread
 * checker instead of two of each.
 */
public final class ApiServerFactory implements MainHttpServerFactory {

    /** The registry name of the servers' Vert.x, when this factory made it. */
    public static final String SHARED_VERTX = "serversVertx";

    private final DefaultMainHttpServerFactory camel = new DefaultMainHttpServerFactory();

    @Override
    public Service newHttpServer(CamelContext context, HttpServerConfigurationProperties properties) {
        shareVertx(context);
        ApiTlsSettings tls = ApiTlsSettings.from(key -> context.getPropertiesComponent().resolveProperty(key)
                .orElse(null)).orElse(null);
        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setServerType(VertxPlatformHttpRouter.SERVER_TYPE_SERVER);
        configuration.setHost(properties.getHost());
        configuration.setBindHost(properties.getHost());
        configuration.setPort(properties.getPort());
        configuration.setBindPort(properties.getPort());
        configuration.setPath(properties.getPath());
        configuration.setMaxBodySize(properties.getMaxBodySize());
        ApiHttpServer server = new ApiHttpServer(configuration, tls);
        server.setCamelContext(context);
        return server;
    }

    @Override
    public Service newHttpManagementServer(CamelContext context, HttpManagementServerConfigurationProperties properties) {
        shareVertx(context);
        return camel.newHttpManagementServer(context, properties);
    }

    /**
     * Binds one Vert.x in the registry, where Camel's servers look for one before they make their own,
     * unless one is bound already (Camel K's runtime, or an earlier call); it is closed when Camel stops
     * its services, after the servers (added later, so stopped earlier) have closed their listeners.
     */
    private static void shareVertx(CamelContext context) {
        if (CamelContextHelper.findSingleByType(context, Vertx.class) != null) {
            return;
        }
        Vertx vertx = Vertx.vertx();
        context.getRegistry().bind(SHARED_VERTX, Vertx.class, vertx);
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() throws Exception {
                    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                }
            });
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("Cannot register the closing of the servers' Vert.x", e);
        }
    }
}
