package dev.switchboard.host.http;

import dev.switchboard.api.Field;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.VetoException;
import dev.switchboard.host.json.HostJson;
import dev.switchboard.host.storage.StorageUnavailableException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server: Jetty's connectors and limits, {@code /health}, {@code /metrics}, the admin API under
 * {@code /api/} (every call authenticated by the {@link Authenticator} first), and the routes of the started
 * plugins, which {@link RouteDispatcher} matches on every request against the current {@link RouteSource} so that
 * enabling or disabling a plugin takes effect at once. Errors are written by {@link ErrorAnswers}.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final HandlerType[] METHODS = {HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE, HandlerType.HEAD, HandlerType.OPTIONS};

    /**
     * Server settings.
     *
     * @param publicPort      a second port that serves only public plugin routes and {@code /health},
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
    private final Settings settings;
    private final PublicPort publicPort = new PublicPort();
    private final List<HttpRoute> hostRoutes = new ArrayList<>();

    /**
     * @param authenticator who calls {@code /api/} (run before every admin route, host and plugins)
     * @param routes        every current route, the host's and the started plugins' (for dispatch, 405 and
     *                      {@code GET /api/routes})
     * @param features      the host features' routes: health, metrics, the admin API and page
     */
    public HttpServer(Settings settings, HostJson json, Authenticator authenticator, RouteSource routes,
                      List<ApiRoutes> features) {
        this.settings = settings;
        ErrorAnswers errors = new ErrorAnswers(json);
        RouteDispatcher dispatcher = new RouteDispatcher(routes, new RouteDispatcher.RequestSettings(
                settings.proxies(), new BodyBinder(json), settings.pluginAnswerCsp()), publicPort, errors);
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
                cfg.jetty.addConnector((server, hc) -> {
                    ServerConnector c = connector(server, hc, settings.publicPort(), perAddress);
                    publicPort.set(c);
                    return c;
                });
                cfg.routes.before(publicPort::keepAdminOff);
            }
            cfg.jetty.modifyHttpConfiguration(hc -> hc.setSendServerVersion(false));

            Handler signIn = ctx -> {
                Authenticator.Caller caller = authenticator.authenticate(ctx);
                ctx.attribute(Api.PRINCIPAL, caller.principal());
                if (caller.browserSession()) {
                    ctx.attribute(Api.BROWSER_SESSION, true);
                }
            };
            cfg.routes.before("/api/*", signIn);
            cfg.routes.before("/api", signIn);
            Api api = new Api(cfg.routes, json, settings.maxApiBody(), errors);
            api.get("/api/routes", ctx -> api.json(ctx, 200, Map.of("routes", list(routes.routes()))))
                    .summary("Every route being served, the host's and the started plugins'").response(RouteList.class);
            String version = Optional.ofNullable(HttpServer.class.getPackage().getImplementationVersion()).orElse("dev");
            api.get("/api/openapi.json", ctx -> api.json(ctx, 200, OpenApiDocument.of(routes.routes(), version)))
                    .summary("This document: OpenAPI 3.1 of every route being served").response(OpenApi.class);
            features.forEach(f -> f.register(api));
            hostRoutes.addAll(api.registered());
            List<ApiCallListener> listeners = api.callListeners();
            cfg.routes.after("/api/*", ctx -> tell(listeners, ctx));
            // Everything else: matched against the current routes of the host and the started plugins.
            for (HandlerType m : METHODS) {
                cfg.routes.addHttpHandler(m, "/<rest>", dispatcher::dispatch);
                cfg.routes.addHttpHandler(m, "/", dispatcher::dispatch);
            }

            cfg.routes.exception(HttpStatusException.class, (e, ctx) -> errors.write(ctx, e.status(), e.getMessage(),
                    e.path()));
            // Disk full and the like: the client may retry; HostDatabase logged it and /health shows it.
            cfg.routes.exception(StorageUnavailableException.class, (e, ctx) -> {
                ctx.header("Retry-After", Integer.toString(StorageUnavailableException.RETRY_AFTER_SECONDS));
                errors.write(ctx, 503, "storage is unavailable (disk full?); retry later", null);
            });
            cfg.routes.exception(VetoException.class, (e, ctx) -> errors.write(ctx, e.status(), e.getMessage(), null));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> errors.write(ctx, e.getStatus(),
                    e.getMessage(), null));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                errors.write(ctx, 500, "internal error; the server log has the details", null);
            });
            cfg.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    errors.write(ctx, 404, "no route for " + ctx.method() + " " + ctx.path(), null);
                }
            });
        });
    }

    /** {@code GET /api/routes}: every route, host and plugins, by path then method. */
    private static List<Map<String, Object>> list(List<HttpRoute> routes) {
        return routes.stream()
                .sorted(Comparator.comparing(HttpRoute::path).thenComparing(HttpRoute::method))
                .map(r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("method", r.method());
                    m.put("path", r.path());
                    m.put("access", r.access().name().toLowerCase(Locale.ROOT));
                    m.put("owner", r.owner());
                    m.put("summary", r.summary());
                    return m;
                }).toList();
    }

    private static void tell(List<ApiCallListener> listeners, Context ctx) {
        Object principal = ctx.attribute(Api.PRINCIPAL);
        if (principal == null || listeners.isEmpty()) {
            return; // not signed in: a stranger's calls are reported to no one
        }
        byte[] written = ctx.attribute(Api.RESPONSE_BODY);
        String result = written == null ? ctx.result() : null;
        byte[] response = written != null ? written : result == null ? null : result.getBytes(StandardCharsets.UTF_8);
        String query = ctx.queryString();
        ApiCallListener.ApiCall call = new ApiCallListener.ApiCall(ctx.method().name(), ctx.path(),
                query == null ? "" : query, principal.toString(), ctx.attribute(Api.BODY), ctx.statusCode(), response);
        for (ApiCallListener l : listeners) {
            l.called(call);
        }
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

    /** The host's own routes: health, metrics, the admin API and the admin page (not plugins' routes). */
    public HostRoutes hostRoutes() {
        return new HostRoutes(hostRoutes);
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** The public port actually bound, when {@code http.public_port} is set. */
    public Optional<Integer> publicPort() {
        return publicPort.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** The routes, for the API document. */
    record RouteList(List<Route> routes) {
        record Route(String method, String path, String access, String owner, @Field(required = false) String summary) {
        }
    }

    /** The OpenAPI document's top level. */
    record OpenApi(String openapi, Map<String, Object> info, Map<String, Object> paths,
                   Map<String, Object> components) {
    }
}
