package io.ptpproxy.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Files holding credentials (certificate, key, CA, token) that are replaced while the proxy runs, as a
 * mounted Kubernetes Secret or cert-manager renewal replaces them. A change is seen by content, not
 * by modification time (a Secret update swaps a symlink; a copy may keep the time).
 */
public final class CredentialFiles {

    /** What the files held when read, and a digest of all of it. */
    public record Snapshot(List<byte[]> contents, byte[] digest) {
    }

    private final List<Path> paths;
    private byte[] accepted = new byte[0];

    /** @param paths the files, read together and in this order */
    public CredentialFiles(List<Path> paths) {
        this.paths = List.copyOf(paths);
    }

    /**
     * @return the files' contents now
     * @throws IOException when one cannot be read (e.g. in the middle of a replacement)
     */
    public Snapshot read() throws IOException {
        MessageDigest digest = sha256();
        List<byte[]> contents = new ArrayList<>();
        for (Path path : paths) {
            byte[] content = Files.readAllBytes(path);
            contents.add(content);
            digest.update(content);
            digest.update((byte) 0);
        }
        return new Snapshot(contents, digest.digest());
    }

    /** @return whether the snapshot differs from the last one {@link #accept accepted} (or tried) */
    public boolean isNew(Snapshot snapshot) {
        return !MessageDigest.isEqual(snapshot.digest(), accepted);
    }

    /** Remembers a snapshot as handled, so it is not tried again until the files change. */
    public void accept(Snapshot snapshot) {
        accepted = Arrays.copyOf(snapshot.digest(), snapshot.digest().length);
    }

    /** @return the files, as given */
    public List<Path> paths() {
        return paths;
    }

    /** @return a SHA-256 digest, to compare credentials without keeping them */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * @param file a configured credential file
     * @param property the property that names it, for the message
     * @throws IllegalArgumentException naming the property and file when it cannot be read
     */
    public static Path readable(String file, String property) {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException(property + " " + path + " is not a readable file");
        }
        return path;
    }
}
