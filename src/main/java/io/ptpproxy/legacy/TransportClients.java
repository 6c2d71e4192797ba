package io.ptpproxy.legacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.ptpproxy.storage.DurableFile;
import io.ptpproxy.subscription.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer sidecars registered with this publisher over the v1 transport, persisted one
 * {@code <clientID>.json} (upstream's Subscriber record) per sidecar in the {@code transport}
 * directory of the store, so a restarted publisher keeps sending to them without waiting for them
 * to register again. A second registration of a client adds its new subscriptions.
 */
public final class TransportClients {

    private static final Logger LOG = LoggerFactory.getLogger(TransportClients.class);
    private static final String DIRECTORY = "transport";

    private final Path directory;
    private final Map<String, Registration> clients = new LinkedHashMap<>();

    private TransportClients(Path directory) {
        this.directory = directory;
    }

    /**
     * @param storeDirectory the store directory; registrations live in its {@code transport} subdirectory
     * @return the registrations restored from there
     */
    public static TransportClients open(Path storeDirectory) {
        TransportClients registry = new TransportClients(storeDirectory.resolve(DIRECTORY));
        registry.restore();
        return registry;
    }

    /** Adds a client's subscriptions to its registration (creating it), persisting when anything changed. */
    public synchronized void register(Registration registration) {
        Registration known = clients.get(registration.clientId());
        Map<String, V1Subscription> merged = new LinkedHashMap<>();
        if (known != null && known.transportUrl().equals(registration.transportUrl())) {
            known.subscriptions().forEach(s -> merged.put(s.id(), s));
        }
        registration.subscriptions().forEach(s -> merged.putIfAbsent(s.id(), s));
        Registration next = new Registration(registration.clientId(), registration.transportUrl(),
                new ArrayList<>(merged.values()));
        if (next.equals(known)) {
            return;
        }
        write(next);
        clients.put(next.clientId(), next);
        LOG.info("Transport client {} at {} registered for {}", next.clientId(), next.transportUrl(),
                next.subscriptions().stream().map(V1Subscription::resource).distinct().toList());
    }

    /** Forgets a client and its file. */
    public synchronized void remove(String clientId) {
        if (clients.remove(clientId) != null) {
            delete(clientId);
            LOG.info("Transport client {} removed", clientId);
        }
    }

    /** Forgets the client at this transport URL (it was evicted as unreachable). */
    public synchronized void removeByUrl(String transportUrl) {
        clients.values().stream().filter(c -> c.transportUrl().equals(transportUrl)).map(Registration::clientId)
                .toList().forEach(this::remove);
    }

    /** @return true when a registered client has this transport URL */
    public synchronized boolean hasUrl(String transportUrl) {
        return clients.values().stream().anyMatch(c -> c.transportUrl().equals(transportUrl));
    }

    /** @return the registration of a client */
    public synchronized Optional<Registration> find(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    /** @return the clients registered for exactly this resource */
    public synchronized List<Registration> matching(String resource) {
        return clients.values().stream().filter(c -> c.wants(resource)).toList();
    }

    private void restore() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    Registration registration = SubscriberRecord.parse(Files.readAllBytes(file)).registration();
                    clients.put(registration.clientId(), registration);
                } catch (IOException | IllegalArgumentException e) {
                    LOG.warn("Ignoring transport client file {}: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot list " + directory + ": " + e, e);
        }
        if (!clients.isEmpty()) {
            LOG.info("Restored {} transport client(s) from {}", clients.size(), directory);
        }
    }

    private void write(Registration registration) {
        Path target = directory.resolve(registration.clientId() + ".json");
        try {
            Files.createDirectories(directory);
            DurableFile.write(target, SubscriberRecord.render(registration, SubscriberRecord.ACTION_NEW, true));
        } catch (IOException e) {
            throw new StoreException("cannot write transport client file " + target + ": " + e, e);
        }
    }

    private void delete(String clientId) {
        try {
            DurableFile.delete(directory.resolve(clientId + ".json"));
        } catch (IOException e) {
            throw new StoreException("cannot delete transport client file of " + clientId + ": " + e, e);
        }
    }
}
