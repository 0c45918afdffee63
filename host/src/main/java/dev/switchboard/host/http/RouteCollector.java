package dev.switchboard.host.http;

import dev.switchboard.api.HttpEndpoint;
import dev.switchboard.api.HttpEndpoint.Access;
import dev.switchboard.api.HttpRoutes;
import dev.switchboard.api.Routes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Collects the routes one extension declares: an {@link HttpRoutes} through {@link Routes}, an older
 * {@link HttpEndpoint} through an adapter (one route per method it lists, or one route for any method), or the
 * host's own {@link HostRoutes}. Every pattern is checked as it is declared.
 */
public final class RouteCollector implements Routes {
    private final String owner;
    private final List<Declared> declared = new ArrayList<>();

    private RouteCollector(String owner) {
        this.owner = owner;
    }

    /**
     * The routes an extension declares, empty for an extension that declares none.
     *
     * @throws IllegalArgumentException for a bad declaration, naming the path and the owner
     */
    public static List<HttpRoute> routesOf(String owner, Object extension) {
        if (extension instanceof HostRoutes host) {
            return host.routes();
        }
        RouteCollector c = new RouteCollector(owner);
        if (extension instanceof HttpRoutes r) {
            r.routes(c);
        }
        if (extension instanceof HttpEndpoint e) {
            c.adapt(e);
        }
        return c.declared.stream().map(Declared::route).toList();
    }

    private void adapt(HttpEndpoint endpoint) {
        Handler handler = endpoint::handle;
        String summary = endpoint.getClass().getSimpleName();
        if (endpoint.methods().isEmpty()) {
            add(HttpRoute.ANY, endpoint.path(), endpoint.access(), handler).summary(summary);
        }
        for (String method : new TreeSet<>(endpoint.methods())) {
            add(method.toUpperCase(Locale.ROOT), endpoint.path(), endpoint.access(), handler).summary(summary);
        }
    }

    @Override
    public Route get(String path, Access access, Handler handler) {
        return add("GET", path, access, handler);
    }

    @Override
    public Route post(String path, Access access, Handler handler) {
        return add("POST", path, access, handler);
    }

    @Override
    public Route put(String path, Access access, Handler handler) {
        return add("PUT", path, access, handler);
    }

    @Override
    public Route patch(String path, Access access, Handler handler) {
        return add("PATCH", path, access, handler);
    }

    @Override
    public Route delete(String path, Access access, Handler handler) {
        return add("DELETE", path, access, handler);
    }

    @Override
    public Route any(String path, Access access, Handler handler) {
        return add(HttpRoute.ANY, path, access, handler);
    }

    private Declared add(String method, String path, Access access, Handler handler) {
        String where = method + " " + path + " of " + owner;
        RoutePattern pattern;
        try {
            pattern = new RoutePattern(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (" + owner + ")", e);
        }
        Objects.requireNonNull(access, () -> "route " + where + " has no access level");
        Objects.requireNonNull(handler, () -> "route " + where + " has no handler");
        if (access == Access.ADMIN && !path.startsWith("/api/")) {
            throw new IllegalArgumentException("admin route " + where + " must live under /api/");
        }
        if (access == Access.PUBLIC && (path.startsWith("/api/") || path.equals("/admin")
                || path.startsWith("/admin/"))) {
            throw new IllegalArgumentException("public route " + where + " must not be under /api/ or /admin");
        }
        Declared d = new Declared(method, pattern, access, handler);
        for (Declared other : declared) {
            if (other.route().clashesWith(d.route())) {
                throw new IllegalArgumentException("route " + where + " is declared twice (as " + other.path + ")");
            }
        }
        declared.add(d);
        return d;
    }

    /** A route being declared: its metadata is set through {@link Routes.Route} after {@code get(...)} returns. */
    private final class Declared implements Routes.Route {
        private final String method;
        private final RoutePattern path;
        private final Access access;
        private final Handler handler;
        private String summary;
        private Class<?> body;
        private int status = 200;
        private String response;
        private Class<?> responseType;

        Declared(String method, RoutePattern path, Access access, Handler handler) {
            this.method = method;
            this.path = path;
            this.access = access;
            this.handler = handler;
        }

        @Override
        public Routes.Route summary(String text) {
            this.summary = text;
            return this;
        }

        @Override
        public Routes.Route body(Class<? extends Record> type) {
            this.body = Objects.requireNonNull(type, "type");
            return this;
        }

        @Override
        public Routes.Route status(int code, String description) {
            if (code < 100 || code > 399) {
                throw new IllegalArgumentException("route " + method + " " + path + " of " + owner
                        + ": a success status is 100-399, not " + code);
            }
            this.status = code;
            this.response = description;
            return this;
        }

        @Override
        public Routes.Route response(Class<? extends Record> type) {
            this.responseType = Objects.requireNonNull(type, "type");
            return this;
        }

        HttpRoute route() {
            return new HttpRoute(method, path, access, owner, summary, body, status, response, responseType,
                    handler);
        }
    }
}
