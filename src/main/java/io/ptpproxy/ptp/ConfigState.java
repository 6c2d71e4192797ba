package io.ptpproxy.ptp;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything tracked for one linuxptp config ({@code ptp4l.N.config}): port roles, the slave-port
 * servo ({@code master}), the OS clock ({@code CLOCK_REALTIME}), the clock class and a running
 * holdover deadline. Mutated only under the tracker's lock.
 */
final class ConfigState {

    private final String configName;
    /** Roles ptp4l reported; a listed port without one has its profile's initial role. */
    private final TreeMap<Integer, PortRole> roles = new TreeMap<>();
    private final Map<Integer, String> portInterfaces = new TreeMap<>();
    private final ClockRecord master = new ClockRecord();
    private final ClockRecord osClock = new ClockRecord();
    private final ClockRecord boundaryClock = new ClockRecord();
    private boolean boundary;
    private final Map<String, ClockRecord> ts2phcClocks = new TreeMap<>();
    private String masterAlias;
    private Integer clockClass;
    private Instant holdoverDeadline;
    private boolean grandmaster;
    private SyncState lastGmState;
    private final Map<String, Long> dpllPhaseOffsets = new TreeMap<>();
    private final Map<String, GnssReading> gnss = new TreeMap<>();

    private final Map<String, SyncState> synceStates = new TreeMap<>();
    private final Map<String, SynceQuality> synceQualities = new TreeMap<>();

    /** The last SyncE clock quality published for one {@code device/port}: QL and extended QL (255 when off). */
    record SynceQuality(int ql, int extendedQl) {
    }

    /** @return the last SyncE lock state per {@code device/port} */
    Map<String, SyncState> synceStates() {
        return synceStates;
    }

    /** @return the last SyncE clock quality per {@code device/port} */
    Map<String, SynceQuality> synceQualities() {
        return synceQualities;
    }

    /** The last GNSS status published for one interface. */
    record GnssReading(GnssState state, long offset, int fix) {
    }

    ConfigState(String configName) {
        this.configName = configName;
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

    /** @return the T-BC aggregate the daemon reports in {@code T-BC-STATUS} lines */
    ClockRecord boundaryClock() {
        return boundaryClock;
    }

    /** @return true once a {@code T-BC-STATUS} line showed this config is a telecom boundary clock */
    boolean boundary() {
        return boundary;
    }

    void boundary(boolean value) {
        this.boundary = value;
    }

    /**
     * The main clock of the config, whose state is lock-state and counts for the node's sync-state: the
     * T-BC aggregate on a boundary clock, else the slave-port (or grandmaster) servo.
     */
    ClockRecord mainClock() {
        return boundary ? boundaryClock : master;
    }

    /** @return the ts2phc servo of each T-GM interface (raw name) */
    Map<String, ClockRecord> ts2phcClocks() {
        return ts2phcClocks;
    }

    /** @return the raw interface names this config's metric series are about */
    Set<String> interfaces(PtpProfile profile) {
        Set<String> names = new TreeSet<>(profile.interfaces());
        roles.keySet().forEach(port -> interfaceOf(port, profile).ifPresent(names::add));
        names.addAll(ts2phcClocks.keySet());
        names.addAll(dpllPhaseOffsets.keySet());
        names.addAll(gnss.keySet());
        synceStates.keySet().forEach(port -> names.add(port.substring(port.indexOf('/') + 1)));
        synceQualities.keySet().forEach(port -> names.add(port.substring(port.indexOf('/') + 1)));
        return names;
    }

    /**
     * Like the daemon, a port listed in the config file is SLAVE (MASTER when masterOnly) until ptp4l
     * says otherwise. The listing is the profile known now, not when this state was created: a line
     * that arrived while the file was briefly missing must not freeze the config without ports.
     */
    PortRole role(int port, PtpProfile profile) {
        PortRole reported = roles.get(port);
        if (reported != null) {
            return reported;
        }
        return profile.interfaceForPort(port).map(profile::initialRole).orElse(PortRole.UNKNOWN);
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
        // loops, not streams: this runs for every servo line. Listed ports are 1..n, in port order
        // with the reported ones below 1 and above n.
        int listed = profile.interfaces().size();
        Optional<String> below = firstSlave(roles.headMap(1), profile);
        if (below.isPresent()) {
            return below;
        }
        for (int port = 1; port <= listed; port++) {
            if (role(port, profile) == PortRole.SLAVE) {
                return interfaceOf(port, profile);
            }
        }
        return firstSlave(roles.tailMap(listed + 1), profile);
    }

    private Optional<String> firstSlave(Map<Integer, PortRole> reported, PtpProfile profile) {
        for (Map.Entry<Integer, PortRole> port : reported.entrySet()) {
            if (port.getValue() == PortRole.SLAVE) {
                Optional<String> iface = interfaceOf(port.getKey(), profile);
                if (iface.isPresent()) {
                    return iface;
                }
            }
        }
        return Optional.empty();
    }

    /** @return the alias of the slave port last used for events, else of the first known interface */
    Optional<String> alias(PtpProfile profile) {
        if (masterAlias != null) {
            return Optional.of(masterAlias);
        }
        // ports in order: reported ones below 1, the listed ones (1..n), then reported ones above n
        Set<Integer> ports = new TreeSet<>(roles.keySet());
        for (int port = 1; port <= profile.interfaces().size(); port++) {
            ports.add(port);
        }
        return ports.stream()
                .map(port -> interfaceOf(port, profile))
                .flatMap(Optional::stream)
                .findFirst()
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

    /** @return true once ts2phc or T-GM lines showed this config is a grandmaster fed by GNSS */
    boolean grandmaster() {
        return grandmaster;
    }

    void grandmaster(boolean value) {
        this.grandmaster = value;
    }

    /** @return the state of the last {@code T-GM-STATUS} line, or null before the first */
    SyncState lastGmState() {
        return lastGmState;
    }

    void lastGmState(SyncState state) {
        this.lastGmState = state;
    }

    long dpllPhaseOffset(String iface) {
        return dpllPhaseOffsets.getOrDefault(iface, 0L);
    }

    void dpllPhaseOffset(String iface, long offset) {
        dpllPhaseOffsets.put(iface, offset);
    }

    Map<String, GnssReading> gnss() {
        return gnss;
    }

    Instant holdoverDeadline() {
        return holdoverDeadline;
    }

    void holdoverDeadline(Instant deadline) {
        this.holdoverDeadline = deadline;
    }
}
