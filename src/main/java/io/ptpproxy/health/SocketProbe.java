package io.ptpproxy.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * The linuxptp daemon can connect: the socket file exists and is a socket. It vanishes when someone
 * deletes it, and then no line arrives until the proxy binds again ({@code SocketWatch}, within
 * {@code socket.check-ms}).
 */
public final class SocketProbe implements Probe {

    /** The file-type bits of a socket in {@code st_mode}. */
    private static final int SOCKET_TYPE = 0140000;
    private static final int TYPE_MASK = 0170000;

    private final Path socket;

    /** @param socket the path the daemon connects to */
    public SocketProbe(Path socket) {
        this.socket = socket;
    }

    @Override
    public Finding check() {
        try {
            int mode = (Integer) Files.getAttribute(socket, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if ((mode & TYPE_MASK) == SOCKET_TYPE) {
                return new Finding(true, Map.of("path", socket.toString()));
            }
            return new Finding(false, Map.of("path", socket.toString(), "reason", "not a socket"));
        } catch (IOException | UnsupportedOperationException e) {
            // the path is in the details: Camel escapes slashes in the message twice
            return new Finding(false, Map.of("path", socket.toString(), "reason", "not bound"));
        }
    }
}
