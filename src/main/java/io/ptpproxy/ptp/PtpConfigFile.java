package io.ptpproxy.ptp;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One daemon config file (ptp4l.conf syntax plus a {@code #profile: <name>} comment, ptp-domain.md §5.2),
 * as far as the proxy reads it.
 *
 * @param profileName the {@code #profile:} name, or null when the file has none
 * @param interfaces the interface sections in file order (port 1 first)
 * @param masterOnly the interfaces configured {@code masterOnly 1} or {@code serverOnly 1}
 */
public record PtpConfigFile(String profileName, List<String> interfaces, Set<String> masterOnly) {

    private static final Pattern PROFILE_NAME = Pattern.compile("profile: \\s*([\\w-]+)");

    /**
     * @param text the file's content
     * @return what the file says; never null (a file without sections has no interfaces)
     */
    public static PtpConfigFile parse(String text) {
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
        return new PtpConfigFile(profileName, List.copyOf(interfaces), Set.copyOf(masters));
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

    /**
     * @param thresholds the thresholds by profile name
     * @return this config's profile: its named profile's thresholds, or the defaults
     */
    PtpProfile profile(Map<String, Thresholds> thresholds) {
        String name = profileName == null ? PtpProfile.DEFAULT_NAME : profileName;
        Thresholds applied = profileName == null ? Thresholds.DEFAULT
                : thresholds.getOrDefault(profileName, Thresholds.DEFAULT);
        return new PtpProfile(name, applied, interfaces, masterOnly);
    }
}
