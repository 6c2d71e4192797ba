package io.ptpproxy.ptp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The linuxptp daemon's interface alias: the port digits at the end of a NIC name become {@code x},
 * so every port of one card shares an alias ({@code ens5f0} → {@code ens5fx}, {@code enP2s2f0np0} →
 * {@code enP2s2fx}, {@code ens1f0.100} → {@code ens1fx.100}, {@code eth0} → {@code ethx}).
 */
public final class InterfaceAlias {

    private static final Pattern PORT_SUFFIX = Pattern.compile("np\\d+$");
    /**
     * Aliases are looked up for every servo line; a node has a few interfaces, but names also come
     * from log lines, so the memo stops growing at this size and later names are derived each time.
     */
    private static final int MAX_MEMO = 256;
    private static final Map<String, String> MEMO = new ConcurrentHashMap<>();

    private InterfaceAlias() {
    }

    /**
     * @param interfaceName a kernel interface name
     * @return its alias, or the name unchanged when it ends in no digit
     */
    public static String of(String interfaceName) {
        String alias = MEMO.get(interfaceName);
        if (alias == null) {
            alias = derive(interfaceName);
            if (MEMO.size() < MAX_MEMO) {
                MEMO.put(interfaceName, alias);
            }
        }
        return alias;
    }

    private static String derive(String interfaceName) {
        int dot = interfaceName.indexOf('.');
        String base = dot < 0 ? interfaceName : interfaceName.substring(0, dot);
        String vlan = dot < 0 ? "" : interfaceName.substring(dot);
        base = PORT_SUFFIX.matcher(base).replaceFirst("");
        int end = base.length();
        while (end > 0 && Character.isDigit(base.charAt(end - 1))) {
            end--;
        }
        if (end == base.length()) {
            return interfaceName;
        }
        return base.substring(0, end) + "x" + vlan;
    }
}
