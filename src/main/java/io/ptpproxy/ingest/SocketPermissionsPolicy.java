package io.ptpproxy.ingest;

import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Restricts the socket file as soon as the ingest route has bound it: the route's consumer creates
 * the file with the process umask, so the mode is set right after the route starts.
 */
public final class SocketPermissionsPolicy extends RoutePolicySupport {

    private final EventSocket socket;

    public SocketPermissionsPolicy(EventSocket socket) {
        this.socket = socket;
    }

    @Override
    public void onStart(Route route) {
        socket.restrictPermissions();
    }
}
