package dev.switchboard.host.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the open connections of each client address, so that one address cannot take every socket and buffer of
 * the server (slow clients hold no thread, but each still holds a connection). A connection over the cap is
 * closed as soon as it opens. Trusted proxies are not capped: every client behind them shares their address.
 */
final class ConnectionsPerAddress implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionsPerAddress.class);

    private final int max;
    private final TrustedProxies proxies;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();
    /** The connections counted in {@link #open}, with their address: only these are uncounted on close. */
    private final ConcurrentHashMap<Connection, String> counted = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();

    ConnectionsPerAddress(int max, TrustedProxies proxies) {
        this.max = max;
        this.proxies = proxies;
    }

    @Override
    public void onOpened(Connection connection) {
        String address = address(connection.getEndPoint().getRemoteSocketAddress());
        if (address == null || proxies.trusts(address)) {
            return;
        }
        int count = open.merge(address, 1, Integer::sum);
        if (count <= max) {
            counted.put(connection, address);
        } else {
            release(address);
            long n = refused.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.warn("{} has more than {} open connections (http.max_connections_per_address); closing the"
                        + " newest ({} refused so far)", address, max, n);
            }
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        String address = counted.remove(connection);
        if (address != null) {
            release(address);
        }
    }

    private void release(String address) {
        open.computeIfPresent(address, (k, v) -> v <= 1 ? null : v - 1);
    }

    /** Connections closed for being over the cap since start. */
    long refused() {
        return refused.get();
    }

    private static String address(SocketAddress socket) {
        return socket instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : null;
    }
}
