package io.ptpproxy.security;

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
final class CredentialFiles {

    /** What the files held when read, and a digest of all of it. */
    record Snapshot(List<byte[]> contents, byte[] digest) {
    }

    private final List<Path> paths;
    private byte[] accepted = new byte[0];

    CredentialFiles(List<Path> paths) {
        this.paths = List.copyOf(paths);
    }

    /**
     * @return the files' contents now
     * @throws IOException when one cannot be read (e.g. in the middle of a replacement)
     */
    Snapshot read() throws IOException {
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
    boolean isNew(Snapshot snapshot) {
        return !MessageDigest.isEqual(snapshot.digest(), accepted);
    }

    /** Remembers a snapshot as handled, so it is not tried again until the files change. */
    void accept(Snapshot snapshot) {
        accepted = Arrays.copyOf(snapshot.digest(), snapshot.digest().length);
    }

    List<Path> paths() {
        return paths;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
