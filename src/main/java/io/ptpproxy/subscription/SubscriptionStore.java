package io.ptpproxy.subscription;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ptpproxy.event.PublishedEvent;
import io.ptpproxy.storage.DurableFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one source of truth for v2 subscriptions: an in-memory index backed by one JSON file per client
 * (distinct EndpointUri) named {@code <clientID>.json}, in the upstream layout, so subscriptions survive
 * a restart.
 * <p>
 * Reads ({@link #recipients}, {@link #matching}, {@link #all}, {@link #find}, {@link #findCovering})
 * take no lock: they read an immutable snapshot that every write replaces. What each subscription's
 * ResourceAddress covers ({@link Coverage}: parents, node tokens, an instance) is resolved once, when
 * it is added or restored, and the snapshot keeps each publisher address's recipients resolved. Writes are serialized; each one changes the
 * file first (atomically: temp file, fsync, rename, directory fsync) and publishes the new snapshot
 * only when that succeeded, so the files and the index never disagree. A subscription being created
 * first holds a place ({@link #reserve}) so that nothing is sent to its endpoint for a create the
 * store would refuse.
 */
public final class SubscriptionStore {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionStore.class);

    private static final Pattern CLIENT_FILE = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\.json");
    private static final String JSON_SUFFIX = ".json";
    private static final String TEMP_SUFFIX = ".json.tmp";
    private static final int STATUS_ACTIVE = 1;
    private static final int ACTION_NEW = 0;


    private final Path directory;
    private final int maxSubscriptions;
    private final LongAdder refusedByLimit = new LongAdder();
    private final Object writeLock = new Object();
    private final Function<String, Coverage> coverageOf;
    private volatile Index index;
    /** Subscriptions being created, by id; guarded by writeLock. */
    private final Map<String, Reservation> reserved = new HashMap<>();

    private SubscriptionStore(Path directory, int maxSubscriptions, Function<String, Coverage> coverageOf) {
        this.directory = directory;
        this.maxSubscriptions = maxSubscriptions;
        this.coverageOf = coverageOf;
        this.index = Index.of(List.of(), coverageOf, null);
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
        if (maxSubscriptions < 1) {
            throw new StoreException("store.max-subscriptions must be at least 1, got " + maxSubscriptions);
        }
        Path dir = directory.toAbsolutePath().normalize();
        requireWritableDirectory(dir);
        SubscriptionStore store = new SubscriptionStore(dir, maxSubscriptions, coverageOf);
        store.index = Index.of(store.restore(), coverageOf, null);
        LOG.info("Subscription store {} opened with {} subscription(s)", dir, store.size());
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
        return Optional.ofNullable(index.byId().get(id));
    }

    /** Returns the subscription with exactly this ResourceAddress and EndpointUri, if any. */
    public Optional<Subscription> findDuplicate(String resourceAddress, String endpointUri) {
        return matching(resourceAddress).stream()
                .filter(subscription -> subscription.endpointUri().equals(endpointUri))
                .findFirst();
    }

    /**
     * Returns the subscriptions whose ResourceAddress equals {@code resourceAddress} exactly; called
     * once per event, so it only looks up the current snapshot.
     *
     * @return an immutable list, empty when nobody subscribed to this address
     */
    public List<Subscription> matching(String resourceAddress) {
        return index.byAddress().getOrDefault(resourceAddress, List.of());
    }

    /**
     * Returns one subscription per subscriber endpoint (by {@link EndpointKey}) among those covering
     * the event's address, and its instance when they are limited to one; called once per event, so
     * it only looks up the snapshot, where each address's recipients are resolved in advance.
     *
     * @return an immutable list, empty when nobody subscribed to what the event is about
     */
    public List<Subscription> recipients(PublishedEvent event) {
        Recipients recipients = index.byLeaf().get(event.address());
        return recipients == null ? List.of() : recipients.of(event.instances());
    }

    /**
     * Returns the subscription of the same endpoint that already gets every event a subscription to
     * {@code resourceAddress} would: for an address in O-RAN's grammar one whose coverage includes it
     * (with the endpoint normalised by {@link EndpointKey}); for an exact address one with the same
     * ResourceAddress and EndpointUri, as upstream.
     */
    public Optional<Subscription> findCovering(String resourceAddress, String endpointUri) {
        Coverage wanted = coverageOf.apply(resourceAddress);
        if (wanted.exact()) {
            return findDuplicate(resourceAddress, endpointUri);
        }
        String endpoint = EndpointKey.of(endpointUri);
        Index current = index;
        return current.all().stream()
                .filter(subscription -> current.endpoints().get(subscription.id()).equals(endpoint))
                .filter(subscription -> current.coverage().get(subscription.id()).covers(wanted))
                .findFirst();
    }

    /** Returns whether some subscription, of any endpoint, gets every event of {@code resourceAddress}. */
    public boolean isCovered(String resourceAddress) {
        Coverage wanted = coverageOf.apply(resourceAddress);
        Index current = index;
        return !matching(resourceAddress).isEmpty()
                || current.coverage().values().stream().anyMatch(coverage -> coverage.covers(wanted));
    }

    /** @return true when some subscription posts to this endpoint; a lookup in the current snapshot */
    public boolean hasEndpoint(String endpointUri) {
        return index.endpointUris().contains(endpointUri);
    }

    /** Returns the number of subscriptions. */
    public int size() {
        return index.all().size();
    }

    /** @return the subscriptions refused since start because the store was full */
    public long refusedByLimit() {
        return refusedByLimit.sum();
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
            Optional<Subscription> existing = findCovering(subscription.resourceAddress(), subscription.endpointUri())
                    .or(() -> reserved.values().stream().map(Reservation::subscription)
                            .filter(other -> other.resourceAddress().equals(subscription.resourceAddress())
                                    && other.endpointUri().equals(subscription.endpointUri()))
                            .findFirst());
            if (existing.isPresent()) {
                throw new DuplicateSubscriptionException(existing.get());
            }
            if (size() + reserved.size() >= maxSubscriptions) {
                refusedByLimit.increment();
                throw new SubscriptionLimitException(maxSubscriptions);
            }
            if (find(subscription.id()).isPresent() || reserved.containsKey(subscription.id())) {
                throw new IllegalArgumentException("subscription id " + subscription.id() + " already exists");
            }
            List<Subscription> next = new ArrayList<>(index.all());
            next.add(subscription);
            Reservation reservation = new Reservation(subscription,
                    directory.resolve("." + subscription.id() + TEMP_SUFFIX));
            String clientId = ClientId.of(subscription.endpointUri());
            try {
                Files.write(reservation.probe(), ClientFile.render(clientId, subscription.endpointUri(),
                        ofClient(subscription.endpointUri(), next)));
            } catch (IOException e) {
                deleteQuietly(reservation.probe());
                throw new StoreException("cannot write subscription file " + reservation.probe() + ": " + e, e);
            }
            reserved.put(subscription.id(), reservation);
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
            if (reserved.remove(subscription.id()) != reservation) {
                throw new IllegalStateException("subscription " + subscription.id() + " is not reserved");
            }
            // the probe's space goes to the real file
            deleteQuietly(reservation.probe());
            List<Subscription> next = new ArrayList<>(index.all());
            next.add(subscription);
            persistClient(subscription.endpointUri(), next);
            index = Index.of(next, coverageOf, index);
            return subscription;
        }
    }

    /** Gives a reservation's place back (its endpoint refused the initial notification); idempotent. */
    public void release(Reservation reservation) {
        synchronized (writeLock) {
            reserved.remove(reservation.subscription().id(), reservation);
            deleteQuietly(reservation.probe());
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
            Subscription removed = index.byId().get(id);
            if (removed == null) {
                return false;
            }
            List<Subscription> next = index.all().stream().filter(s -> !s.id().equals(id)).toList();
            persistClient(removed.endpointUri(), next);
            index = Index.of(next, coverageOf, index);
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
            List<Path> files = new ArrayList<>();
            Map<Path, String> endpointOf = new HashMap<>();
            for (String endpointUri : endpointsOf(all)) {
                Path file = directory.resolve(ClientId.of(endpointUri) + JSON_SUFFIX);
                files.add(file);
                endpointOf.put(file, endpointUri);
            }
            try {
                DurableFile.deleteAll(directory, files, file -> gone.add(endpointOf.get(file)));
            } catch (IOException e) {
                throw new StoreException("cannot delete subscription files in " + directory + ": " + e, e);
            } finally {
                List<Subscription> left = all.stream().filter(s -> !gone.contains(s.endpointUri())).toList();
                index = Index.of(left, coverageOf, index);
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
                    .filter(s -> s.endpointUri().equals(endpointUri)).toList();
            if (removed.isEmpty()) {
                return List.of();
            }
            deleteClientFile(ClientId.of(endpointUri));
            index = Index.of(index.all().stream().filter(s -> !s.endpointUri().equals(endpointUri)).toList(), coverageOf,
                    index);
            return removed;
        }
    }

    // --- start-up ---------------------------------------------------------------------------------

    private static void requireWritableDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".probe-", TEMP_SUFFIX));
        } catch (IOException | UnsupportedOperationException e) {
            throw new StoreException("subscription store path " + dir + " is not a writable directory: " + e, e);
        }
    }

    private List<Subscription> restore() {
        List<Subscription> restored = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path file : listDirectory()) {
            String name = file.getFileName().toString();
            boolean regular = Files.isRegularFile(file);
            if (regular && name.startsWith(".") && name.endsWith(TEMP_SUFFIX)) {
                deleteStaleTemp(file);
            } else if (regular && CLIENT_FILE.matcher(name).matches()) {
                restored.addAll(restoreClient(file, ids));
            } else {
                LOG.info("Leaving {} in the subscription store untouched: not a <clientID>.json file", file);
            }
        }
        return restored;
    }

    private List<Path> listDirectory() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new StoreException("cannot list subscription store " + directory + ": " + e, e);
        }
    }

    private List<Subscription> restoreClient(Path file, Set<String> ids) {
        try {
            List<Subscription> subscriptions = ClientFile.read(file);
            for (Subscription subscription : subscriptions) {
                if (ids.contains(subscription.id())) {
                    throw new CorruptFileException("SubscriptionId " + subscription.id() + " is also in another file");
                }
            }
            subscriptions.forEach(subscription -> ids.add(subscription.id()));
            if (subscriptions.isEmpty()) {
                LOG.info("Deleting {}: the client has no subscription", file);
                deleteFile(file);
            }
            return subscriptions;
        } catch (CorruptFileException e) {
            setAside(file, e.getMessage());
            return List.of();
        }
    }

    private static void deleteStaleTemp(Path file) {
        LOG.info("Deleting {}, left over by an interrupted write", file);
        deleteFile(file);
    }

    /** Keeps a corrupt file for inspection under a name that no later write will ever use. */
    private static void setAside(Path file, String reason) {
        try {
            Path target = DurableFile.setAside(file);
            LOG.warn("Subscription file {} is corrupt ({}); moved aside to {}", file, reason, target);
        } catch (IOException e) {
            throw new StoreException("cannot move corrupt subscription file " + file + " aside: " + e, e);
        }
    }

    // --- writes -----------------------------------------------------------------------------------

    private static List<Subscription> ofClient(String endpointUri, List<Subscription> subscriptions) {
        return subscriptions.stream().filter(subscription -> subscription.endpointUri().equals(endpointUri)).toList();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", file, e.toString());
        }
    }

    private void persistClient(String endpointUri, List<Subscription> subscriptions) {
        List<Subscription> ofClient = ofClient(endpointUri, subscriptions);
        String clientId = ClientId.of(endpointUri);
        if (ofClient.isEmpty()) {
            deleteClientFile(clientId);
        } else {
            writeClientFile(clientId, ClientFile.render(clientId, endpointUri, ofClient));
        }
    }

    private void writeClientFile(String clientId, byte[] content) {
        Path target = directory.resolve(clientId + JSON_SUFFIX);
        try {
            DurableFile.write(target, content);
        } catch (IOException e) {
            throw new StoreException("cannot write subscription file " + target + ": " + e, e);
        }
    }

    private void deleteClientFile(String clientId) {
        deleteFile(directory.resolve(clientId + JSON_SUFFIX));
    }

    private static void deleteFile(Path file) {
        try {
            DurableFile.delete(file);
        } catch (IOException e) {
            throw new StoreException("cannot delete subscription file " + file + ": " + e, e);
        }
    }

    private static Set<String> endpointsOf(List<Subscription> subscriptions) {
        Set<String> endpoints = new LinkedHashSet<>();
        subscriptions.forEach(subscription -> endpoints.add(subscription.endpointUri()));
        return endpoints;
    }

    // --- snapshot and file format -----------------------------------------------------------------

    /**
     * An immutable snapshot of all subscriptions, indexed for the lock-free reads: by id, by
     * ResourceAddress as written, by what each covers, and by publisher address with the recipients
     * of its events resolved.
     */
    private record Index(List<Subscription> all, Map<String, Subscription> byId,
                         Map<String, List<Subscription>> byAddress, Map<String, Coverage> coverage,
                         Map<String, String> endpoints, Map<String, Recipients> byLeaf,
                         Set<String> endpointUris) {

        /** @param previous the snapshot this one replaces, whose resolved coverage is reused, or null */
        static Index of(List<Subscription> ordered, Function<String, Coverage> coverageOf, Index previous) {
            Map<String, Subscription> byId = new HashMap<>();
            Map<String, List<Subscription>> grouped = new HashMap<>();
            Map<String, Coverage> coverage = new HashMap<>();
            Map<String, String> endpoints = new HashMap<>();
            Map<String, List<Subscription>> byLeaf = new HashMap<>();
            for (Subscription subscription : ordered) {
                byId.put(subscription.id(), subscription);
                grouped.computeIfAbsent(subscription.resourceAddress(), address -> new ArrayList<>()).add(subscription);
                Coverage known = previous == null ? null : previous.coverage().get(subscription.id());
                Coverage covered = known != null ? known : coverageOf.apply(subscription.resourceAddress());
                coverage.put(subscription.id(), covered);
                endpoints.put(subscription.id(), known != null ? previous.endpoints().get(subscription.id())
                        : EndpointKey.of(subscription.endpointUri()));
                covered.addresses().forEach(address -> byLeaf.computeIfAbsent(address, a -> new ArrayList<>())
                        .add(subscription));
            }
            Map<String, List<Subscription>> byAddress = new HashMap<>();
            grouped.forEach((address, list) -> byAddress.put(address, List.copyOf(list)));
            Map<String, Recipients> recipients = new HashMap<>();
            byLeaf.forEach((address, list) -> recipients.put(address, Recipients.of(list, coverage, endpoints)));
            // HashMap rather than Map.copyOf: lookups with a null key must answer "absent", not throw
            return new Index(List.copyOf(ordered), Collections.unmodifiableMap(byId),
                    Collections.unmodifiableMap(byAddress), Collections.unmodifiableMap(coverage),
                    Collections.unmodifiableMap(endpoints), Collections.unmodifiableMap(recipients),
                    Collections.unmodifiableSet(endpointsOf(ordered)));
        }
    }

    /**
     * Who gets the events of one publisher address: one subscription per endpoint that takes every
     * event, and those limited to an instance (of other endpoints), checked against each event.
     */
    private record Recipients(List<Subscription> always, List<Limited> limited) {

        static Recipients of(List<Subscription> subscriptions, Map<String, Coverage> coverage,
                             Map<String, String> endpoints) {
            Map<String, Subscription> always = new LinkedHashMap<>();
            for (Subscription subscription : subscriptions) {
                if (coverage.get(subscription.id()).instance() == null) {
                    always.putIfAbsent(endpoints.get(subscription.id()), subscription);
                }
            }
            List<Limited> limited = new ArrayList<>();
            for (Subscription subscription : subscriptions) {
                String endpoint = endpoints.get(subscription.id());
                String instance = coverage.get(subscription.id()).instance();
                if (instance != null && !always.containsKey(endpoint)) {
                    limited.add(new Limited(subscription, endpoint, instance));
                }
            }
            return new Recipients(List.copyOf(always.values()), List.copyOf(limited));
        }

        List<Subscription> of(Set<String> instances) {
            if (limited.isEmpty()) {
                return always;
            }
            List<Subscription> recipients = new ArrayList<>(always);
            Set<String> endpoints = new HashSet<>();
            for (Limited candidate : limited) {
                if (instances.contains(candidate.instance()) && endpoints.add(candidate.endpoint())) {
                    recipients.add(candidate.subscription());
                }
            }
            return recipients;
        }
    }

    /** A subscription limited to the events naming one instance. */
    private record Limited(Subscription subscription, String endpoint, String instance) {
    }

    /** Reads and writes one client file in the upstream layout. */
    private static final class ClientFile {

        private ClientFile() {
        }

        static byte[] render(String clientId, String endpointUri, List<Subscription> subscriptions) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("clientID", clientId);
            ObjectNode store = root.putObject("subStore").putObject("store");
            for (Subscription subscription : subscriptions) {
                store.putObject(subscription.id())
                        .put("ResourceAddress", subscription.resourceAddress())
                        .put("EndpointUri", subscription.endpointUri())
                        .put("SubscriptionId", subscription.id())
                        .put("UriLocation", subscription.uriLocation());
            }
            root.put("EndpointUri", endpointUri);
            root.put("status", STATUS_ACTIVE);
            root.put("action", ACTION_NEW);
            try {
                return StoreJson.write(root);
            } catch (IOException e) {
                throw new IllegalStateException("cannot serialize a JSON tree", e);
            }
        }

        /** Returns the subscriptions of a client file, in file order; every inconsistency makes it corrupt. */
        static List<Subscription> read(Path file) throws CorruptFileException {
            JsonNode root = parse(file);
            require(root != null && root.isObject(), "not a JSON object");
            String fileName = file.getFileName().toString();
            String clientId = fileName.substring(0, fileName.length() - JSON_SUFFIX.length());
            String endpointUri = text(root, "EndpointUri");
            require(clientId.equals(text(root, "clientID")), "clientID does not match the file name");
            require(clientId.equals(ClientId.of(endpointUri)), "the file name is not the client ID of EndpointUri");
            optionalInteger(root, "status");
            optionalInteger(root, "action");
            JsonNode store = member(object(root, "subStore"), "store");
            if (store.isNull()) {
                return new ArrayList<>();
            }
            require(store.isObject(), "\"store\" is not an object");
            return subscriptions(store, endpointUri);
        }

        private static List<Subscription> subscriptions(JsonNode store, String endpointUri)
                throws CorruptFileException {
            List<Subscription> subscriptions = new ArrayList<>();
            Set<String> addresses = new HashSet<>();
            for (Map.Entry<String, JsonNode> entry : store.properties()) {
                Subscription subscription = subscription(entry.getKey(), entry.getValue());
                require(subscription.endpointUri().equals(endpointUri),
                        "subscription " + entry.getKey() + " has another EndpointUri than the file");
                require(addresses.add(subscription.resourceAddress()),
                        "two subscriptions to " + subscription.resourceAddress());
                subscriptions.add(subscription);
            }
            return subscriptions;
        }

        private static Subscription subscription(String key, JsonNode node) throws CorruptFileException {
            require(node.isObject(), "subscription " + key + " is not an object");
            Subscription subscription = new Subscription(text(node, "SubscriptionId"), text(node, "ResourceAddress"),
                    text(node, "EndpointUri"), text(node, "UriLocation"));
            require(subscription.id().equals(key), "subscription " + key + " has another SubscriptionId");
            return subscription;
        }

        private static JsonNode parse(Path file) throws CorruptFileException {
            try {
                return StoreJson.read(Files.readAllBytes(file));
            } catch (IOException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                throw new CorruptFileException(message.lines().findFirst().orElse(e.toString()));
            }
        }

        private static JsonNode member(JsonNode node, String key) throws CorruptFileException {
            JsonNode value = node.get(key);
            require(value != null, "\"" + key + "\" is missing");
            return value;
        }

        private static JsonNode object(JsonNode node, String key) throws CorruptFileException {
            JsonNode value = member(node, key);
            require(value.isObject(), "\"" + key + "\" is not an object");
            return value;
        }

        private static String text(JsonNode node, String key) throws CorruptFileException {
            JsonNode value = member(node, key);
            require(value.isTextual(), "\"" + key + "\" is not a string");
            return value.textValue();
        }

        /** {@code status} and {@code action} are not needed here, so only their type is checked. */
        private static void optionalInteger(JsonNode node, String key) throws CorruptFileException {
            JsonNode value = node.get(key);
            require(value == null || value.isIntegralNumber(), "\"" + key + "\" is not an integer");
        }

        private static void require(boolean condition, String reason) throws CorruptFileException {
            if (!condition) {
                throw new CorruptFileException(reason);
            }
        }
    }

    /** A client file that cannot be restored; the message says why. */
    private static final class CorruptFileException extends Exception {

        private static final long serialVersionUID = 1L;

        CorruptFileException(String reason) {
            super(reason, null, false, false);
        }
    }
}
