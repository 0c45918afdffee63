package dev.switchboard.host.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether an address the client is about to connect to is allowed: an explicit CIDR deny list (loopback,
 * private, link-local incl. cloud metadata, CGNAT, unique-local, multicast, reserved, NAT64/6to4 and
 * IPv4-mapped/compatible forms checked as the IPv4 address they carry), bypassed only by the allowlist
 * ({@link OutboundAllowlist}: configured and stored entries) or by {@code outbound.allow_private}.
 */
final class AddressPolicy {
    private static final List<Cidr> DENIED = List.of(
            rule("0.0.0.0/8"), rule("10.0.0.0/8"), rule("100.64.0.0/10"), rule("127.0.0.0/8"),
            rule("169.254.0.0/16"), rule("172.16.0.0/12"), rule("192.0.0.0/24"), rule("192.0.2.0/24"),
            rule("192.88.99.0/24"), rule("192.168.0.0/16"), rule("198.18.0.0/15"), rule("198.51.100.0/24"),
            rule("203.0.113.0/24"), rule("224.0.0.0/4"), rule("240.0.0.0/4"),
            rule("::/128"), rule("::1/128"), rule("64:ff9b::/96"), rule("64:ff9b:1::/48"), rule("100::/64"),
            rule("2001::/23"), rule("2001:db8::/32"), rule("2002::/16"), rule("fc00::/7"), rule("fe80::/10"),
            rule("fec0::/10"), rule("ff00::/8"));

    private final OutboundAllowlist allowlist;
    private final boolean allowPrivate;

    AddressPolicy(OutboundAllowlist allowlist, boolean allowPrivate) {
        this.allowlist = allowlist;
        this.allowPrivate = allowPrivate;
    }

    /** Whether the allowlist changed since it was last read (it is read again when it did). */
    boolean refreshed() {
        return allowlist.refreshed();
    }

    /** The reason the address may not be connected to on this port, or empty when it may. */
    Optional<String> refusal(InetAddress address, int port) {
        if (allowlist.allows(address, port) || allowPrivate) {
            return Optional.empty();
        }
        for (InetAddress form : forms(address)) {
            for (Cidr denied : DENIED) {
                if (denied.contains(form)) {
                    return Optional.of(address.getHostAddress() + " is in the denied range " + denied.text()
                            + " (add it to outbound.allowlist, or through PUT /api/outbound/allowlist, to allow it)");
                }
            }
        }
        return Optional.empty();
    }

    /** The address, plus the IPv4 address embedded in an IPv4-mapped or IPv4-compatible IPv6 address. */
    private static List<InetAddress> forms(InetAddress address) {
        List<InetAddress> forms = new ArrayList<>(List.of(address));
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean zeros = true;
            for (int i = 0; i < 10; i++) {
                zeros &= b[i] == 0;
            }
            boolean mapped = zeros && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            boolean compatible = zeros && b[10] == 0 && b[11] == 0;
            if (mapped || compatible) {
                try {
                    forms.add(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return forms;
    }

    private static Cidr rule(String text) {
        return Cidr.parse(text);
    }

    /**
     * One allowlist entry: an IP or CIDR, optionally with a port ({@code 127.0.0.1:8080}, {@code [::1]:8080},
     * {@code 10.0.0.0/8}).
     */
    record AllowEntry(Cidr network, int port) {

        /** Parses an entry; throws IllegalArgumentException naming the problem. */
        static AllowEntry parse(String text) {
            String t = text.trim();
            int port = -1;
            String net = t;
            if (t.startsWith("[")) {
                int close = t.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("'" + t + "' has no closing ]");
                }
                net = t.substring(1, close);
                String rest = t.substring(close + 1);
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":")) {
                        throw new IllegalArgumentException("'" + t + "' must be [address] or [address]:port");
                    }
                    port = port(t, rest.substring(1));
                }
            } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
                net = t.substring(0, t.indexOf(':'));
                port = port(t, t.substring(t.indexOf(':') + 1));
            }
            return new AllowEntry(Cidr.parse(net), port);
        }

        private static int port(String entry, String text) {
            try {
                int p = Integer.parseInt(text);
                if (p >= 1 && p <= 65535) {
                    return p;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("'" + entry + "' has an invalid port '" + text + "'");
        }

        boolean matches(InetAddress address, int p) {
            return (port < 0 || port == p) && network.contains(address);
        }
    }
}
