package io.ptpproxy.linuxptp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.ptpproxy.ptp.ProfileThresholds;
import io.ptpproxy.ptp.PtpConfigFile;
import io.ptpproxy.ptp.PtpConfigSource;
import io.ptpproxy.ptp.Thresholds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The linuxptp daemon's config files on disk, read for {@link io.ptpproxy.ptp.PtpConfigCatalog}
 * (ptp-domain.md §5.2, §5.3): the per-process files the daemon writes into its run directory
 * ({@code ptp4l.N.config}, {@code phc2sys.N.config}, {@code synce4l.N.config}, {@code chronyd.N.config})
 * and the node's profile file.
 *
 * <p>Each {@link #read()} rescans the directory and re-reads only files whose size or modification
 * time changed; a file that cannot be read or parsed is logged at WARN once per change and left out.
 * Calls are serialised ({@code synchronized}); the catalogue reloads from a timer and on the daemon's
 * {@code CMD RESTART}.
 */
public final class PtpConfigFiles implements PtpConfigSource {

    private static final Logger LOG = LoggerFactory.getLogger(PtpConfigFiles.class);

    private static final Pattern CONFIG_FILE_NAME = Pattern.compile("(ptp4l|phc2sys|synce4l|chronyd)\\.[0-9]+\\.config");
    /** The daemon's files are a few KB; anything this big is not one of them. */
    private static final long MAX_FILE_BYTES = 1024 * 1024;

    private final Path configDir;
    private final Path profileFile;

    // guarded by this
    private final Map<String, Cached<PtpConfigFile>> configFiles = new HashMap<>();
    private Cached<Map<String, Thresholds>> profiles;
    private String lastDirProblem;

    /**
     * @param configDir the directory of the daemon's per-process config files ({@code /var/run})
     * @param profileFile the node's PtpConfig profile file; may be null or missing (default thresholds)
     */
    public PtpConfigFiles(Path configDir, Path profileFile) {
        if (configDir == null) {
            throw new IllegalArgumentException("configDir cannot be null");
        }
        this.configDir = configDir;
        this.profileFile = profileFile;
    }

    @Override
    public synchronized Contents read() {
        return new Contents(readConfigFiles(), readProfiles());
    }

    private Map<String, PtpConfigFile> readConfigFiles() {
        Set<String> present = new LinkedHashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(configDir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (CONFIG_FILE_NAME.matcher(name).matches()) {
                    present.add(name);
                }
            }
            dirProblem(null);
        } catch (NoSuchFileException e) {
            dirProblem("does not exist");
        } catch (IOException | RuntimeException e) {
            dirProblem("cannot be listed: " + e);
        }
        for (Iterator<String> cached = configFiles.keySet().iterator(); cached.hasNext(); ) {
            String name = cached.next();
            if (!present.contains(name)) {
                cached.remove();
                LOG.info("PTP config {} removed", name);
            }
        }
        Map<String, PtpConfigFile> configs = new HashMap<>();
        for (String name : present) {
            Cached<PtpConfigFile> file = refresh(configDir.resolve(name), configFiles.get(name), PtpConfigFiles::parseConfig);
            if (file == null) {
                configFiles.remove(name);
                continue;
            }
            configFiles.put(name, file);
            if (file.value != null) {
                configs.put(name, file.value);
            }
        }
        return configs;
    }

    private void dirProblem(String problem) {
        if (problem != null && !problem.equals(lastDirProblem)) {
            LOG.warn("PTP config directory {} {}; no config is known", configDir, problem);
        } else if (problem == null && lastDirProblem != null) {
            LOG.info("PTP config directory {} is readable again", configDir);
        }
        lastDirProblem = problem;
    }

    private Map<String, Thresholds> readProfiles() {
        if (profileFile == null) {
            return Map.of();
        }
        if (!Files.exists(profileFile)) {
            if (profiles != null) {
                LOG.info("PTP profile file {} removed; default thresholds apply", profileFile);
            }
            profiles = null;
            return Map.of();
        }
        profiles = refresh(profileFile, profiles, PtpConfigFiles::parseProfiles);
        return profiles == null || profiles.value == null ? Map.of() : profiles.value;
    }

    /**
     * @return the cached entry when size and modification time are unchanged, else a freshly read
     *         one (whose value is null when the file is unreadable or malformed); null when the file
     *         vanished
     */
    private static <T> Cached<T> refresh(Path path, Cached<T> cached, Reader<T> reader) {
        Stamp stamp;
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return null;
            }
            stamp = new Stamp(attributes.lastModifiedTime(), attributes.size());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot read {}: {}", path, e.toString());
            return null;
        }
        if (cached != null && cached.stamp.equals(stamp)) {
            return cached;
        }
        // failures are cached too, so a broken file is reported once per change, not once per reload
        T value = null;
        if (stamp.size > MAX_FILE_BYTES) {
            LOG.warn("Ignoring {}: {} bytes is too large for a PTP config", path, stamp.size);
        } else {
            try {
                value = reader.read(path, Files.readAllBytes(path));
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException | RuntimeException e) {
                LOG.warn("Ignoring {}: {}", path, e.toString());
            } catch (ProfileThresholds.MalformedException e) {
                LOG.warn("Ignoring {}: {}", path, e.getMessage());
            }
        }
        return new Cached<>(stamp, value);
    }

    private static PtpConfigFile parseConfig(Path path, byte[] content) {
        PtpConfigFile file = PtpConfigFile.parse(new String(content, StandardCharsets.UTF_8));
        LOG.info("PTP config {}: profile {}, interfaces {}", path.getFileName(),
                file.profileName() == null ? "(none)" : file.profileName(), file.interfaces());
        return file;
    }

    private static Map<String, Thresholds> parseProfiles(Path path, byte[] content)
            throws ProfileThresholds.MalformedException {
        Map<String, Thresholds> thresholds = ProfileThresholds.parse(content);
        LOG.info("PTP profiles from {}: {}", path, thresholds);
        return thresholds;
    }

    /** Reads one file's content; a checked failure means "malformed", logged and treated as absent. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(Path path, byte[] content) throws ProfileThresholds.MalformedException;
    }

    private record Stamp(FileTime modified, long size) {
    }

    /** A file as last read; {@code value} is null when it could not be used. */
    private record Cached<T>(Stamp stamp, T value) {
    }
}
