package io.ptpproxy.ptp;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the proxy knows about one linuxptp config ({@code ptp4l.N.config}): the PtpConfig profile it
 * belongs to, that profile's thresholds, and its interfaces in config-file section order (port 1 is
 * the first interface section, port 2 the second, ...).
 *
 * @param name profile name ({@code #profile:} line), or {@link #DEFAULT_NAME} when none is known
 * @param thresholds the profile's thresholds, or the defaults
 * @param interfaces interface names in section order; empty when no config file was found
 * @param masterOnly interfaces configured {@code masterOnly 1} / {@code serverOnly 1}: their ports
 *        start as MASTER, every other listed port as SLAVE (as the daemon assumes)
 */
public record PtpProfile(String name, Thresholds thresholds, List<String> interfaces, Set<String> masterOnly) {

    /** Name of the profile applied to configs that no PtpConfig profile describes. */
    public static final String DEFAULT_NAME = "default";

    public PtpProfile {
        if (name == null) {
            throw new IllegalArgumentException("name cannot be null");
        }
        if (thresholds == null) {
            throw new IllegalArgumentException("thresholds cannot be null");
        }
        interfaces = List.copyOf(interfaces);
        masterOnly = Set.copyOf(masterOnly);
    }

    /** A profile whose ports all start as SLAVE. */
    public PtpProfile(String name, Thresholds thresholds, List<String> interfaces) {
        this(name, thresholds, interfaces, Set.of());
    }

    /** @return the role a listed port has before ptp4l reports any transition */
    public PortRole initialRole(String iface) {
        return masterOnly.contains(iface) ? PortRole.MASTER : PortRole.SLAVE;
    }

    /** @return the default profile with the given interfaces (possibly none) */
    public static PtpProfile defaultProfile(List<String> interfaces) {
        return new PtpProfile(DEFAULT_NAME, Thresholds.DEFAULT, interfaces);
    }

    /** @return true when this is the default profile rather than one read from a PtpConfig */
    public boolean isDefault() {
        return DEFAULT_NAME.equals(name);
    }

    /**
     * @param port 1-based ptp4l port number
     * @return the interface of that port by section order, if the config file lists it
     */
    public Optional<String> interfaceForPort(int port) {
        return port >= 1 && port <= interfaces.size()
                ? Optional.of(interfaces.get(port - 1)) : Optional.empty();
    }
}
