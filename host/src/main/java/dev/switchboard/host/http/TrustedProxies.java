package dev.switchboard.host.http;

import java.util.Arrays;
import java.util.List;

/**
 * Which peers may tell us the client's address in {@code X-Forwarded-For} ({@code trusted_proxies}: exact
 * addresses, comma-separated). With none configured the peer address is the client address.
 */
public final class TrustedProxies {
    private final List<String> proxies;

    public TrustedProxies(String configured) {
        this.proxies = configured == null ? List.of()
                : Arrays.stream(configured.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Whether the peer at this address is a trusted proxy. */
    public boolean trusts(String peer) {
        return proxies.contains(peer);
    }

    /** The first X-Forwarded-For entry when the peer is trusted, else the peer. */
    public String clientIp(String peer, String forwardedFor) {
        if (forwardedFor != null && proxies.contains(peer)) {
            String first = forwardedFor.split(",")[0].trim();
            if (!first.isEmpty()) {
                return first;
            }
        }
        return peer;
    }
}
