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

    /** Server settings. */
    public record Settings(String host, int port, long maxApiBody, int maxThreads, long idleTimeoutMs,
                           TrustedProxies proxies) {
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

    public HttpServer(Settings settings, HostJson json, Tokens tokens, AdminSessions sessions, PluginSystem plugins,
                      HostMetrics metrics, Health health, List<ApiRoutes> features) {
        this.json = json;
        this.tokens = tokens;
        this.sessions = sessions;
        this.plugins = plugins;
        this.settings = settings;
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = settings.host();
            cfg.jetty.port = settings.port();
            cfg.http.maxRequestSize = settings.maxApiBody();
            cfg.http.defaultContentType = "application/json";
            QueuedThreadPool pool = new QueuedThreadPool(settings.maxThreads(), Math.min(8, settings.maxThreads()));
            pool.setName("http");
            cfg.jetty.threadPool = pool;
            cfg.jetty.modifyServer(server -> {
                for (var c : server.getConnectors()) {
                    if (c instanceof ServerConnector sc) {
                        sc.setIdleTimeout(settings.idleTimeoutMs());
                    }
                }
            });
            // SECURITY.md 10: a client trickling its request is cut off.
            cfg.jetty.modifyHttpConfiguration(hc -> {
                hc.setMinRequestDataRate(1024);
                hc.setSendServerVersion(false);
            });

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

    /**
     * A bearer token, or the admin page's session cookie; with the cookie, a state-changing request must also carry
     * the session's CSRF token, so another site cannot make a signed-in browser change anything.
     */
    private void authenticate(Context ctx) {
        String auth = ctx.header("Authorization");
        if ((auth == null || auth.isBlank()) && ctx.cookie(AdminSessions.COOKIE) != null) {
            AdminSessions.Session session = sessions.find(ctx.cookie(AdminSessions.COOKIE))
                    .orElseThrow(() -> new HttpStatusException(401, "the admin session has ended; sign in again"));
            if (!AdminGuard.safe(ctx.method().name())) {
                AdminGuard.requireCsrf(ctx, session);
            }
            ctx.attribute(Api.PRINCIPAL, session.principal());
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
        for (Header h : response.headers()) {
            if (h.name().equalsIgnoreCase("Content-Type")) {
                ctx.contentType(h.value());
                typed = true;
            } else {
                ctx.res().addHeader(h.name(), h.value());
            }
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
