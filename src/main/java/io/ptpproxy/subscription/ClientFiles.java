package io.ptpproxy.subscription;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.ptpproxy.storage.DurableFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store directory: one {@link ClientFile} per subscriber endpoint, written durably (temp file,
 * fsync, rename, directory fsync, by {@link DurableFile}), restored at start, and the probe file a
 * reservation writes beside them. Every failure is a {@link StoreException} naming the path.
 */
final class ClientFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ClientFiles.class);

    private static final Pattern CLIENT_FILE = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\.json");
    private static final String TEMP_SUFFIX = ".json.tmp";

    private final Path directory;

    private ClientFiles(Path directory) {
        this.directory = directory;
    }

    /**
     * @return the files of {@code directory}, created if missing
     * @throws StoreException if it is not a writable directory
     */
    static ClientFiles in(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.delete(Files.createTempFile(directory, ".probe-", TEMP_SUFFIX));
        } catch (IOException | UnsupportedOperationException e) {
            throw new StoreException("subscription store path " + directory + " is not a writable directory: " + e, e);
        }
        return new ClientFiles(directory);
    }

    /** @return the store directory */
    Path directory() {
        return directory;
    }

    /**
     * Restores the subscriptions of every {@code <clientID>.json} file, by file name, then file order:
     * corrupt files are set aside, empty ones and temp files of an interrupted write deleted, any
     * other file left alone.
     */
    List<Subscription> restore() {
        List<Subscription> restored = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path file : listDirectory()) {
            String name = file.getFileName().toString();
            boolean regular = Files.isRegularFile(file);
            if (regular && name.startsWith(".") && name.endsWith(TEMP_SUFFIX)) {
                LOG.info("Deleting {}, left over by an interrupted write", file);
                deleteFile(file);
            } else if (regular && CLIENT_FILE.matcher(name).matches()) {
                restored.addAll(restoreClient(file, ids));
            } else {
                LOG.info("Leaving {} in the subscription store untouched: not a <clientID>.json file", file);
            }
        }
        return restored;
    }

    /**
     * Writes, not durably, the client file a new subscription will need, beside the store, so that a
     * read-only or full store refuses before anything is sent to the endpoint.
     *
     * @param subscriptions every subscription once the new one is added
     * @return the probe file
     */
    Path writeProbe(Subscription subscription, List<Subscription> subscriptions) {
        Path probe = directory.resolve("." + subscription.id() + TEMP_SUFFIX);
        try {
            Files.write(probe, ClientFile.render(subscription.endpointUri(),
                    ofClient(subscription.endpointUri(), subscriptions)));
        } catch (IOException e) {
            deleteProbe(probe);
            throw new StoreException("cannot write subscription file " + probe + ": " + e, e);
        }
        return probe;
    }

    /** Deletes a probe file; a failure is only logged, the probe being no stored data. */
    void deleteProbe(Path probe) {
        try {
            Files.deleteIfExists(probe);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", probe, e.toString());
        }
    }

    /**
     * Durably writes the client file of {@code endpointUri} with its subscriptions among
     * {@code subscriptions}, or deletes it when there is none.
     */
    void write(String endpointUri, List<Subscription> subscriptions) {
        List<Subscription> ofClient = ofClient(endpointUri, subscriptions);
        if (ofClient.isEmpty()) {
            delete(endpointUri);
            return;
        }
        Path target = directory.resolve(ClientFile.nameOf(endpointUri));
        try {
            DurableFile.write(target, ClientFile.render(endpointUri, ofClient));
        } catch (IOException e) {
            throw new StoreException("cannot write subscription file " + target + ": " + e, e);
        }
    }

    /** Durably deletes the client file of {@code endpointUri}. */
    void delete(String endpointUri) {
        deleteFile(directory.resolve(ClientFile.nameOf(endpointUri)));
    }

    /**
     * Deletes the client files of all these subscriptions' endpoints with one directory fsync.
     *
     * @param deleted told each endpoint whose file is gone, also when a later one fails
     */
    void deleteAll(List<Subscription> subscriptions, Consumer<String> deleted) {
        List<Path> files = new ArrayList<>();
        Map<Path, String> endpointOf = new HashMap<>();
        for (String endpointUri : endpointsOf(subscriptions)) {
            Path file = directory.resolve(ClientFile.nameOf(endpointUri));
            files.add(file);
            endpointOf.put(file, endpointUri);
        }
        try {
            DurableFile.deleteAll(directory, files, file -> deleted.accept(endpointOf.get(file)));
        } catch (IOException e) {
            throw new StoreException("cannot delete subscription files in " + directory + ": " + e, e);
        }
    }

    /** @return the distinct EndpointUris of these subscriptions, in order */
    private static Set<String> endpointsOf(List<Subscription> subscriptions) {
        Set<String> endpoints = new LinkedHashSet<>();
        subscriptions.forEach(subscription -> endpoints.add(subscription.endpointUri()));
        return endpoints;
    }

    private static List<Subscription> ofClient(String endpointUri, List<Subscription> subscriptions) {
        return subscriptions.stream().filter(subscription -> subscription.endpointUri().equals(endpointUri)).toList();
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
                    throw new ClientFile.CorruptFileException(
                            "SubscriptionId " + subscription.id() + " is also in another file");
                }
            }
            subscriptions.forEach(subscription -> ids.add(subscription.id()));
            if (subscriptions.isEmpty()) {
                LOG.info("Deleting {}: the client has no subscription", file);
                deleteFile(file);
            }
            return subscriptions;
        } catch (ClientFile.CorruptFileException e) {
            setAside(file, e.getMessage());
            return List.of();
        }
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

    private static void deleteFile(Path file) {
        try {
            DurableFile.delete(file);
        } catch (IOException e) {
            throw new StoreException("cannot delete subscription file " + file + ": " + e, e);
        }
    }
}
