package dev.switchboard.host.outbound;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Resolves a host name and hands Jetty only the addresses the {@link AddressPolicy} allows. Jetty connects to
 * exactly what a resolver returns, so the check applies to the address actually connected to, after DNS: a name
 * that resolves (or later rebinds) to a denied address cannot get through. DNS failure fails closed.
 */
final class GuardedResolver implements SocketAddressResolver {
    private final AddressPolicy policy;

    GuardedResolver(AddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            promise.failed(new UnknownHostException("the host name " + host + " did not resolve"));
            return;
        }
        List<InetSocketAddress> allowed = new ArrayList<>();
        String refusal = check(addresses, port, allowed);
        if (allowed.isEmpty() && policy.refreshed()) {
            // an admin changed the allowlist since this node last read it (perhaps on another node): ask again
            refusal = check(addresses, port, allowed);
        }
        if (allowed.isEmpty()) {
            promise.failed(new BlockedAddressException("blocked address for " + host + ": " + refusal));
        } else {
            promise.succeeded(allowed);
        }
    }

    /** Adds the allowed addresses to {@code allowed}; answers the first refusal's reason. */
    private String check(InetAddress[] addresses, int port, List<InetSocketAddress> allowed) {
        String refusal = null;
        for (InetAddress address : addresses) {
            Optional<String> why = policy.refusal(address, port);
            if (why.isEmpty()) {
                allowed.add(new InetSocketAddress(address, port));
            } else if (refusal == null) {
                refusal = why.get();
            }
        }
        return refusal;
    }

    /** The destination's every address is denied. */
    static final class BlockedAddressException extends java.io.IOException {
        private static final long serialVersionUID = 1L;

        BlockedAddressException(String message) {
            super(message);
        }
    }
}
