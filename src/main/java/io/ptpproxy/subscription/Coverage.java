package io.ptpproxy.subscription;

import java.util.Set;
import java.util.function.Function;

import io.ptpproxy.event.OranAddress;

/**
 * What a subscription's ResourceAddress covers, resolved once when the subscription is created or
 * restored so that delivery only looks addresses up: the publisher addresses of the leaves beneath
 * it, and the one instance it is limited to.
 *
 * @param addresses the publisher addresses whose events the subscription gets
 * @param instance the instance token an event must name, or null for every event of those addresses
 * @param exact true for an address matched as written (OpenShift's exact form, or any address outside
 *     the O-RAN grammar): duplicates are then only the same ResourceAddress and EndpointUri
 */
public record Coverage(Set<String> addresses, String instance, boolean exact) {

    public Coverage {
        addresses = Set.copyOf(addresses);
    }

    /** @return the coverage of an address matched exactly as written */
    public static Coverage exactly(String address) {
        return new Coverage(Set.of(address), null, true);
    }

    /**
     * @param nodeName this node's name
     * @return resolves an address in the O-RAN grammar to its leaves on this node; any other address
     *     (another node's, a mock or registered publisher's) covers itself exactly
     */
    public static Function<String, Coverage> resolver(String nodeName) {
        return address -> OranAddress.parse(address, nodeName)
                .map(parsed -> new Coverage(Set.copyOf(parsed.publisherAddresses(nodeName)), parsed.instance(),
                        parsed.exact()))
                .orElseGet(() -> exactly(address));
    }

    /** @return whether every event this coverage gets, {@code this} gets too */
    public boolean covers(Coverage other) {
        return (instance == null || instance.equals(other.instance)) && addresses.containsAll(other.addresses);
    }
}
