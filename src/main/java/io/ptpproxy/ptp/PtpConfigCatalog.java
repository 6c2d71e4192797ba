package io.ptpproxy.ptp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the proxy knows about each linuxptp config (ptp-domain.md §5.2, §5.3): the per-process files
 * the daemon writes ({@code ptp4l.N.config}, {@code phc2sys.N.config}, {@code synce4l.N.config},
 * {@code chronyd.N.config}; ptp4l.conf syntax plus a {@code #profile: <name>} comment) give the
 * profile name and the interfaces in port order, and the node's profile file (the PtpConfig
 * profiles as a JSON array) gives each profile's {@code ptpClockThreshold}.
 *
 * <p>{@link #reload()} is meant to be called periodically and re-reads only files that changed; the
 * lookups read an immutable snapshot and are cheap enough to call for every line. Thread-safe.
 */
public final class PtpConfigCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(PtpConfigCatalog.class);

    private static final Pattern CONFIG_FILE_NAME = Pattern.compile("(ptp4l|phc2sys|synce4l|chronyd)\\.[0-9]+\\.config");
    private static final Pattern PROFILE_NAME = Pattern.compile("profile: \\s*([\\w-]+)");
    /** The daemon's files are a few KB; anything this big is not one of them. */
    private static final long MAX_FILE_BYTES = 1024 * 1024;
    private static final PtpProfile NO_CONFIG = PtpProfile.defaultProfile(List.of());
    private static final ParseOutcome UNKNOWN_CONFIG = new ParseOutcome.Rejected(RejectReason.UNKNOWN_CONFIG);

    private final Path configDir;
    private final Path profileFile;
    private final ObjectMapper json = new ObjectMapper();

    // guarded by this (reload only)
    private final Map<String, Cached<ConfigFile>> configFiles = new HashMap<>();
    private Cached<Map<String, Thresholds>> profiles;
    private String lastDirProblem;

    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());

    /**
     * Creates an empty catalog; call {@link #reload()} to read the files.
     *
     * @param configDir the directory of the daemon's per-process config files ({@code /var/run})
     * @param profileFile the node's PtpConfig profile file; may be null or missing (default thresholds)
     */
    public PtpConfigCatalog(Path configDir, Path profileFile) {
        if (configDir == null) {
            throw new IllegalArgumentException("configDir cannot be null");
        }
        this.configDir = configDir;
        this.profileFile = profileFile;
    }

    /**
     * Rescans the config directory and the profile file, re-reading only files whose size or
     * modification time changed, and publishes the result to the lookups. Never throws: an unreadable
     * or malformed file is logged at WARN and treated as absent.
     *
     * @return the configs whose file disappeared since the last reload, with the profile they had
     */
    public synchronized Map<String, PtpProfile> reload() {
        Map<String, ConfigFile> configs = reloadConfigFiles();
        Map<String, Thresholds> thresholds = reloadProfiles();
        Map<String, PtpProfile> byConfig = new HashMap<>();
        configs.forEach((name, file) -> byConfig.put(name, file.profile(thresholds)));
        Map<String, PtpProfile> removed = new HashMap<>(snapshot.byConfig);
        removed.keySet().removeAll(byConfig.keySet());
        snapshot = new Snapshot(Map.copyOf(byConfig), thresholds);
        return removed;
    }

    /**
     * Upstream skips every line of a config the daemon wrote no file for (ptp-domain.md §1.4 step 5).
     * Once the daemon has written any ptp4l config, a line tagged with a ptp4l config it did not write
     * is rejected as {@link RejectReason#UNKNOWN_CONFIG}; process status lines always pass, as
     * upstream, and so do SyncE, chronyd and high-availability lines, which need no ptp4l config. Without
     * any ptp4l config file (plain linuxptp, no daemon) every config gets the default profile. The
     * daemon's {@code CMD RESTART} follows a config change: the files are re-read at once.
     *
     * @param outcome what the parser made of a line
     * @return the outcome, or a rejection when its config is unknown
     */
    /**
     * {@link #admit} for a batch of outcomes, in order.
     *
     * @return one outcome per input, in the same order
     */
    public List<ParseOutcome> admitAll(List<ParseOutcome> outcomes) {
        List<ParseOutcome> admitted = new ArrayList<>(outcomes.size());
        for (ParseOutcome outcome : outcomes) {
            admitted.add(admit(outcome));
        }
        return admitted;
    }

    public ParseOutcome admit(ParseOutcome outcome) {
        if (outcome instanceof ParseOutcome.Accepted accepted && accepted.line() instanceof PtpLine.Restart) {
            // the daemon rewrote its config files before it asked for the restart
            reload();
            return outcome;
        }
        if (!(outcome instanceof ParseOutcome.Accepted accepted) || accepted.line() instanceof PtpLine.ProcessStatus
                || accepted.line() instanceof PtpLine.HaProfileStatus) {
            return outcome;
        }
        String file = fileName(accepted.line().configName());
        Snapshot known = snapshot;
        if (!file.startsWith("ptp4l.") || known.byConfig.containsKey(file) || !known.anyPtp4l) {
            return outcome;
        }
        return UNKNOWN_CONFIG;
    }

    /**
     * @param configName a config tag such as {@code ptp4l.0.config}; {@code ts2phc.N.config} is
     *                   looked up as {@code ptp4l.N.config}
     * @return the profile, thresholds and interfaces of that config; the default profile without
     *         interfaces when no config file describes it; never null
     */
    public PtpProfile profileFor(String configName) {
        PtpProfile profile = snapshot.byConfig.get(fileName(configName));
        return profile == null ? NO_CONFIG : profile;
    }

    /**
     * @param configName a config tag, as for {@link #profileFor(String)}
     * @return true when the daemon wrote a config file for it
     */
    public boolean knows(String configName) {
        return snapshot.byConfig.containsKey(fileName(configName));
    }

    /** @return the profile (thresholds in effect, defaults included) of every config the daemon wrote, by config name */
    public Map<String, PtpProfile> profilesByConfig() {
        return new TreeMap<>(snapshot.byConfig);
    }

    /** @return the thresholds of every profile in the profile file, in file order; empty without one */
    public Map<String, Thresholds> thresholdsByProfile() {
        return snapshot.thresholds;
    }

    private static String fileName(String configName) {
        if (configName == null) {
            return "";
        }
        // the daemon writes no ts2phc file; ts2phc state belongs to the ptp4l config of its profile
        return configName.startsWith("ts2phc.") ? "ptp4l." + configName.substring("ts2phc.".length()) : configName;
    }

    private Map<String, ConfigFile> reloadConfigFiles() {
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
        Map<String, ConfigFile> configs = new HashMap<>();
        for (String name : present) {
            Cached<ConfigFile> file = refresh(configDir.resolve(name), configFiles.get(name), this::parseConfig);
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

    private Map<String, Thresholds> reloadProfiles() {
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
        profiles = refresh(profileFile, profiles, this::parseProfiles);
        return profiles == null || profiles.value == null ? Map.of() : profiles.value;
    }

    /**
     * @return the cached entry when size and modification time are unchanged, else a freshly read
     *         one (whose value is null when the file is unreadable or malformed); null when the file
     *         vanished
     */
    private <T> Cached<T> refresh(Path path, Cached<T> cached, Reader<T> reader) {
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
            } catch (MalformedFileException e) {
                LOG.warn("Ignoring {}: {}", path, e.getMessage());
            }
        }
        return new Cached<>(stamp, value);
    }

    private ConfigFile parseConfig(Path path, byte[] content) {
        ConfigFile file = ConfigFile.parse(new String(content, StandardCharsets.UTF_8));
        LOG.info("PTP config {}: profile {}, interfaces {}", path.getFileName(),
                file.profileName == null ? "(none)" : file.profileName, file.interfaces);
        return file;
    }

    /** The PtpConfig profiles: {@code [{"name": …, "ptpClockThreshold": {…}}, …]}. */
    private Map<String, Thresholds> parseProfiles(Path path, byte[] content) throws MalformedFileException {
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (JacksonException e) {
            throw new MalformedFileException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedFileException(e.toString());
        }
        if (root == null || !root.isArray()) {
            throw new MalformedFileException("not a JSON array of profiles");
        }
        Map<String, Thresholds> thresholds = new LinkedHashMap<>();
        for (JsonNode profile : root) {
            if (!profile.isObject()) {
                throw new MalformedFileException("a profile is not a JSON object");
            }
            JsonNode name = profile.get("name");
            if (name == null || name.isNull()) {
                continue;
            }
            if (!name.isTextual()) {
                throw new MalformedFileException("a profile name is not a string");
            }
            thresholds.put(name.asText(), thresholds(name.asText(), profile.get("ptpClockThreshold")));
        }
        LOG.info("PTP profiles from {}: {}", path, thresholds);
        return Collections.unmodifiableMap(thresholds);
    }

    /** Go semantics: an absent stanza means defaults, an absent field in a present stanza means 0. */
    private static Thresholds thresholds(String profile, JsonNode stanza) throws MalformedFileException {
        if (stanza == null || stanza.isNull()) {
            return Thresholds.DEFAULT;
        }
        if (!stanza.isObject()) {
            throw new MalformedFileException("ptpClockThreshold of " + profile + " is not a JSON object");
        }
        return Thresholds.of(integer(profile, stanza, "holdOverTimeout"),
                integer(profile, stanza, "maxOffsetThreshold"),
                integer(profile, stanza, "minOffsetThreshold"));
    }

    private static long integer(String profile, JsonNode stanza, String field) throws MalformedFileException {
        JsonNode value = stanza.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new MalformedFileException(field + " of " + profile + " is not an integer: " + value);
        }
        return value.longValue();
    }

    /** Reads one file's content; a checked failure means "malformed", logged and treated as absent. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(Path path, byte[] content) throws MalformedFileException;
    }

    private static final class MalformedFileException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedFileException(String message) {
            super(message, null, false, false);
        }
    }

    private record Stamp(FileTime modified, long size) {
    }

    /** A file as last read; {@code value} is null when it could not be used. */
    private record Cached<T>(Stamp stamp, T value) {
    }

    /** @param anyPtp4l whether the daemon wrote any ptp4l config: decided once per reload, not per line */
    private record Snapshot(Map<String, PtpProfile> byConfig, Map<String, Thresholds> thresholds, boolean anyPtp4l) {

        Snapshot(Map<String, PtpProfile> byConfig, Map<String, Thresholds> thresholds) {
            this(byConfig, thresholds, byConfig.keySet().stream().anyMatch(name -> name.startsWith("ptp4l.")));
        }
    }

    /**
     * One daemon config file.
     *
     * @param profileName the {@code #profile:} name, or null when the file has none
     * @param interfaces the interface sections in file order (port 1 first)
     * @param masterOnly the interfaces configured {@code masterOnly 1} or {@code serverOnly 1}
     */
    private record ConfigFile(String profileName, List<String> interfaces, Set<String> masterOnly) {

        static ConfigFile parse(String text) {
            String profileName = null;
            Set<String> interfaces = new LinkedHashSet<>();
            Map<String, Boolean> masterOnly = new HashMap<>();
            String section = "";
            for (String line : text.split("\\R")) {
                // ptp4l.conf: '#' starts a comment anywhere on a line
                int hash = line.indexOf('#');
                if (hash >= 0 && profileName == null) {
                    Matcher profile = PROFILE_NAME.matcher(line).region(hash, line.length());
                    if (profile.find()) {
                        profileName = profile.group(1);
                    }
                }
                String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (content.length() >= 2 && content.startsWith("[") && content.endsWith("]")) {
                    section = content.substring(1, content.length() - 1).strip();
                    if (isInterface(section)) {
                        // ptp4l merges a repeated section into the first; so does port numbering
                        interfaces.add(section);
                    }
                } else {
                    readMasterOnly(content, section, masterOnly);
                }
            }
            boolean globalDefault = masterOnly.getOrDefault("global", false);
            Set<String> masters = new LinkedHashSet<>();
            for (String iface : interfaces) {
                if (masterOnly.getOrDefault(iface, globalDefault)) {
                    masters.add(iface);
                }
            }
            return new ConfigFile(profileName, List.copyOf(interfaces), Set.copyOf(masters));
        }

        /** {@code masterOnly 1} / {@code serverOnly 1} (the newer name) in a section; the last one wins. */
        private static void readMasterOnly(String content, String section, Map<String, Boolean> masterOnly) {
            String[] words = content.split("\\s+");
            if (words.length == 2 && (words[0].equals("masterOnly") || words[0].equals("serverOnly"))) {
                masterOnly.put(section, words[1].equals("1"));
            }
        }

        private static boolean isInterface(String section) {
            return !section.isEmpty() && !section.equals("global")
                    && !section.endsWith(".config") && !section.endsWith(".conf");
        }

        PtpProfile profile(Map<String, Thresholds> thresholds) {
            String name = profileName == null ? PtpProfile.DEFAULT_NAME : profileName;
            Thresholds applied = profileName == null ? Thresholds.DEFAULT
                    : thresholds.getOrDefault(profileName, Thresholds.DEFAULT);
            return new PtpProfile(name, applied, interfaces, masterOnly);
        }
    }
}
