package io.ptpproxy.ingest;

import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restricts the socket file as soon as the ingest route has bound it: the route's consumer creates
 * the file with the process umask, so the mode is set right after the route starts. Tells the
 * {@link EventSocket} when the route listens.
 */
public final class SocketPermissionsPolicy extends RoutePolicySupport {

    private static final Logger LOG = LoggerFactory.getLogger(SocketPermissionsPolicy.class);

    private final EventSocket socket;

    public SocketPermissionsPolicy(EventSocket socket) {
        this.socket = socket;
    }

    @Override
    public void onStart(Route route) {
        socket.restrictPermissions();
        socket.listening(true);
        LOG.info("Listening for linuxptp lines on {}", socket.path());
    }

    @Override
    public void onStop(Route route) {
        socket.listening(false);
    }
}
