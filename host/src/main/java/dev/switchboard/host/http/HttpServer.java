package dev.switchboard.host.http;

import dev.switchboard.api.Header;
import dev.switchboard.api.HttpEndpoint;
import dev.switchboard.api.HttpResponse;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.VetoException;
import dev.switchboard.host.admin.AdminGuard;
import dev.switchboard.host.admin.AdminSessions;
import dev.switchboard.host.auth.Tokens;
import dev.switchboard.host.health.Health;
import dev.switchboard.host.json.HostJson;
import dev.switchboard.host.metrics.HostMetrics;
import dev.switchboard.host.plugins.PluginException;
import dev.switchboard.host.plugins.PluginSystem;
import dev.switchboard.host.plugins.Registered;
import dev.switchboard.host.storage.StorageUnavailableException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server: {@code /health}, {@code /metrics}, the admin API under {@code /api/} (bearer token), and
 * whatever routes started plugins declare ({@link HttpEndpoint}), matched on every request against the current
 * extensions so that enabling or disabling a plugin takes effect at once. Errors are JSON
 * {@code {"error": {"status", "message", "path"?}}} under {@code /api/}, short text elsewhere.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final HandlerType[] METHODS = {HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE, HandlerType.HEAD, HandlerType.OPTIONS};

    /**
     * Server settings.
     *
     * @param publicPort      a second port that serves only public plugin routes (webhooks) and {@code /health},
     *                        so that their answers never share an origin with the admin page; null for one port
     * @param pluginAnswerCsp the {@code Content-Security-Policy} added to every plugin answer ({@code sandbox}:
     *                        no script runs, no same-origin access), or {@code off}
     */
    public record Settings(String host, int port, Integer publicPort, long maxApiBody, int maxThreads,
                           long idleTimeoutMs, TrustedProxies proxies, ClientLimits clients, String pluginAnswerCsp) {
    }

    /**
     * What one client may hold of the server (SECURITY.md 10).
     *
     * @param maxBody                  largest request body on any route, in bytes (413 beyond)
     * @param bodyGraceMs              time every request body gets to arrive before its rate counts
     * @param minBodyRate              bytes per second a body must keep on average past the grace (408 below)
     * @param maxConnectionsPerAddress open connections one client address may hold (0 = no cap)
     */
    public record ClientLimits(long maxBody, long bodyGraceMs, long minBodyRate, int maxConnectionsPerAddress) {
    }

    private volatile boolean started;
    private final Javalin app;
    private final HostJson json;
    private final Tokens tokens;
    private final AdminSessions sessions;
    private final PluginSystem plugins;
    private final Settings settings;
    private final Map<String, RoutePattern> patterns = new ConcurrentHashMap<>();
    private final List<String> routes = new ArrayList<>(List.of("GET /health", "GET /metrics"));
    private volatile ServerConnector publicConnector;

    public HttpServer(Settings settings, HostJson json, Tokens tokens, AdminSessions sessions, PluginSystem plugins,
                      HostMetrics metrics, Health health, List<ApiRoutes> features) {
        this.json = json;
        this.tokens = tokens;
        this.sessions = sessions;
        this.plugins = plugins;
        this.settings = settings;
        ClientLimits clients = settings.clients();
        ConnectionsPerAddress perAddress = clients.maxConnectionsPerAddress() > 0
                ? new ConnectionsPerAddress(clients.maxConnectionsPerAddress(), settings.proxies()) : null;
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = settings.maxApiBody();
            cfg.http.defaultContentType = "application/json";
            QueuedThreadPool pool = new QueuedThreadPool(settings.maxThreads(), Math.min(8, settings.maxThreads()));
            pool.setName("http");
            cfg.jetty.threadPool = pool;
            // No HTTP thread ever waits on a client's body: it is read on demand callbacks first.
            cfg.jetty.modifyServer(server -> server.insertHandler(
                    new BodyFirstHandler(clients.maxBody(), clients.bodyGraceMs(), clients.minBodyRate())));
            cfg.jetty.addConnector((server, hc) -> connector(server, hc, settings.port(), perAddress));
            if (settings.publicPort() != null) {
                cfg.jetty.addConnector((server, hc) ->
                        publicConnector = connector(server, hc, settings.publicPort(), perAddress));
                cfg.routes.before(this::keepAdminOffPublicPort);
            }
            cfg.jetty.modifyHttpConfiguration(hc -> hc.setSendServerVersion(false));

            cfg.routes.get("/health", ctx -> {
                Health.Report report = health.report();
                ctx.status(report.status()).json(report.body());
            });
            cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
            cfg.routes.before("/api/*", this::authenticate);
            cfg.routes.before("/api", this::authenticate);
            Api api = new Api(cfg.routes, json, settings.maxApiBody());
            features.forEach(f -> f.register(api));
            routes.addAll(api.registered());
            // Plugin routes: matched last, against the extensions of the plugins started right now.
            for (HandlerType m : METHODS) {
                cfg.routes.addHttpHandler(m, "/<rest>", this::dispatch);
                cfg.routes.addHttpHandler(m, "/", this::dispatch);
            }

            cfg.routes.exception(HttpStatusException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.path()));
            // Disk full and the like: the client may retry; HostDatabase logged it and /health shows it.
            cfg.routes.exception(StorageUnavailableException.class, (e, ctx) -> {
                ctx.header("Retry-After", Integer.toString(StorageUnavailableException.RETRY_AFTER_SECONDS));
                error(ctx, 503, "storage is unavailable (disk full?); retry later", null);
            });
            cfg.routes.exception(VetoException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), null));
            cfg.routes.exception(PluginException.class, (e, ctx) -> error(ctx, e.notFound() ? 404 : 409,
                    e.getMessage(), null));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage(),
                    null));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error; the server log has the details", null);
            });
            cfg.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    error(ctx, 404, "no route for " + ctx.method() + " " + ctx.path(), null);
                }
            });
        });
    }

    private ServerConnector connector(Server server, HttpConfiguration hc, int port, ConnectionsPerAddress cap) {
        ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(hc));
        c.setHost(settings.host());
        c.setPort(port);
        c.setIdleTimeout(settings.idleTimeoutMs());
        if (cap != null) {
            c.addEventListener(cap);
        }
        return c;
    }

    /** Starts listening. */
    public void start() {
        app.start();
        started = true;
    }

    /** Whether {@link #start()} has bound the port. */
    public boolean isStarted() {
        return started;
    }

    /** The host's own routes as {@code METHOD /path}: health, metrics and the admin API (not plugins' routes). */
    public List<String> routes() {
        return List.copyOf(routes);
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** The public port actually bound, when {@code http.public_port} is set. */
    public Optional<Integer> publicPort() {
        ServerConnector c = publicConnector;
        return c == null ? Optional.empty() : Optional.of(c.getLocalPort());
    }

    private boolean onPublicPort(Context ctx) {
        ServerConnector c = publicConnector;
        return c != null && ctx.req().getLocalPort() == c.getLocalPort();
    }

    /** On the public port only {@code /health} and public plugin routes answer; the admin page and API do not. */
    private void keepAdminOffPublicPort(Context ctx) {
        String path = ctx.path();
        if (onPublicPort(ctx) && (path.equals("/api") || path.startsWith("/api/") || path.equals("/admin")
                || path.startsWith("/admin/") || path.equals("/metrics"))) {
            throw new HttpStatusException(404, "the admin page and API are not served on the public port");
        }
    }

    /**
     * A bearer token, or the admin page's session cookie; with the cookie, a state-changing request must also carry
     * the session's CSRF token, so another site cannot make a signed-in browser change anything.
     */
    private void authenticate(Context ctx) {
        String auth = ctx.header("Authorization");
        if ((auth == null || auth.isBlank()) && ctx.cookie(AdminSessions.COOKIE) != null) {
            AdminGuard.requireSameOrigin(ctx);
            AdminSessions.Session session = sessions.find(ctx.cookie(AdminSessions.COOKIE))
                    .orElseThrow(() -> new HttpStatusException(401, "the admin session has ended; sign in again"));
            if (!AdminGuard.safe(ctx.method().name())) {
                AdminGuard.requireCsrf(ctx, session);
            }
            ctx.attribute(Api.PRINCIPAL, session.principal());
            ctx.attribute(Api.BROWSER_SESSION, true);
            return;
        }
        if (auth == null || auth.isBlank()) {
            throw new HttpStatusException(401, "missing Authorization: Bearer <token>");
        }
        if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new HttpStatusException(401, "Authorization must be 'Bearer <token>'");
        }
        Optional<String> principal = tokens.authenticate(auth.substring(7).trim());
        if (principal.isEmpty()) {
            throw new HttpStatusException(401, "invalid or revoked token");
        }
        ctx.attribute(Api.PRINCIPAL, principal.get());
    }

    private void dispatch(Context ctx) throws Exception {
        String path = ctx.path();
        String method = ctx.method().name().toUpperCase(Locale.ROOT);
        List<Candidate> matches = new ArrayList<>();
        for (Registered<HttpEndpoint> r : plugins.extensions().endpoints()) {
            RoutePattern p = patterns.computeIfAbsent(r.extension().path(), RoutePattern::new);
            Map<String, String> params = p.match(path);
            if (params != null) {
                matches.add(new Candidate(r, p, params));
            }
        }
        if (matches.isEmpty()) {
            throw new HttpStatusException(404, "no route for " + method + " " + path);
        }
        matches.sort(Comparator.comparingInt((Candidate c) -> c.pattern().specificity()).reversed());
        Candidate chosen = null;
        for (Candidate c : matches) {
            var methods = c.endpoint().extension().methods();
            if (methods.isEmpty() || methods.contains(method)) {
                chosen = c;
                break;
            }
        }
        if (chosen == null) {
            throw new HttpStatusException(405, "method " + method + " not allowed for " + path);
        }
        HttpEndpoint endpoint = chosen.endpoint().extension();
        String principal = null;
        if (endpoint.access() == HttpEndpoint.Access.ADMIN) {
            if (!path.startsWith("/api/")) {
                throw new HttpStatusException(404, "no route for " + method + " " + path);
            }
            principal = Api.principal(ctx); // authenticated by the /api/* filter
        } else if (publicConnector != null && !onPublicPort(ctx)) {
            throw new HttpStatusException(404, "this route is served on the public port ("
                    + publicConnector.getLocalPort() + "), not beside the admin page");
        }
        HttpResponse response;
        try {
            response = endpoint.handle(new PluginRequest(ctx, chosen.params(), principal, settings.proxies()));
        } catch (HttpStatusException | VetoException | StorageUnavailableException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            LOG.error("plugin {} endpoint {} failed on {} {}", chosen.endpoint().pluginId(), endpoint.path(), method,
                    path, e);
            error(ctx, 500, "internal error", null);
            return;
        }
        ctx.status(response.status());
        boolean typed = false;
        boolean needsNosniff = true;
        for (Header h : response.headers()) {
            if (h.name().equalsIgnoreCase("Content-Type")) {
                ctx.contentType(h.value());
                typed = true;
            } else {
                needsNosniff &= !h.name().equalsIgnoreCase("X-Content-Type-Options");
                ctx.res().addHeader(h.name(), h.value());
            }
        }
        // A plugin answer must never run script in the admin page's origin (a behavior may echo what a stranger
        // sent): sandboxed, with its type taken as declared. Sent as a header of its own, after the plugin's, so
        // a policy the plugin sets is enforced as well, never instead.
        if (!settings.pluginAnswerCsp().equals("off")) {
            ctx.res().addHeader("Content-Security-Policy", settings.pluginAnswerCsp());
        }
        if (needsNosniff) {
            ctx.res().addHeader("X-Content-Type-Options", "nosniff");
        }
        if (!typed) {
            ctx.res().setContentType(null);
        }
        // Written straight to Jetty: a known length, no copy through Javalin's result stream.
        byte[] body = response.body();
        if (principal != null) {
            ctx.attribute(RouteCallEvents.RESPONSE_BODY, body);
        }
        ctx.res().setContentLength(body.length);
        if (body.length > 0) {
            ctx.res().getOutputStream().write(body);
        }
    }

    private record Candidate(Registered<HttpEndpoint> endpoint, RoutePattern pattern, Map<String, String> params) {
    }

    /** Writes the error body: JSON for the API, a short text elsewhere. */
    private void error(Context ctx, int status, String message, String path) {
        ctx.status(status);
        if (ctx.path().startsWith("/api") || ctx.path().startsWith("/admin/") || ctx.path().equals("/health")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", status);
            body.put("message", message);
            if (path != null) {
                body.put("path", path);
            }
            ctx.contentType("application/json").result(json.writeBytes(Map.of("error", body)));
        } else {
            ctx.contentType("text/plain; charset=utf-8").result(message);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
