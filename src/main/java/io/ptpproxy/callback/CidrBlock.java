package io.ptpproxy.callback;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address block in CIDR notation ({@code 169.254.0.0/16}, {@code fe80::/10}); a
 * bare address is a block of one. An IPv4-mapped IPv6 address ({@code ::ffff:169.254.169.254}) is
 * the IPv4 address it maps, as the JDK parses it, so a mapped address cannot slip past an IPv4 block.
 *
 * @param network the block's first address bytes (4 or 16)
 * @param prefixLength how many leading bits must match
 * @param text the block as configured, for messages
 */
public record CidrBlock(byte[] network, int prefixLength, String text) {

    public CidrBlock {
        network = network.clone();
    }

    /**
     * @param text {@code address/prefix} or a bare IP address; never a host name
     * @throws IllegalArgumentException naming what is wrong
     */
    public static CidrBlock parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = literal(address, trimmed);
        int prefix = slash < 0 ? bytes.length * 8 : prefix(trimmed.substring(slash + 1), bytes.length * 8, trimmed);
        return new CidrBlock(bytes, prefix, trimmed);
    }

    /** @return whether the address lies in this block (an IPv4 address never lies in an IPv6 block) */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = 0xFF << (8 - remainingBits) & 0xFF;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CidrBlock block && block.prefixLength == prefixLength
                && Arrays.equals(block.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Parses an IP literal without ever asking DNS (InetAddress.getByName would resolve a name). */
    private static byte[] literal(String address, String block) {
        boolean ipv4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                && Arrays.stream(address.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        boolean ipv6 = address.contains(":") && address.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException("not an IP address block: " + block);
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address block: " + block, e);
        }
    }

    private static int prefix(String digits, int maxBits, String block) {
        if (!digits.matches("\\d{1,3}")) {
            throw new IllegalArgumentException("bad prefix length in " + block);
        }
        int prefix = Integer.parseInt(digits);
        if (prefix > maxBits) {
            throw new IllegalArgumentException("prefix length over " + maxBits + " in " + block);
        }
        return prefix;
    }
}
