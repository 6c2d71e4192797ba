package io.ptpproxy.apiserver;

import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.main.HttpServerConfigurationProperties;
import org.apache.camel.main.MainHttpServerFactory;

/**
 * Creates Camel Main's HTTP servers (Camel Main takes the factory bound in the registry): the REST
 * API's is an {@link ApiHttpServer} on the {@code camel.server.*} host, port, path and body limit,
 * with TLS when {@code api.tls.*} is set ({@link ApiTlsSettings}); the management server (metrics,
 * health) is Camel's own.
 */
public final class ApiServerFactory implements MainHttpServerFactory {

    private final DefaultMainHttpServerFactory camel = new DefaultMainHttpServerFactory();

    @Override
    public Service newHttpServer(CamelContext context, HttpServerConfigurationProperties properties) {
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
        return camel.newHttpManagementServer(context, properties);
    }
}
