package io.ptpproxy.ingest;

import java.time.Duration;
import java.util.Comparator;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decides which writers may use the event socket: at most {@code maxConnections} at a time, and,
 * when a set of allowed UIDs is configured, only processes running as one of them (the peer's UID
 * as the kernel reports it, {@code SO_PEERCRED}). Refusals are counted by reason.
 * <p>
 * Idle writers cannot lock the linuxptp daemon out: when the limit is reached, a new writer is
 * admitted in place of the longest-idle writer that has not sent a line yet (the daemon sends
 * {@code CMD LIVE_START} as soon as it connects) or has been quiet for {@code idleAtLimit}; that
 * writer is closed and counted. Only when every writer is busy is the new one refused. Writers
 * that send no line at all are closed after the first-line timeout by {@link SocketGate}.
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

    /** Why an admitted writer was closed to make room or free its descriptor, with its metric label. */
    public enum Reclaim {
        /** Closed at the writer limit, to admit a new writer, having sent no line or been idle long. */
        IDLE_AT_LIMIT("idle-at-limit"),
        /** Sent no complete line within {@code socket.first-line-timeout-ms} of connecting. */
        FIRST_LINE_TIMEOUT("first-line-timeout");

        private final String label;

        Reclaim(String label) {
            this.label = label;
        }

        /** @return the {@code reason} label of {@code ptp_proxy_socket_reclaimed_connections_total} */
        public String label() {
            return label;
        }
    }

    /** An admitted connection, as far as admission needs to know it. */
    public interface Writer {
        /** @return {@link System#nanoTime()} of its last read, or of its connect before any */
        long lastActiveNanos();

        /** @return whether it has sent a complete line */
        boolean sentLine();

        /** Closes the connection (its release follows when it has closed). */
        void close();
    }

    private final int maxConnections;
    private final Set<Integer> allowedUids;
    private final long idleAtLimitNanos;
    private final Set<Writer> writers = ConcurrentHashMap.newKeySet();
    private final LongAdder refusedByLimit = new LongAdder();
    private final LongAdder refusedByUid = new LongAdder();
    private final LongAdder reclaimedAtLimit = new LongAdder();
    private final LongAdder reclaimedByTimeout = new LongAdder();

    /**
     * @param maxConnections how many writers may be connected at once (at least 1)
     * @param allowedUids the UIDs allowed to write; empty allows any
     * @param idleAtLimit how long a writer that has sent lines must have been quiet to be closed for a new one
     */
    public SocketAdmission(int maxConnections, Set<Integer> allowedUids, Duration idleAtLimit) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("socket.max-connections must be at least 1, got " + maxConnections);
        }
        this.maxConnections = maxConnections;
        this.allowedUids = Set.copyOf(allowedUids);
        this.idleAtLimitNanos = idleAtLimit.toNanos();
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
     * Admits or refuses a new connection, closing an idle writer to make room when the limit is
     * reached; an admitted one must be {@link #release(Writer) released} when it closes.
     *
     * @param peerUid the writer's UID, empty when it could not be read (refused if UIDs are checked)
     * @param writer the new connection
     * @return the refusal, or null when admitted
     */
    public synchronized Refusal admit(OptionalInt peerUid, Writer writer) {
        if (checksPeerUid() && (peerUid.isEmpty() || !allowedUids.contains(peerUid.getAsInt()))) {
            refusedByUid.increment();
            return Refusal.PEER_UID_NOT_ALLOWED;
        }
        if (writers.size() >= maxConnections) {
            long now = System.nanoTime();
            Writer idlest = writers.stream()
                    .filter(candidate -> !candidate.sentLine() || now - candidate.lastActiveNanos() >= idleAtLimitNanos)
                    .min(Comparator.comparing(SocketAdmission::silentFirst).thenComparingLong(Writer::lastActiveNanos))
                    .orElse(null);
            if (idlest == null) {
                refusedByLimit.increment();
                return Refusal.TOO_MANY_CONNECTIONS;
            }
            writers.remove(idlest);
            reclaimedAtLimit.increment();
            idlest.close();
        }
        writers.add(writer);
        return null;
    }

    /** Frees the place of an admitted connection that closed (nothing if it was closed to make room). */
    public void release(Writer writer) {
        writers.remove(writer);
    }

    /** Counts a writer closed for sending no line in time. */
    public void reclaimedByTimeout() {
        reclaimedByTimeout.increment();
    }

    /** @return the admitted connections open now */
    public int open() {
        return writers.size();
    }

    /** @return the admitted writers closed since start for this reason */
    public long reclaimed(Reclaim reason) {
        return reason == Reclaim.IDLE_AT_LIMIT ? reclaimedAtLimit.sum() : reclaimedByTimeout.sum();
    }

    /** Writers that never sent a line go before those that did, whatever their idle times. */
    private static boolean silentFirst(Writer writer) {
        return writer.sentLine();
    }

    /** @return the connections refused for this reason since start */
    public long refused(Refusal reason) {
        return reason == Refusal.TOO_MANY_CONNECTIONS ? refusedByLimit.sum() : refusedByUid.sum();
    }
}
