package io.ptpproxy.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A ResourceAddress in the O-RAN grammar ({@code oran-addressing.md} §1) as a per-node proxy reads
 * it: {@code /{cluster…}/{node}[/{instance}]/{resource-path}}, where the node is this node's name,
 * {@code .} or {@code *}, the tokens before it are any cluster/site hierarchy, and the resource path
 * is a leaf, an intermediate ({@code /sync/ptp-status}, …) or the root {@code /sync}.
 *
 * @param written the address as the client wrote it
 * @param leaves the leaf types the address covers, in the order of {@code oran-addressing.md} §2
 * @param instance the one instance the address is limited to, or null for every instance
 * @param nodePrefix the address up to and including the node token, as written (echoed in answers)
 * @param exact true for OpenShift's exact form {@code /cluster/node/<this node><leaf>}: today's 409
 *     rule (same address and EndpointUri) and a single-object CurrentState
 */
public record OranAddress(String written, List<ResourceType> leaves, String instance, String nodePrefix,
                          boolean exact) {

    /** The order of {@code oran-addressing.md} §2: GNSS, SyncE lock, SyncE QL, clock-class, lock-state, os-clock, sync-state. */
    public static final List<ResourceType> ORDER = List.of(ResourceType.GNSS_SYNC_STATUS,
            ResourceType.SYNCE_LOCK_STATE, ResourceType.SYNCE_CLOCK_QUALITY, ResourceType.CLOCK_CLASS,
            ResourceType.LOCK_STATE, ResourceType.OS_CLOCK_SYNC_STATE, ResourceType.SYNC_STATE);

    private static final String ROOT = "sync";
    private static final Map<String, List<ResourceType>> PATHS = paths();
    private static final Set<String> LEAF_PATHS = leafPaths();

    /**
     * @param address the requested ResourceAddress
     * @param nodeName this node's name
     * @return the address, or empty when it is not in the grammar for this node (another node's
     *     name, an unknown resource path, more than one instance token)
     */
    public static Optional<OranAddress> parse(String address, String nodeName) {
        if (address == null || !address.startsWith("/")) {
            return Optional.empty();
        }
        String[] segments = address.substring(1).split("/", -1);
        int root = Arrays.asList(segments).indexOf(ROOT);
        if (root < 1) {
            return Optional.empty();
        }
        String path = String.join("/", Arrays.copyOfRange(segments, root, segments.length));
        List<ResourceType> leaves = PATHS.get(path);
        if (leaves == null) {
            return Optional.empty();
        }
        int node = nodeIndex(segments, root, nodeName);
        if (node < 0) {
            return Optional.empty();
        }
        List<String> between = new ArrayList<>(Arrays.asList(segments).subList(node + 1, root));
        // StarlingX writes /<cluster>/node/<instance>/…: "node" is hierarchy, not an instance
        if (between.size() == 2 && "node".equals(between.get(0))) {
            between.remove(0);
        }
        if (between.size() > 1 || between.stream().anyMatch(String::isEmpty)) {
            return Optional.empty();
        }
        String instance = between.isEmpty() ? null : between.get(0);
        String nodePrefix = "/" + String.join("/", Arrays.copyOfRange(segments, 0, node + 1));
        boolean exact = instance == null && LEAF_PATHS.contains(path)
                && nodePrefix.equals("/cluster/node/" + nodeName);
        return Optional.of(new OranAddress(address, leaves, instance, nodePrefix, exact));
    }

    /** The token naming this node nearest before the resource path, -1 when there is none. */
    private static int nodeIndex(String[] segments, int root, String nodeName) {
        // the node sits right before the resource path, or one instance token (two for "node/<instance>") earlier
        for (int i = root - 1; i >= Math.max(0, root - 3); i--) {
            String token = segments[i];
            if (token.equals(nodeName) || ".".equals(token) || "*".equals(token)) {
                return i;
            }
        }
        return -1;
    }

    /** @return the publisher addresses of the covered leaves on this node, in §2 order */
    public List<String> publisherAddresses(String nodeName) {
        return leaves.stream().map(type -> type.addressOn(nodeName)).toList();
    }

    /** @return whether the value is about this address's instance (always, without an instance) */
    public boolean concerns(DataValue value) {
        return instance == null || instancesOf(value.resourceAddress()).contains(instance);
    }

    /**
     * The instance tokens a value address names: every segment after {@code /cluster/node/<node>}
     * (interface alias, {@code CLOCK_REALTIME}, SyncE device and port, …).
     *
     * @param values the values of an event
     * @return the tokens, empty when there are none
     */
    public static Set<String> instancesOf(List<DataValue> values) {
        Set<String> instances = new HashSet<>();
        values.forEach(value -> instances.addAll(instancesOf(value.resourceAddress())));
        return Set.copyOf(instances);
    }

    private static List<String> instancesOf(String valueAddress) {
        String[] segments = valueAddress.startsWith("/") ? valueAddress.substring(1).split("/") : valueAddress.split("/");
        int first = segments.length > 3 && "cluster".equals(segments[0]) && "node".equals(segments[1]) ? 3 : 0;
        return Arrays.asList(segments).subList(first, segments.length);
    }

    private static Set<String> leafPaths() {
        Set<String> leaves = new HashSet<>();
        ORDER.forEach(type -> leaves.add(type.suffix().substring(1)));
        leaves.add(ResourceType.LEGACY_CLOCK_CLASS_SUFFIX.substring(1));
        return Set.copyOf(leaves);
    }

    private static Map<String, List<ResourceType>> paths() {
        Map<String, List<ResourceType>> paths = new HashMap<>();
        paths.put(ROOT, ORDER);
        for (ResourceType type : ORDER) {
            paths.put(type.suffix().substring(1), List.of(type));
            String parent = type.suffix().substring(1, type.suffix().lastIndexOf('/'));
            List<ResourceType> beneath = new ArrayList<>(paths.getOrDefault(parent, List.of()));
            beneath.add(type);
            paths.put(parent, List.copyOf(beneath));
        }
        paths.put(ResourceType.LEGACY_CLOCK_CLASS_SUFFIX.substring(1), List.of(ResourceType.CLOCK_CLASS));
        return Map.copyOf(paths);
    }
}
