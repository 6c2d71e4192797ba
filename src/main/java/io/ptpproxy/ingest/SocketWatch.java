package io.ptpproxy.ingest;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.RouteController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the event socket again when its file was deleted while the proxy listened: the daemon
 * could no longer connect, and nothing but a restart used to bring it back. Run on a slow timer
 * ({@code socket.check-ms}); restarting the ingest route binds a new socket (the writers connected to
 * the old one are closed and reconnect). Anything else found at the path is left alone (the socket
 * health check reports it).
 */
public final class SocketWatch {

    private static final Logger LOG = LoggerFactory.getLogger(SocketWatch.class);

    private final EventSocket socket;
    private final CamelContext context;
    private final String routeId;

    /**
     * @param socket the socket file
     * @param context whose route controller restarts the route
     * @param routeId the ingest route that binds the socket
     */
    public SocketWatch(EventSocket socket, CamelContext context, String routeId) {
        this.socket = socket;
        this.context = context;
        this.routeId = routeId;
    }

    /** Binds the socket again if its file is gone; nothing otherwise. */
    public void check() throws Exception {
        if (!socket.deletedWhileListening()) {
            return;
        }
        LOG.warn("Socket file {} was deleted: binding it again (connected writers reconnect)", socket.path());
        RouteController routes = context.getRouteController();
        routes.stopRoute(routeId);
        socket.prepare();
        routes.startRoute(routeId);
    }
}
