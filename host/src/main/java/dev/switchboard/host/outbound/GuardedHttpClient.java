package dev.switchboard.host.outbound;

import dev.switchboard.api.Header;
import dev.switchboard.api.Metrics;
import dev.switchboard.api.OutboundException;
import dev.switchboard.api.OutboundHttp;
import dev.switchboard.api.OutboundRequest;
import dev.switchboard.api.OutboundResponse;
import dev.switchboard.host.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's {@link OutboundHttp} on Jetty's pooled {@link HttpClient}: the SSRF guard runs on every resolved
 * address ({@link GuardedResolver}), redirects are never followed (a 3xx is returned), only http/https, the
 * total timeout is capped by {@code outbound.max_timeout_ms}, and the body is captured up to
 * {@code outbound.max_response_bytes} (flagged {@code truncated} beyond) and the headers up to 50.
 */
public final class GuardedHttpClient implements OutboundHttp, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedHttpClient.class);
    private static final int MAX_HEADERS = 50;

    private final HttpClient client;
    private final OutboundSettings settings;
    private final Metrics metrics;
    private final OutboundAllowlist allowlist;
    /** Completed once Jetty's client has started (or could not); a send waits for it. */
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private volatile Thread starting;

    private GuardedHttpClient(OutboundSettings settings, Metrics metrics, String version) {
        this.settings = settings;
        this.metrics = metrics;
        this.allowlist = new OutboundAllowlist(settings.allowlist());
        this.client = new HttpClient();
        AddressPolicy policy = new AddressPolicy(allowlist, settings.allowPrivate());
        client.setSocketAddressResolver(new GuardedResolver(policy));
        allowlist.onChange(() -> dropRefused(policy));
        client.setFollowRedirects(false);
        client.setConnectTimeout(settings.connectTimeoutMs());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "Switchboard/" + version));
    }

    /**
     * Starts a client from the {@code outbound.*} keys.
     *
     * @throws dev.switchboard.host.config.ConfigException naming a bad key
     * @throws IllegalStateException when Jetty's client cannot start
     */
    public static GuardedHttpClient start(Config config, Metrics metrics, String version) {
        GuardedHttpClient guarded = create(config, metrics, version);
        try {
            guarded.client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the outbound HTTP client", e);
        }
        guarded.started.complete(null);
        return guarded;
    }

    /**
     * A client from the {@code outbound.*} keys that sends once {@link #startInBackground} has started it: the host
     * starts it after it serves, because Jetty's client (its threads, the JDK's TLS trust store) is a tenth of a
     * start's CPU.
     *
     * @throws dev.switchboard.host.config.ConfigException naming a bad key
     */
    public static GuardedHttpClient create(Config config, Metrics metrics, String version) {
        return new GuardedHttpClient(OutboundSettings.from(config), metrics, version);
    }

    /** Starts Jetty's client on a thread of its own, once; {@link #close} waits for that start to end. */
    public void startInBackground() {
        Thread t = new Thread(this::startClient, "outbound-client-start");
        t.setDaemon(true);
        starting = t;
        t.start();
    }

    /** Starts Jetty's client; a failure is logged here and fails every send with its reason. */
    private void startClient() {
        try {
            client.start();
            started.complete(null);
        } catch (Exception e) {
            LOG.error("cannot start the outbound HTTP client: outbound requests and deliveries fail until a restart", e);
            started.completeExceptionally(new IllegalStateException("cannot start the outbound HTTP client", e));
        }
    }

    /**
     * A pooled connection is reused without resolving again, so the guard would not see an entry removed from the
     * allowlist: after a change, the destinations whose every address the policy now refuses are dropped with their
     * connections (their next request connects anew and is refused).
     */
    private void dropRefused(AddressPolicy policy) {
        for (Destination d : client.getDestinations()) {
            Origin.Address a = d.getOrigin().getAddress();
            boolean allowed = false;
            try {
                for (InetAddress address : InetAddress.getAllByName(a.getHost())) {
                    allowed |= policy.refusal(address, a.getPort()).isEmpty();
                }
            } catch (UnknownHostException e) {
                allowed = false; // fails closed, as the resolver does
            }
            if (!allowed && client.removeDestination(d)) {
                LifeCycle.stop(d);
                LOG.info("outbound allowlist changed: pooled connections to {}:{} closed", a.getHost(), a.getPort());
            }
        }
    }

    /** The allowlist this client checks (configured entries and those stored at run time). */
    public OutboundAllowlist allowlist() {
        return allowlist;
    }

    /** Whether {@code outbound.allow_private} turned the deny list off. */
    public boolean allowsPrivate() {
        return settings.allowPrivate();
    }

    @Override
    public OutboundResponse send(OutboundRequest request) {
        long started = System.nanoTime();
        try {
            OutboundResponse response = exchange(request, started);
            metrics.increment("outbound.requests", "outcome", "response");
            return response;
        } catch (OutboundException e) {
            metrics.increment("outbound.requests", "outcome", e.kind().name().toLowerCase(Locale.ROOT));
            throw e;
        } finally {
            metrics.recordNanos("outbound.request.duration", System.nanoTime() - started);
        }
    }

    private OutboundResponse exchange(OutboundRequest request, long started) {
        awaitStart();
        URI uri = validUri(request.url());
        if (!request.method().matches("[A-Za-z]{1,16}")) {
            throw new OutboundException(OutboundException.Kind.INVALID_URL, "invalid HTTP method '"
                    + request.method() + "'");
        }
        long timeoutMs = Math.max(1, Math.min(request.timeout().toMillis(), settings.maxTimeoutMs()));
        Request jetty = client.newRequest(uri).method(request.method().toUpperCase(Locale.ROOT))
                .timeout(timeoutMs, TimeUnit.MILLISECONDS);
        String contentType = null;
        for (Header h : request.headers()) {
            if (h.name().equalsIgnoreCase("Content-Type")) {
                contentType = h.value();
            }
        }
        jetty.headers(headers -> {
            for (Header h : request.headers()) {
                if (h.name().equalsIgnoreCase("User-Agent")) {
                    headers.put(HttpHeader.USER_AGENT, h.value());
                } else {
                    headers.add(h.name(), h.value());
                }
            }
        });
        if (request.body().length > 0) {
            jetty.body(new BytesRequestContent(contentType == null ? "application/octet-stream" : contentType,
                    request.body()));
        }
        InputStreamResponseListener listener = new InputStreamResponseListener();
        jetty.send(listener);
        try {
            Response response = listener.get(timeoutMs, TimeUnit.MILLISECONDS);
            List<Header> headers = new ArrayList<>();
            for (HttpField f : response.getHeaders()) {
                if (headers.size() == MAX_HEADERS) {
                    break;
                }
                headers.add(new Header(f.getName(), f.getValue()));
            }
            byte[] body;
            boolean truncated;
            try (InputStream in = listener.getInputStream()) {
                byte[] read = in.readNBytes(settings.maxResponseBytes() + 1);
                truncated = read.length > settings.maxResponseBytes();
                body = truncated ? Arrays.copyOf(read, settings.maxResponseBytes()) : read;
                if (truncated) {
                    response.abort(new IOException("response body over outbound.max_response_bytes"));
                }
            }
            return new OutboundResponse(response.getStatus(), headers, body, truncated,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (TimeoutException e) {
            jetty.abort(e);
            throw timeout(uri, timeoutMs, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jetty.abort(e);
            throw new OutboundException(OutboundException.Kind.CONNECT, "interrupted while calling " + uri, e);
        } catch (ExecutionException | IOException e) {
            throw failure(uri, timeoutMs, e);
        }
    }

    private static URI validUri(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new OutboundException(OutboundException.Kind.INVALID_URL, "not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new OutboundException(OutboundException.Kind.INVALID_URL, "only http and https URLs are allowed: "
                    + url);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new OutboundException(OutboundException.Kind.INVALID_URL,
                    "the URL needs a host and no user info: " + url);
        }
        return uri;
    }

    private static OutboundException timeout(URI uri, long timeoutMs, Throwable cause) {
        return new OutboundException(OutboundException.Kind.TIMEOUT, "no complete answer from " + uri.getHost()
                + " within " + timeoutMs + " ms", cause);
    }

    private static OutboundException failure(URI uri, long timeoutMs, Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof GuardedResolver.BlockedAddressException) {
                return new OutboundException(OutboundException.Kind.BLOCKED, c.getMessage(), c);
            }
            if (c instanceof UnknownHostException) {
                return new OutboundException(OutboundException.Kind.DNS, c.getMessage(), c);
            }
            if (c instanceof TimeoutException) {
                return timeout(uri, timeoutMs, c);
            }
            if (c instanceof ConnectException) {
                return new OutboundException(OutboundException.Kind.CONNECT, "cannot connect to " + uri.getHost()
                        + ":" + port(uri) + ": " + c.getMessage(), c);
            }
        }
        Throwable root = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new OutboundException(OutboundException.Kind.CONNECT, "the exchange with " + uri.getHost()
                + " failed: " + root, root);
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private void awaitStart() {
        try {
            started.join();
        } catch (CompletionException e) {
            Throwable why = e.getCause().getCause() == null ? e.getCause() : e.getCause().getCause();
            throw new OutboundException(OutboundException.Kind.CONNECT, "the outbound HTTP client did not start ("
                    + why.getMessage() + ")", e.getCause());
        }
    }

    @Override
    public void close() {
        Thread start = starting;
        if (start != null) {
            try {
                start.join(10_000); // stopping Jetty's client halfway through its start leaves its selector failing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // a send still waiting for a start that will not come now fails instead
        started.completeExceptionally(new IllegalStateException("it was closed first"));
        try {
            client.stop();
        } catch (Exception e) {
            LOG.warn("stopping the outbound HTTP client failed", e);
        }
    }
}
