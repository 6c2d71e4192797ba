package io.ptpproxy.storage;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every store of the proxy (v2 and v1 subscriptions, publishers, registered consumer sidecars)
 * changes a file so that a crash at any point leaves either the old or the new content: the new
 * content is written and fsynced under a temporary name, renamed atomically over the file, and the
 * rename made durable by fsyncing the directory.
 */
public final class DurableFile {

    private static final Logger LOG = LoggerFactory.getLogger(DurableFile.class);
    /** Suffix of a file set aside because it could not be read. */
    public static final String CORRUPT_SUFFIX = ".corrupt";

    private DurableFile() {
    }

    /**
     * Replaces the file's content. The temporary file is {@code .<name>.tmp} beside it: the leading
     * dot keeps a half-written one from ever being read as a store file.
     *
     * @throws IOException when the content could not be written; the old content is then intact
     */
    public static void write(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            writeAndSync(temp, content);
            Files.move(temp, file, ATOMIC_MOVE, REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw e;
        }
        syncDirectory(file.toAbsolutePath().getParent());
    }

    /** Deletes the file, if it is there, durably. */
    public static void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
        syncDirectory(file.toAbsolutePath().getParent());
    }

    /**
     * Deletes files of one directory, then fsyncs the directory once: one durable write however many
     * files. The fsync runs even when a deletion fails, so the deletions before it are durable too.
     *
     * @param directory the directory that holds every file
     * @param files the files to delete; missing ones count as deleted
     * @param deleted told of each file once it is gone, in order
     * @throws IOException when a file cannot be deleted; the later ones are then left
     */
    public static void deleteAll(Path directory, List<Path> files, Consumer<Path> deleted) throws IOException {
        try {
            for (Path file : files) {
                Files.deleteIfExists(file);
                deleted.accept(file);
            }
        } finally {
            syncDirectory(directory);
        }
    }

    /**
     * Keeps a file that could not be read for inspection, under {@code <name>.corrupt} (or
     * {@code .corrupt.1}, …), a name no later write uses.
     *
     * @return where it went
     */
    public static Path setAside(Path file) throws IOException {
        String name = file.getFileName().toString();
        for (int attempt = 0; ; attempt++) {
            Path target = file.resolveSibling(name + CORRUPT_SUFFIX + (attempt == 0 ? "" : "." + attempt));
            try {
                Files.move(file, target);
                return target;
            } catch (FileAlreadyExistsException e) {
                // try the next suffix
            }
        }
    }

    private static void writeAndSync(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, CREATE, TRUNCATE_EXISTING, WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Makes a rename or delete durable; the change itself is already done, so a refusal is only logged. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("Cannot fsync directory {} (not supported by this filesystem?): {}", directory, e.toString());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete temp file {}: {}", file, e.toString());
        }
    }
}
