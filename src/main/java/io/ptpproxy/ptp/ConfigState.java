package io.ptpproxy.ptp;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything tracked for one linuxptp config ({@code ptp4l.N.config}): port roles, the slave-port
 * servo ({@code master}), the OS clock ({@code CLOCK_REALTIME}), the clock class and a running
 * holdover deadline. Mutated only under the tracker's lock.
 */
final class ConfigState {

    private final String configName;
    private final Map<Integer, PortRole> roles = new TreeMap<>();
    private final Map<Integer, String> portInterfaces = new TreeMap<>();
    private final ClockRecord master = new ClockRecord();
    private final ClockRecord osClock = new ClockRecord();
    private String masterAlias;
    private Integer clockClass;
    private Instant holdoverDeadline;

    ConfigState(String configName, PtpProfile profile) {
        this.configName = configName;
        // Like the daemon, ports listed in the config file start as SLAVE until ptp4l says otherwise.
        for (int port = 1; port <= profile.interfaces().size(); port++) {
            roles.put(port, PortRole.SLAVE);
        }
    }

    String configName() {
        return configName;
    }

    ClockRecord master() {
        return master;
    }

    ClockRecord osClock() {
        return osClock;
    }

    PortRole role(int port) {
        return roles.getOrDefault(port, PortRole.UNKNOWN);
    }

    void role(int port, String printedName, PortRole role) {
        roles.put(port, role);
        if (printedName != null) {
            portInterfaces.put(port, printedName);
        }
    }

    /**
     * The interface of a port: the config file's N-th interface section, as the daemon maps it, or
     * the name ptp4l printed when no config file lists the port.
     */
    Optional<String> interfaceOf(int port, PtpProfile profile) {
        return profile.interfaceForPort(port).or(() -> Optional.ofNullable(portInterfaces.get(port)));
    }

    /** @return the interface of the first port in SLAVE role, if any */
    Optional<String> slaveInterface(PtpProfile profile) {
        return roles.entrySet().stream()
                .filter(e -> e.getValue() == PortRole.SLAVE)
                .map(e -> interfaceOf(e.getKey(), profile))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** @return the alias of the slave port last used for events, else of the first known interface */
    Optional<String> alias(PtpProfile profile) {
        if (masterAlias != null) {
            return Optional.of(masterAlias);
        }
        return roles.keySet().stream()
                .map(port -> interfaceOf(port, profile))
                .flatMap(Optional::stream)
                .findFirst()
                .or(() -> profile.interfaces().stream().findFirst())
                .map(InterfaceAlias::of);
    }

    void masterAlias(String alias) {
        this.masterAlias = alias;
    }

    Integer clockClass() {
        return clockClass;
    }

    void clockClass(int value) {
        this.clockClass = value;
    }

    Instant holdoverDeadline() {
        return holdoverDeadline;
    }

    void holdoverDeadline(Instant deadline) {
        this.holdoverDeadline = deadline;
    }
}
