package dev.switchboard.webhooks.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark's local balancer: a TCP proxy on 127.0.0.1 that hands each new client connection to the next
 * backend in turn (what nginx's or HAProxy's round robin does for keep-alive HTTP/1.1 clients such as wrk), so the
 * same load generator measures one serve node and two behind the same hop. Two threads per connection; only for
 * benchmarks.
 */
final class RoundRobinProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RoundRobinProxy.class);
    private final ServerSocket server;
    private final List<InetSocketAddress> backends;
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "rr-proxy");
        t.setDaemon(true);
        return t;
    });

    RoundRobinProxy(List<InetSocketAddress> backends) throws IOException {
        this.backends = List.copyOf(backends);
        this.server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                InetSocketAddress to = backends.get(Math.floorMod(next.getAndIncrement(), backends.size()));
                Socket upstream = new Socket(to.getAddress(), to.getPort());
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                threads.execute(() -> pump(client, upstream));
                threads.execute(() -> pump(upstream, client));
            } catch (SocketException closed) {
                if (!server.isClosed()) {
                    LOG.error("balancer accept failed", closed);
                }
            } catch (IOException e) {
                LOG.error("balancer could not connect a client", e);
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buf = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException closedByPeer) {
            // one side went away (wrk closes its connections at the end): close both, nothing to report
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException alreadyGone) {
            // closing a socket the peer already reset
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
