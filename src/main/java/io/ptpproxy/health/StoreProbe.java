package io.ptpproxy.health;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.ptpproxy.subscription.StoreProblem;

/**
 * The subscription store can be read and written: a new subscription or an eviction must be
 * persisted, or it is lost on restart. Each check writes (and deletes) one block, so a read-only and
 * a full store are both reported, as {@code read-only} and {@code full}.
 */
public final class StoreProbe implements Probe {

    /** One block: a store with less room than this cannot take a client file. */
    private static final byte[] PROBE_CONTENT = new byte[4096];

    private final Path directory;

    /** @param directory the store directory */
    public StoreProbe(Path directory) {
        this.directory = directory;
    }

    @Override
    public Finding check() {
        String path = directory.toString();
        if (!Files.isDirectory(directory)) {
            return new Finding(false, Map.of("path", path, "reason", "not a directory"));
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            files.iterator().hasNext();
        } catch (IOException | SecurityException e) {
            return new Finding(false, Map.of("path", path, "reason", "not readable"));
        }
        Path probe = null;
        try {
            // a real write: a read-only mount refuses the file, a full one its first block
            probe = Files.createTempFile(directory, ".probe-", ".json.tmp");
            Files.write(probe, PROBE_CONTENT);
        } catch (IOException | SecurityException e) {
            String reason = e instanceof IOException io ? StoreProblem.of(io).healthReason() : "not writable";
            return new Finding(false, Map.of("path", path, "reason", reason));
        } finally {
            deleteQuietly(probe);
        }
        return new Finding(true, Map.of("path", path));
    }

    private static void deleteQuietly(Path probe) {
        if (probe == null) {
            return;
        }
        try {
            Files.deleteIfExists(probe);
        } catch (IOException e) {
            // the store deletes leftover .json.tmp files at start-up
        }
    }
}
