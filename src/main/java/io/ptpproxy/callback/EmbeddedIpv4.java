package io.ptpproxy.callback;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The IPv4 addresses an IPv6 address carries, so the callback policy judges the IPv4 host a packet
 * finally reaches and not only the IPv6 spelling: an IPv4-compatible address ({@code ::a.b.c.d},
 * deprecated, reaches {@code a.b.c.d}), IPv4-mapped ({@code ::ffff:a.b.c.d}; the JDK already parses
 * it as IPv4), IPv4-translated ({@code ::ffff:0:a.b.c.d}, SIIT), NAT64 ({@code 64:ff9b::/96} and the
 * local-use {@code 64:ff9b:1::/48}, RFC 6052 layout), 6to4 ({@code 2002::/16}), Teredo
 * ({@code 2001::/32}: the server, and the client address stored inverted) and ISATAP interface
 * identifiers ({@code ::[02]00:5efe:a.b.c.d} under any prefix).
 */
final class EmbeddedIpv4 {

    private EmbeddedIpv4() {
    }

    /**
     * @param address any address
     * @return the IPv4 addresses it embeds, empty for an IPv4 address or an IPv6 address that embeds none
     */
    static List<Inet4Address> of(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return List.of();
        }
        byte[] b = address.getAddress();
        List<Inet4Address> embedded = new ArrayList<>();
        if (compatible(b) || prefixed(b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff)
                || prefixed(b, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0)
                || prefixed(b, 0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0)) {
            embedded.add(ipv4(b[12], b[13], b[14], b[15]));
        }
        if (prefixed(b, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
            // RFC 6052 /48 layout: bits 64-71 (byte 8) are the reserved "u" octet
            embedded.add(ipv4(b[6], b[7], b[9], b[10]));
        }
        if (prefixed(b, 0x20, 0x02)) {
            embedded.add(ipv4(b[2], b[3], b[4], b[5]));
        }
        if (prefixed(b, 0x20, 0x01, 0x00, 0x00)) {
            embedded.add(ipv4(b[4], b[5], b[6], b[7]));
            embedded.add(ipv4((byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]));
        }
        if ((b[8] & 0xfd) == 0 && b[9] == 0 && b[10] == 0x5e && b[11] == (byte) 0xfe) {
            embedded.add(ipv4(b[12], b[13], b[14], b[15]));
        }
        return List.copyOf(embedded);
    }

    /**
     * {@code ::a.b.c.d}: 96 zero bits and then the IPv4 address; {@code ::} and {@code ::1} are the
     * IPv6 unspecified and loopback addresses, not IPv4 ones.
     */
    private static boolean compatible(byte[] b) {
        return prefixed(b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1));
    }

    private static boolean prefixed(byte[] address, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((address[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Inet4Address ipv4(byte a, byte b, byte c, byte d) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("four bytes are always an IPv4 address: " + Arrays.toString(
                    new byte[] {a, b, c, d}), impossible);
        }
    }
}
