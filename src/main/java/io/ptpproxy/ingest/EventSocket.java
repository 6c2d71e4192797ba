package io.ptpproxy.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UNIX socket file the linuxptp daemon writes to. Before the ingest route binds it, a stale
 * socket left by a crash is removed (anything else at that path is refused, never deleted); once
 * bound, the file is restricted to owner and group ({@code 0660}). It knows whether the ingest
 * route listens on it, for the API's health and for {@link SocketWatch}.
 */
public final class EventSocket {

    private static final Logger LOG = LoggerFactory.getLogger(EventSocket.class);
    private static final int SOCKET_TYPE_BITS = 0170000;
    private static final int SOCKET_TYPE = 0140000;

    private final Path path;
    private volatile boolean listening;

    public EventSocket(Path path) {
        this.path = path.toAbsolutePath();
    }

    /** @return the socket path */
    public Path path() {
        return path;
    }

    /**
     * Creates the parent directory and removes a stale socket file.
     *
     * @throws IllegalStateException when the path holds something other than a socket
     */
    public void prepare() {
        try {
            Files.createDirectories(path.getParent());
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            if (!isSocket()) {
                throw new IllegalStateException("Socket path " + path
                        + " exists and is not a socket; refusing to replace it");
            }
            Files.delete(path);
            LOG.info("Removed stale socket {}", path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare socket path " + path + ": " + e.getMessage(), e);
        }
    }

    /** Restricts the bound socket file to mode 0660. */
    public void restrictPermissions() {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot set permissions of socket " + path, e);
        }
    }

    /** Records whether the ingest route is listening on the socket (set by {@link SocketPermissionsPolicy}). */
    public void listening(boolean now) {
        listening = now;
    }

    /** @return whether the ingest route listens and the path holds a socket: the daemon can connect */
    public boolean bound() {
        try {
            return listening && Files.exists(path, LinkOption.NOFOLLOW_LINKS) && isSocket();
        } catch (IOException | UnsupportedOperationException gone) {
            return false;
        }
    }

    /** @return whether the ingest route listens but nothing is at the path any more (someone deleted it) */
    public boolean deletedWhileListening() {
        return listening && !Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    private boolean isSocket() throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & SOCKET_TYPE_BITS) == SOCKET_TYPE;
    }
}
