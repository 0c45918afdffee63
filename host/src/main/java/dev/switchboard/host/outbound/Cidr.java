package dev.switchboard.host.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 network ({@code 10.0.0.0/8}, {@code fc00::/7}) or a single address; parsed strictly from
 * numeric text, never resolved.
 *
 * @param network the network address bytes (4 or 16)
 * @param prefix  the prefix length in bits
 * @param text    the text it was parsed from, for messages
 */
record Cidr(byte[] network, int prefix, String text) {

    /**
     * Parses {@code a.b.c.d}, {@code a.b.c.d/n}, an IPv6 literal (optionally in brackets) or {@code v6/n}.
     *
     * @throws IllegalArgumentException naming the problem
     */
    static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        if (addr.startsWith("[") && addr.endsWith("]")) {
            addr = addr.substring(1, addr.length() - 1);
        }
        byte[] bytes = literal(addr);
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + t + "' has a prefix length that is not a number");
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + t + "' has a prefix length outside 0.." + bits);
            }
        }
        return new Cidr(bytes, prefix, t);
    }

    /** The bytes of a numeric IP literal; a name (anything needing DNS) is refused. */
    static byte[] literal(String addr) {
        boolean v4 = addr.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = addr.contains(":") && addr.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("'" + addr + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + addr + "' is not an IP address");
        }
    }

    /** True when the address is inside this network (an IPv4 network never matches an IPv6 address). */
    boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }
}
