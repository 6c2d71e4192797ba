package io.ptpproxy.ptp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the proxy knows about each linuxptp config (ptp-domain.md §5.2, §5.3): the per-process files
 * the daemon writes ({@code ptp4l.N.config}, {@code phc2sys.N.config}, {@code synce4l.N.config},
 * {@code chronyd.N.config}; ptp4l.conf syntax plus a {@code #profile: <name>} comment) give the
 * profile name and the interfaces in port order, and the node's profile file (the PtpConfig
 * profiles as a JSON array) gives each profile's {@code ptpClockThreshold}. The files are read by a
 * {@link PtpConfigSource} (the {@code linuxptp} adapter); the catalogue decides what they mean.
 *
 * <p>{@link #reload()} is meant to be called periodically (the source re-reads only files that changed);
 * the lookups read an immutable snapshot and are cheap enough to call for every line. Thread-safe.
 */
public final class PtpConfigCatalog {

    private static final PtpProfile NO_CONFIG = PtpProfile.defaultProfile(List.of());
    private static final ParseOutcome UNKNOWN_CONFIG = new ParseOutcome.Rejected(RejectReason.UNKNOWN_CONFIG);

    private final PtpConfigSource source;

    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());

    /**
     * Creates an empty catalog; call {@link #reload()} to read the configs.
     *
     * @param source where the configs come from
     */
    public PtpConfigCatalog(PtpConfigSource source) {
        if (source == null) {
            throw new IllegalArgumentException("source cannot be null");
        }
        this.source = source;
    }

    /**
     * Reads the configs from the source and publishes the result to the lookups. Never throws: the
     * source leaves out (and logs) what it cannot read.
     *
     * @return the configs whose file disappeared since the last reload, with the profile they had
     */
    public synchronized Map<String, PtpProfile> reload() {
        PtpConfigSource.Contents contents = source.read();
        Map<String, PtpConfigFile> configs = contents.configs();
        Map<String, Thresholds> thresholds = contents.thresholds();
        Map<String, PtpProfile> byConfig = new HashMap<>();
        configs.forEach((name, file) -> byConfig.put(name, file.profile(thresholds)));
        Map<String, PtpProfile> removed = new HashMap<>(snapshot.byConfig);
        removed.keySet().removeAll(byConfig.keySet());
        snapshot = new Snapshot(Map.copyOf(byConfig), thresholds);
        return removed;
    }

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

    /** @param anyPtp4l whether the daemon wrote any ptp4l config: decided once per reload, not per line */
    private record Snapshot(Map<String, PtpProfile> byConfig, Map<String, Thresholds> thresholds, boolean anyPtp4l) {

        Snapshot(Map<String, PtpProfile> byConfig, Map<String, Thresholds> thresholds) {
            this(byConfig, thresholds, byConfig.keySet().stream().anyMatch(name -> name.startsWith("ptp4l.")));
        }
    }
}
