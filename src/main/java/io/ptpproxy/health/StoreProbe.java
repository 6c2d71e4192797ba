package io.ptpproxy.health;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The subscription store can be read and written: a new subscription or an eviction must be
 * persisted, or it is lost on restart.
 */
public final class StoreProbe implements Probe {

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
        if (!Files.isWritable(directory)) {
            return new Finding(false, Map.of("path", path, "reason", "not writable"));
        }
        return new Finding(true, Map.of("path", path));
    }
}
