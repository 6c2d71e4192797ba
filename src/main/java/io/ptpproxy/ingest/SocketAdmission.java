package io.ptpproxy.ingest;

import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decides which writers may use the event socket: at most {@code maxConnections} at a time, and,
 * when a set of allowed UIDs is configured, only processes running as one of them (the peer's UID
 * as the kernel reports it, {@code SO_PEERCRED}). Refusals are counted by reason.
 */
public final class SocketAdmission {

    /** Why a connection was refused, with its metric label. */
    public enum Refusal {
        /** More writers than {@code socket.max-connections} at once. */
        TOO_MANY_CONNECTIONS("connection-limit"),
        /** The writer's UID is not in {@code socket.allowed-uids}, or could not be read. */
        PEER_UID_NOT_ALLOWED("peer-uid");

        private final String label;

        Refusal(String label) {
            this.label = label;
        }

        /** @return the {@code reason} label of {@code ptp_proxy_socket_refused_connections_total} */
        public String label() {
            return label;
        }
    }

    private final int maxConnections;
    private final Set<Integer> allowedUids;
    private final AtomicInteger open = new AtomicInteger();
    private final LongAdder refusedByLimit = new LongAdder();
    private final LongAdder refusedByUid = new LongAdder();

    /**
     * @param maxConnections how many writers may be connected at once (at least 1)
     * @param allowedUids the UIDs allowed to write; empty allows any
     */
    public SocketAdmission(int maxConnections, Set<Integer> allowedUids) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("socket.max-connections must be at least 1, got " + maxConnections);
        }
        this.maxConnections = maxConnections;
        this.allowedUids = Set.copyOf(allowedUids);
    }

    /**
     * Parses {@code socket.allowed-uids}: comma-separated numbers, blank for any.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static Set<Integer> parseUids(String text) {
        Set<Integer> uids = new TreeSet<>();
        for (String part : text.split(",")) {
            String uid = part.strip();
            if (uid.isEmpty()) {
                continue;
            }
            try {
                int value = Integer.parseInt(uid);
                if (value < 0) {
                    throw new NumberFormatException();
                }
                uids.add(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("socket.allowed-uids must list numeric UIDs, got '" + uid + "'");
            }
        }
        return uids;
    }

    /** @return true when only some UIDs may write, so the peer's UID must be read */
    public boolean checksPeerUid() {
        return !allowedUids.isEmpty();
    }

    /**
     * Admits or refuses a new connection; an admitted one must be {@link #release() released} when it closes.
     *
     * @param peerUid the writer's UID, empty when it could not be read (refused if UIDs are checked)
     * @return the refusal, or null when admitted
     */
    public Refusal admit(OptionalInt peerUid) {
        if (checksPeerUid() && (peerUid.isEmpty() || !allowedUids.contains(peerUid.getAsInt()))) {
            refusedByUid.increment();
            return Refusal.PEER_UID_NOT_ALLOWED;
        }
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            refusedByLimit.increment();
            return Refusal.TOO_MANY_CONNECTIONS;
        }
        return null;
    }

    /** Frees the place of an admitted connection that closed. */
    public void release() {
        open.decrementAndGet();
    }

    /** @return the admitted connections open now */
    public int open() {
        return open.get();
    }

    /** @return the connections refused for this reason since start */
    public long refused(Refusal reason) {
        return reason == Refusal.TOO_MANY_CONNECTIONS ? refusedByLimit.sum() : refusedByUid.sum();
    }
}
