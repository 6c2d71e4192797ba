package io.ptpproxy.subscription;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.ptpproxy.event.PublishedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one source of truth for v2 subscriptions: an in-memory index backed by one JSON file per client
 * (distinct EndpointUri) named {@code <clientID>.json}, in the upstream layout, so subscriptions survive
 * a restart.
 * <p>
 * Reads ({@link #recipients}, {@link #matching}, {@link #all}, {@link #find}, {@link #findCovering})
 * take no lock: they read an immutable snapshot ({@link SubscriptionIndex}) that every write replaces.
 * What each subscription's ResourceAddress covers ({@link Coverage}: parents, node tokens, an instance)
 * is resolved once, when it is added or restored, and the snapshot keeps each publisher address's
 * recipients resolved. Writes are serialized; each one changes the file first (atomically: temp file,
 * fsync, rename, directory fsync, see {@link ClientFiles}) and publishes the new snapshot only when that
 * succeeded, so the files and the index never disagree. A subscription being created first holds a
 * place ({@link #reserve}, see {@link Reservations}) so that nothing is sent to its endpoint for a
 * create the store would refuse.
 */
public final class SubscriptionStore {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionStore.class);

    private final ClientFiles files;
    private final Reservations reservations;
    /** Guards the writes: files, reservations, and replacing the snapshot. */
    private final Object writeLock = new Object();
    private volatile SubscriptionIndex index;

    private SubscriptionStore(ClientFiles files, Reservations reservations, SubscriptionIndex index) {
        this.files = files;
        this.reservations = reservations;
        this.index = index;
    }

    /**
     * Opens the store in {@code directory}, creating it if missing, and restores the subscriptions of
     * every {@code <clientID>.json} file in it. Corrupt client files are renamed to
     * {@code <name>.corrupt} (or {@code .corrupt.1}, …), other files are left alone, and temp files
     * left by an interrupted write are deleted.
     *
     * @param directory the store directory ({@code --store-path})
     * @return the opened store
     * @throws StoreException if the path is not a writable directory or cannot be listed
     */
    public static SubscriptionStore open(Path directory) {
        return open(directory, Integer.MAX_VALUE);
    }

    /**
     * Opens the store as {@link #open(Path)} does, refusing to add subscriptions beyond a limit.
     * Restored subscriptions are all kept, even beyond the limit (stored data is never dropped).
     *
     * @param maxSubscriptions the most subscriptions {@link #add} accepts ({@code store.max-subscriptions})
     * @return the opened store
     */
    public static SubscriptionStore open(Path directory, int maxSubscriptions) {
        return open(directory, maxSubscriptions, Coverage::exactly);
    }

    /**
     * Opens the store as {@link #open(Path, int)} does, resolving what each ResourceAddress covers
     * (parents, node tokens, instances) once, when a subscription is added or restored.
     *
     * @param coverageOf what a ResourceAddress covers, e.g. {@link Coverage#resolver}
     * @return the opened store
     */
    public static SubscriptionStore open(Path directory, int maxSubscriptions, Function<String, Coverage> coverageOf) {
        Reservations reservations = new Reservations(maxSubscriptions);
        ClientFiles files = ClientFiles.in(directory.toAbsolutePath().normalize());
        SubscriptionStore store = new SubscriptionStore(files, reservations,
                SubscriptionIndex.of(files.restore(), coverageOf));
        LOG.info("Subscription store {} opened with {} subscription(s)", files.directory(), store.size());
        if (store.size() > maxSubscriptions) {
            LOG.warn("The store holds {} subscriptions, more than store.max-subscriptions ({}): all are kept, "
                    + "new ones are refused until it is below the limit", store.size(), maxSubscriptions);
        }
        return store;
    }

    /** Returns every subscription, in creation order (restored ones by file name, then file order). */
    public List<Subscription> all() {
        return index.all();
    }

    /** Returns the subscription with this SubscriptionId, if any. */
    public Optional<Subscription> find(String id) {
        return index.find(id);
    }

    /** Returns the subscription with exactly this ResourceAddress and EndpointUri, if any. */
    public Optional<Subscription> findDuplicate(String resourceAddress, String endpointUri) {
        return index.findDuplicate(resourceAddress, endpointUri);
    }

    /**
     * Returns the subscriptions whose ResourceAddress equals {@code resourceAddress} exactly; called
     * once per event, so it only looks up the current snapshot.
     *
     * @return an immutable list, empty when nobody subscribed to this address
     */
    public List<Subscription> matching(String resourceAddress) {
        return index.matching(resourceAddress);
    }

    /**
     * Returns one subscription per subscriber endpoint (by {@link EndpointKey}) among those covering
     * the event's address, and its instance when they are limited to one; called once per event, so
     * it only looks up the snapshot, where each address's recipients are resolved in advance.
     *
     * @return an immutable list, empty when nobody subscribed to what the event is about
     */
    public List<Subscription> recipients(PublishedEvent event) {
        return index.recipients(event);
    }

    /**
     * Returns the subscription of the same endpoint that already gets every event a subscription to
     * {@code resourceAddress} would: for an address in O-RAN's grammar one whose coverage includes it
     * (with the endpoint normalised by {@link EndpointKey}); for an exact address one with the same
     * ResourceAddress and EndpointUri, as upstream.
     */
    public Optional<Subscription> findCovering(String resourceAddress, String endpointUri) {
        return index.findCovering(resourceAddress, endpointUri);
    }

    /** Returns whether some subscription, of any endpoint, gets every event of {@code resourceAddress}. */
    public boolean isCovered(String resourceAddress) {
        return index.isCovered(resourceAddress);
    }

    /** @return true when some subscription posts to this endpoint; a lookup in the current snapshot */
    public boolean hasEndpoint(String endpointUri) {
        return index.hasEndpoint(endpointUri);
    }

    /** Returns the number of subscriptions. */
    public int size() {
        return index.size();
    }

    /** @return the subscriptions refused since start because the store was full */
    public long refusedByLimit() {
        return reservations.refusedByLimit();
    }

    /**
     * Persists, then publishes, a new subscription: {@link #reserve} and {@link #commit} at once.
     *
     * @param subscription the subscription to add
     * @return the subscription
     * @throws DuplicateSubscriptionException if one with the same ResourceAddress and EndpointUri
     *     exists or is being created (checked under the write lock, so of two racing adds exactly one
     *     succeeds)
     * @throws IllegalArgumentException if the SubscriptionId is already taken
     * @throws SubscriptionLimitException if the store already holds {@code maxSubscriptions}
     * @throws StoreException if the client file cannot be written; the store is then unchanged
     */
    public Subscription add(Subscription subscription) {
        return commit(reserve(subscription));
    }

    /**
     * Holds a place for a subscription about to be created, before anything is sent to its endpoint:
     * the place counts against the limit and the duplicate check until {@link #commit} or
     * {@link #release}, and the client file it will need was written once beside the store (not
     * fsynced, then deleted on commit), so a read-only or full store refuses here, not after the
     * initial notification.
     *
     * @param subscription the subscription to create
     * @return the reservation to commit or release
     * @throws DuplicateSubscriptionException if the same ResourceAddress and EndpointUri is stored or reserved
     * @throws IllegalArgumentException if the SubscriptionId is already taken
     * @throws SubscriptionLimitException (counted) if stored and reserved subscriptions fill the store
     * @throws StoreException if the store cannot take the client file; nothing is then held
     */
    public Reservation reserve(Subscription subscription) {
        if (subscription == null) {
            throw new IllegalArgumentException("subscription cannot be null");
        }
        synchronized (writeLock) {
            reservations.admit(subscription, index);
            Reservation reservation = new Reservation(subscription,
                    files.writeProbe(subscription, index.plus(subscription)));
            reservations.hold(reservation);
            return reservation;
        }
    }

    /**
     * Persists, then publishes, a reserved subscription.
     *
     * @return the subscription
     * @throws IllegalStateException if the reservation was committed or released already
     * @throws StoreException if the client file cannot be written; the store is then unchanged and
     *     the reservation released
     */
    public Subscription commit(Reservation reservation) {
        synchronized (writeLock) {
            Subscription subscription = reservation.subscription();
            if (!reservations.take(reservation)) {
                throw new IllegalStateException("subscription " + subscription.id() + " is not reserved");
            }
            // the probe's space goes to the real file
            files.deleteProbe(reservation.probe());
            List<Subscription> next = index.plus(subscription);
            files.write(subscription.endpointUri(), next);
            index = index.with(next);
            return subscription;
        }
    }

    /** Gives a reservation's place back (its endpoint refused the initial notification); idempotent. */
    public void release(Reservation reservation) {
        synchronized (writeLock) {
            reservations.release(reservation);
            files.deleteProbe(reservation.probe());
        }
    }

    /**
     * A place held by {@link #reserve} for a subscription being created.
     *
     * @param subscription the subscription it is for
     * @param probe the client file written beside the store when it was reserved
     */
    public record Reservation(Subscription subscription, Path probe) {
    }

    /**
     * Removes one subscription, rewriting its client's file (or deleting it when the client has no
     * subscription left).
     *
     * @return {@code false} if no subscription has this id
     * @throws StoreException if the client file cannot be written; the store is then unchanged
     */
    public boolean remove(String id) {
        synchronized (writeLock) {
            Optional<Subscription> removed = index.find(id);
            if (removed.isEmpty()) {
                return false;
            }
            List<Subscription> next = index.without(subscription -> subscription.id().equals(id));
            files.write(removed.get().endpointUri(), next);
            index = index.with(next);
            return true;
        }
    }

    /**
     * Removes every subscription and every client file: the files are unlinked, then the directory is
     * fsynced once, so 10,000 clients cost one durable write, not 10,000. A crash before the fsync
     * may bring some back; the request got no answer then, so that is correct.
     *
     * @return the removed subscriptions
     * @throws StoreException if a client file cannot be deleted; the clients removed before it stay
     *     removed, and the store lists exactly the files left
     */
    public List<Subscription> removeAll() {
        synchronized (writeLock) {
            List<Subscription> all = index.all();
            Set<String> gone = new HashSet<>();
            try {
                files.deleteAll(all, gone::add);
            } finally {
                index = index.with(index.without(subscription -> gone.contains(subscription.endpointUri())));
            }
            return all;
        }
    }

    /**
     * Removes every subscription of one subscriber endpoint and its file, e.g. when the subscriber is
     * evicted as unreachable.
     *
     * @param endpointUri the subscriber's EndpointUri
     * @return the removed subscriptions, empty if there were none
     * @throws StoreException if the client file cannot be deleted; the store is then unchanged
     */
    public List<Subscription> removeClient(String endpointUri) {
        synchronized (writeLock) {
            List<Subscription> removed = index.all().stream()
                    .filter(subscription -> subscription.endpointUri().equals(endpointUri)).toList();
            if (removed.isEmpty()) {
                return List.of();
            }
            files.delete(endpointUri);
            index = index.with(index.without(subscription -> subscription.endpointUri().equals(endpointUri)));
            return removed;
        }
    }
}
