package io.ptpproxy.publisher;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ptpproxy.storage.DurableFile;
import io.ptpproxy.subscription.StoreException;
import io.ptpproxy.subscription.StoreJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publishers registered through the API, persisted as upstream does in {@code pub.json} in the
 * store directory: an array of {@code {ResourceAddress, EndpointUri, SubscriptionId, UriLocation}}.
 * <p>
 * As in the subscription store, reads take no lock (an immutable snapshot), writes are serialized,
 * and each write replaces the file atomically (temp file, fsync, rename, directory fsync) before the
 * new snapshot is published. A corrupt {@code pub.json} is moved aside to {@code pub.json.corrupt}
 * and the store starts empty.
 */
public final class PublisherStore {

    private static final Logger LOG = LoggerFactory.getLogger(PublisherStore.class);
    private static final String FILE = "pub.json";

    private final Path directory;
    private final Object writeLock = new Object();
    private volatile List<Publisher> publishers;

    private PublisherStore(Path directory, List<Publisher> publishers) {
        this.directory = directory;
        this.publishers = List.copyOf(publishers);
    }

    /**
     * Opens the store in {@code directory} (created if missing) and restores {@code pub.json}.
     *
     * @throws StoreException if the directory cannot be created or a corrupt file cannot be moved aside
     */
    public static PublisherStore open(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            // left over by a write a crash interrupted (DurableFile's temporary name)
            Files.deleteIfExists(dir.resolve("." + FILE + ".tmp"));
        } catch (IOException e) {
            throw new StoreException("publisher store path " + dir + " is not a writable directory: " + e, e);
        }
        PublisherStore store = new PublisherStore(dir, restore(dir.resolve(FILE)));
        LOG.info("Publisher store {} opened with {} publisher(s)", dir.resolve(FILE), store.all().size());
        return store;
    }

    /** @return every registered publisher, in registration order */
    public List<Publisher> all() {
        return publishers;
    }

    /** @return the publisher with this id, if any */
    public Optional<Publisher> find(String id) {
        return publishers.stream().filter(publisher -> publisher.id().equals(id)).findFirst();
    }

    /** @return the publisher of exactly this address, if any */
    public Optional<Publisher> findByAddress(String resourceAddress) {
        return publishers.stream().filter(publisher -> publisher.resourceAddress().equals(resourceAddress)).findFirst();
    }

    /**
     * Registers a publisher, unless one already publishes to its address.
     *
     * @return the publisher registered for the address: the existing one, or {@code publisher}
     * @throws StoreException if the file cannot be written; the store is then unchanged
     */
    public Publisher register(Publisher publisher) {
        synchronized (writeLock) {
            Optional<Publisher> existing = findByAddress(publisher.resourceAddress());
            if (existing.isPresent()) {
                return existing.get();
            }
            if (find(publisher.id()).isPresent()) {
                throw new IllegalArgumentException("publisher id " + publisher.id() + " already exists");
            }
            List<Publisher> next = new ArrayList<>(publishers);
            next.add(publisher);
            replace(next);
            return publisher;
        }
    }

    /**
     * @return the removed publisher, empty if none has this id
     * @throws StoreException if the file cannot be written; the store is then unchanged
     */
    public Optional<Publisher> remove(String id) {
        synchronized (writeLock) {
            Optional<Publisher> removed = find(id);
            if (removed.isPresent()) {
                replace(publishers.stream().filter(publisher -> !publisher.id().equals(id)).toList());
            }
            return removed;
        }
    }

    /**
     * Removes every publisher and the file.
     *
     * @return the removed publishers
     * @throws StoreException if the file cannot be deleted; the store is then unchanged
     */
    public List<Publisher> removeAll() {
        synchronized (writeLock) {
            List<Publisher> removed = publishers;
            replace(List.of());
            return removed;
        }
    }

    private void replace(List<Publisher> next) {
        Path target = directory.resolve(FILE);
        try {
            if (next.isEmpty()) {
                DurableFile.delete(target);
            } else {
                DurableFile.write(target, render(next));
            }
        } catch (IOException e) {
            throw new StoreException("cannot write publisher file " + target + ": " + e, e);
        }
        publishers = List.copyOf(next);
    }

    private static byte[] render(List<Publisher> publishers) throws IOException {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Publisher publisher : publishers) {
            array.addObject()
                    .put("ResourceAddress", publisher.resourceAddress())
                    .put("EndpointUri", publisher.endpointUri())
                    .put("SubscriptionId", publisher.id())
                    .put("UriLocation", publisher.uriLocation());
        }
        return StoreJson.write(array);
    }

    private static List<Publisher> restore(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return read(file);
        } catch (IOException | RuntimeException e) {
            setAside(file, e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""));
            return List.of();
        }
    }

    private static List<Publisher> read(Path file) throws IOException {
        JsonNode root = StoreJson.read(Files.readAllBytes(file));
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("not a JSON array");
        }
        List<Publisher> publishers = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (JsonNode item : root) {
            Publisher publisher = new Publisher(text(item, "SubscriptionId"), text(item, "ResourceAddress"),
                    text(item, "EndpointUri"), text(item, "UriLocation"));
            if (!ids.add(publisher.id()) || !addresses.add(publisher.resourceAddress())) {
                throw new IllegalArgumentException("publisher " + publisher.id() + " or its address is listed twice");
            }
            publishers.add(publisher);
        }
        return publishers;
    }

    private static String text(JsonNode item, String key) {
        JsonNode value = item.get(key);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("\"" + key + "\" is missing or not a string");
        }
        return value.textValue();
    }

    /** Keeps a corrupt file for inspection under a name no later write uses. */
    private static void setAside(Path file, String reason) {
        try {
            Path target = DurableFile.setAside(file);
            LOG.warn("Publisher file {} is corrupt ({}); moved aside to {}", file, reason, target);
        } catch (IOException e) {
            throw new StoreException("cannot move corrupt publisher file " + file + " aside: " + e, e);
        }
    }

}
