package io.ptpproxy.callback;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.ptpproxy.delivery.DestinationCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the proxy may send HTTP requests on a client's behalf (subscriber and publisher callbacks,
 * consumer-sidecar transports): the guard against server-side request forgery. A callback must be an
 * http(s) URL; its host must not be a denied name, and no address it resolves to may lie in a denied
 * block; when allow lists are configured, the host must be an allowed name or resolve only into
 * allowed blocks. Deny wins over allow. An IPv6 address that embeds an IPv4 address (compatible,
 * mapped, NAT64, 6to4, Teredo, ISATAP: {@link EmbeddedIpv4}) is judged as both: denied when either
 * lies in a denied block, allowed by the blocks only when both do.
 * <p>
 * Checked when a callback is registered (with a specific refusal for the client) and again before
 * every delivery against the addresses the name resolves to then, the request being pinned to the
 * address checked ({@link DestinationCheck}).
 */
public final class EndpointPolicy implements DestinationCheck {

    /**
     * Denied by default: "this network" (0.0.0.0 reaches the local host), link-local (cloud metadata
     * at 169.254.169.254, fe80::/10), multicast, reserved and broadcast, the unspecified IPv6
     * address, and the metadata addresses outside those blocks (AWS IPv6, Alibaba). Loopback,
     * private and ULA ranges stay allowed: subscribers are pods and Services of the cluster, and
     * a v1 application is on the sidecar's loopback.
     */
    public static final String DEFAULT_DENIED_CIDRS = "0.0.0.0/8,169.254.0.0/16,224.0.0.0/4,240.0.0.0/4,"
            + "::/128,fe80::/10,ff00::/8,fd00:ec2::254/128,100.100.100.200/32";

    private static final Logger LOG = LoggerFactory.getLogger(EndpointPolicy.class);
    /** Refusals logged at WARN once per URI, literal verdicts kept: bounded so a flood of URIs cannot grow them for ever. */
    private static final int LOGGED_LIMIT = 10_000;

