package io.ptpproxy.legacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ptpproxy.storage.DurableFile;
import io.ptpproxy.subscription.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API v1 subscriptions, kept apart from the v2 store because their rules differ (one
 * subscription per resource, callback optional) and persisted as upstream's v1 sidecar did: the
 * JSON array {@code sub.json} in the store directory, rewritten atomically on every change. A
 * corrupt {@code sub.json} is moved aside to {@code sub.json.corrupt} and the store starts empty.
 */
public final class V1SubscriptionStore {

    /** The file name upstream's v1 sidecar uses. */
    public static final String FILE_NAME = "sub.json";

    private static final Logger LOG = LoggerFactory.getLogger(V1SubscriptionStore.class);
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private volatile List<V1Subscription> subscriptions;

    private V1SubscriptionStore(Path file, List<V1Subscription> subscriptions) {
        this.file = file;
        this.subscriptions = List.copyOf(subscriptions);
    }

    /**
     * @param directory the store directory ({@code --store-path}), which must exist
     * @return the store with the subscriptions of {@code sub.json}, if any
     */
    public static V1SubscriptionStore open(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        V1SubscriptionStore store = new V1SubscriptionStore(file, read(file));
        if (!store.subscriptions.isEmpty()) {
            LOG.info("Restored {} v1 subscription(s) from {}", store.subscriptions.size(), file);
        }
        return store;
    }

    /** @return every subscription, in creation order */
    public List<V1Subscription> all() {
        return subscriptions;
    }

    /** @return the subscription with this id */
    public Optional<V1Subscription> find(String id) {
        return subscriptions.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** @return true when some subscription posts to this endpoint */
    public boolean hasEndpoint(String endpointUri) {
        return subscriptions.stream().anyMatch(s -> endpointUri.equals(s.endpointUri()));
    }

    /** @return the subscriptions whose resource is exactly this address */
    public List<V1Subscription> matching(String address) {
        return subscriptions.stream().filter(s -> s.resource().equals(address)).toList();
    }

    /**
     * Adds a subscription unless one for the same resource exists (v1 de-duplicates by resource
     * only, whatever the endpoint).
     *
     * @return the stored subscription: the new one, or the existing one for that resource
     * @throws StoreException if {@code sub.json} cannot be written; the store is then unchanged
     */
    public synchronized V1Subscription addOrExisting(V1Subscription subscription) {
        Optional<V1Subscription> existing = subscriptions.stream()
                .filter(s -> s.resource().equals(subscription.resource())).findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        List<V1Subscription> next = new ArrayList<>(subscriptions);
        next.add(subscription);
        replace(next);
        return subscription;
    }

    /** @return false when no subscription has this id */
    public synchronized boolean remove(String id) {
        List<V1Subscription> next = subscriptions.stream().filter(s -> !s.id().equals(id)).toList();
        if (next.size() == subscriptions.size()) {
            return false;
        }
        replace(next);
        return true;
    }

    /** Removes every subscription. */
    public synchronized void removeAll() {
        replace(List.of());
    }

    private void replace(List<V1Subscription> next) {
        try {
            DurableFile.write(file, MAPPER.writeValueAsBytes(next));
        } catch (IOException e) {
            throw new StoreException("cannot write v1 subscription file " + file + ": " + e, e);
        }
        subscriptions = List.copyOf(next);
    }

    private static List<V1Subscription> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            byte[] content = Files.readAllBytes(file);
            if (content.length == 0) {
                return List.of();
            }
            List<V1Subscription> read = MAPPER.readValue(content, new TypeReference<List<V1Subscription>>() { });
            if (read == null || read.stream().anyMatch(s -> s == null || s.id() == null || s.resource() == null)) {
                throw new IOException("an entry has no id or resource");
            }
            return read;
        } catch (IOException e) {
            try {
                Path aside = DurableFile.setAside(file);
                LOG.warn("v1 subscription file {} is corrupt ({}); moved aside to {}", file, e.getMessage(), aside);
            } catch (IOException moveFailed) {
                throw new StoreException("cannot move corrupt " + file + " aside: " + moveFailed, moveFailed);
            }
            return List.of();
        }
    }
}