    private final List<String> allowedHosts;
    private final List<String> deniedHosts;
    private final List<CidrBlock> allowedBlocks;
    private final List<CidrBlock> deniedBlocks;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private final Map<String, Destination> literalVerdicts = new ConcurrentHashMap<>();
    private final ExecutorService resolver = Executors.newFixedThreadPool(2, task -> {
        Thread thread = new Thread(task, "endpoint-resolver");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param allowedHosts host names allowed (exact, or {@code *.suffix} for any name below it); empty: any
     * @param deniedHosts host names denied, same forms
     * @param allowedBlocks address blocks allowed; empty: any
     * @param deniedBlocks address blocks denied
     */
    public EndpointPolicy(List<String> allowedHosts, List<String> deniedHosts, List<CidrBlock> allowedBlocks,
                          List<CidrBlock> deniedBlocks) {
        this.allowedHosts = allowedHosts.stream().map(EndpointPolicy::normalized).toList();
        this.deniedHosts = deniedHosts.stream().map(EndpointPolicy::normalized).toList();
        this.allowedBlocks = List.copyOf(allowedBlocks);
        this.deniedBlocks = List.copyOf(deniedBlocks);
    }

    /**
     * Reads the four comma lists of the {@code endpoint.*} properties.
     *
     * @throws IllegalArgumentException naming a malformed block
     */
    public static EndpointPolicy of(String allowedHosts, String deniedHosts, String allowedCidrs, String deniedCidrs) {
        return new EndpointPolicy(items(allowedHosts), items(deniedHosts),
                items(allowedCidrs).stream().map(CidrBlock::parse).toList(),
                items(deniedCidrs).stream().map(CidrBlock::parse).toList());
    }

    /**
     * The check at registration: resolves the host (blocking; API handlers run on worker threads).
     *
     * @param uri a callback URI as the client gave it
     * @return why it is refused, or empty when it may be used; an unknown host is not refused here
     *     (the registration's own request to it fails, as upstream answers an unreachable callback)
     */
    public Optional<String> refusal(String uri) {
        Verdict verdict = evaluate(uri);
        return verdict.denied() ? Optional.of(verdict.reason()) : Optional.empty();
    }

    @Override
    public CompletionStage<Destination> check(String endpointUri) {
        Destination known = literalVerdicts.get(endpointUri);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        if (isLiteralHost(endpointUri)) {
            // an IP literal's verdict never changes: kept, so the delivery path does not parse it again
            Destination verdict = destination(endpointUri);
            if (literalVerdicts.size() < LOGGED_LIMIT) {
                literalVerdicts.put(endpointUri, verdict);
            }
            return CompletableFuture.completedFuture(verdict);
        }
        // a name may need DNS, which must not block the caller (a Vert.x event loop)
        return CompletableFuture.supplyAsync(() -> destination(endpointUri), resolver);
    }

    private Destination destination(String endpointUri) {
        Verdict verdict = evaluate(endpointUri);
        if (verdict.address() != null) {
            // an IP literal cannot be re-pointed; a name is pinned to the address just checked
            return isLiteralHost(endpointUri) ? Destination.unpinned() : Destination.pinned(verdict.address());
        }
        if (verdict.denied() && logged.size() < LOGGED_LIMIT && logged.add(endpointUri)) {
            LOG.warn("Not delivering to {}: {} (counted as a failed delivery; logged once)", endpointUri,
                    verdict.reason());
        }
        return Destination.refused(verdict.denied() ? "refused by endpoint policy: " + verdict.reason()
                : verdict.reason());
    }

    private Verdict evaluate(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException | NullPointerException e) {
            return Verdict.deny("not a URI: " + uri);
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Verdict.deny("only http and https callbacks are allowed, not " + uri);
        }
        if (parsed.getHost() == null) {
            return Verdict.deny("no host in " + uri);
        }
        String host = normalized(parsed.getHost());
        if (matchesAny(host, deniedHosts)) {
            return Verdict.deny("host " + host + " is denied (endpoint.denied-hosts)");
        }
        InetAddress[] addresses;
        try {
            addresses = resolve(host);
        } catch (UnknownHostException e) {
            return Verdict.unresolved("unknown host " + host);
        }
        for (InetAddress address : addresses) {
            for (InetAddress judged : judged(address)) {
                for (CidrBlock block : deniedBlocks) {
                    if (block.contains(judged)) {
                        return Verdict.deny("host " + host + " is " + address.getHostAddress()
                                + (judged == address ? "" : ", which embeds " + judged.getHostAddress())
                                + ", in the denied block " + block + " (endpoint.denied-cidrs)");
                    }
                }
            }
        }
        if (!allowed(host, addresses)) {
            return Verdict.deny("host " + host + " is neither in endpoint.allowed-hosts nor only in "
                    + "endpoint.allowed-cidrs");
        }
        return Verdict.allow(addresses[0]);
    }

    private boolean allowed(String host, InetAddress[] addresses) {
        if (allowedHosts.isEmpty() && allowedBlocks.isEmpty()) {
            return true;
        }
        if (matchesAny(host, allowedHosts)) {
            return true;
        }
        return !allowedBlocks.isEmpty() && Arrays.stream(addresses).flatMap(address -> judged(address).stream())
                .allMatch(address -> allowedBlocks.stream().anyMatch(block -> block.contains(address)));
    }

    /**
     * The address and every IPv4 address it embeds ({@link EmbeddedIpv4}): {@code [::169.254.169.254]}
     * reaches the metadata service over IPv4, so it is judged as that address too.
     */
    private static List<InetAddress> judged(InetAddress address) {
        List<Inet4Address> embedded = EmbeddedIpv4.of(address);
        if (embedded.isEmpty()) {
            return List.of(address);
        }
        List<InetAddress> all = new ArrayList<>(embedded.size() + 1);
        all.add(address);
        all.addAll(embedded);
        return all;
    }

    /** An IP literal is taken as it is (no DNS); a name is resolved by the JVM's resolver. */
    private static InetAddress[] resolve(String host) throws UnknownHostException {
        if (isIpLiteral(host)) {
            return new InetAddress[] {InetAddress.getByAddress(CidrBlock.parse(host).network())};
        }
        return InetAddress.getAllByName(host);
    }

    private static boolean isLiteralHost(String uri) {
        try {
            String host = new URI(uri).getHost();
            return host == null || isIpLiteral(normalized(host));
        } catch (URISyntaxException | NullPointerException e) {
            return true;
        }
    }

    private static boolean isIpLiteral(String host) {
        try {
            CidrBlock.parse(host);
            return !host.contains("/");
        } catch (IllegalArgumentException notALiteral) {
            return false;
        }
    }

    private static boolean matchesAny(String host, List<String> patterns) {
        return patterns.stream().anyMatch(pattern -> pattern.startsWith("*.")
                ? host.endsWith(pattern.substring(1))
                : host.equals(pattern));
    }

    /** Lower case, no IPv6 brackets, no trailing dot (a fully qualified name is the same host). */
    private static String normalized(String host) {
        String lower = host.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("[") && lower.endsWith("]")) {
            lower = lower.substring(1, lower.length() - 1);
        }
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static List<String> items(String commaList) {
        return commaList == null ? List.of() : Arrays.stream(commaList.split(","))
                .map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    /** The outcome of one evaluation: an address to use, a refusal, or a name that does not resolve. */
    private record Verdict(InetAddress address, String reason, boolean denied) {
        static Verdict allow(InetAddress address) {
            return new Verdict(address, null, false);
        }

        static Verdict deny(String reason) {
            return new Verdict(null, reason, true);
        }

        static Verdict unresolved(String reason) {
            return new Verdict(null, reason, false);
        }
    }
}
