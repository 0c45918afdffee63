package dev.switchboard.host.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.host.json.HostJson;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What host features use to add admin API routes: every route registered here requires an admin token (checked
 * before the handler runs); bodies are read with the API's size limit and bound strictly (unknown fields, wrong
 * types and malformed JSON are 400s naming the field).
 */
public final class Api {
    /** The context attribute holding the authenticated principal. */
    static final String PRINCIPAL = "switchboard.principal";
    /** The context attribute set when the principal signed in with the admin page's cookie, not a bearer token. */
    static final String BROWSER_SESSION = "switchboard.browser_session";
    /** The context attribute holding the request body once read (by the API or a plugin route). */
    static final String BODY = "switchboard.body";
    /** Set by routes that write their response body themselves, so call listeners can see it. */
    static final String RESPONSE_BODY = "switchboard.response.body";

    private final RoutesConfig routes;
    private final HostJson json;
    private final long maxBody;
    private final ErrorAnswers errors;
    private final List<Documented> registered = new ArrayList<>();
    private final List<ApiCallListener> callListeners = new ArrayList<>();

    Api(RoutesConfig routes, HostJson json, long maxBody, ErrorAnswers errors) {
        this.routes = routes;
        this.json = json;
        this.maxBody = maxBody;
        this.errors = errors;
    }

    /**
     * Adds an admin route: the API under {@code /api/} (bearer token or session), or the admin page under
     * {@code /admin}; what the API document says of it is set on the answer.
     */
    public Documented route(HandlerType method, String path, Handler handler) {
        if (!path.startsWith("/api/") && !path.equals("/admin") && !path.startsWith("/admin/")) {
            throw new IllegalArgumentException("admin routes live under /api/ or /admin: " + path);
        }
        Documented d = new Documented(method.name(), path);
        registered.add(d);
        routes.addHttpHandler(method, path, handler);
        return d;
    }

    /**
     * What {@code GET /api/routes} and the API document say of one host route: a one-line summary, the success
     * status (200 unless set) and the record whose JSON a successful answer is. Every setter returns the route.
     */
    public static final class Documented {
        private final String method;
        private final String path;
        private String summary;
        private int status = 200;
        private Class<? extends Record> response;

        private Documented(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Documented summary(String text) {
            this.summary = text;
            return this;
        }

        public Documented status(int code) {
            this.status = code;
            return this;
        }

        /** The record whose JSON a successful answer is (see {@code Routes.Route.response}). */
        public Documented response(Class<? extends Record> type) {
            this.response = type;
            return this;
        }

        HttpRoute route() {
            return HttpRoute.host(method, path, summary, status, response);
        }
    }

    /**
     * Adds an open {@code GET} route outside {@code /api/} that needs no token ({@code /health}, {@code /metrics}):
     * it must check nothing and tell nothing secret.
     */
    public Documented open(String path, String summary, Handler handler) {
        if (path.startsWith("/api") || path.startsWith("/admin")) {
            throw new IllegalArgumentException("open routes live outside /api/ and /admin: " + path);
        }
        Documented d = new Documented("GET", path).summary(summary);
        registered.add(d);
        routes.addHttpHandler(HandlerType.GET, path, handler);
        return d;
    }

    /** Tells {@code listener} of every answered {@code /api/} call of a signed-in caller, whatever it answered. */
    public Api onEachCall(ApiCallListener listener) {
        callListeners.add(listener);
        return this;
    }

    /**
     * Answers a feature's exception type with an error status and its message (e.g. a plugin that cannot be
     * enabled is a 409), in the API's error format.
     */
    public <E extends Exception> Api exception(Class<E> type, java.util.function.ToIntFunction<E> status) {
        routes.exception(type, (e, ctx) -> errors.write(ctx, status.applyAsInt(e), e.getMessage(), null));
        return this;
    }

    /** Every admin route registered so far. */
    List<HttpRoute> registered() {
        return registered.stream().map(Documented::route).toList();
    }

    List<ApiCallListener> callListeners() {
        return List.copyOf(callListeners);
    }

    public Documented get(String path, Handler handler) {
        return route(HandlerType.GET, path, handler);
    }

    public Documented post(String path, Handler handler) {
        return route(HandlerType.POST, path, handler);
    }

    public Documented patch(String path, Handler handler) {
        return route(HandlerType.PATCH, path, handler);
    }

    public Documented put(String path, Handler handler) {
        return route(HandlerType.PUT, path, handler);
    }

    public Documented delete(String path, Handler handler) {
        return route(HandlerType.DELETE, path, handler);
    }

    /** The authenticated principal of an admin request (e.g. {@code token:ci} or {@code admin}). */
    public static String principal(Context ctx) {
        Object p = ctx.attribute(PRINCIPAL);
        return p == null ? "anonymous" : p.toString();
    }

    /**
     * Whether the request was authenticated by the admin page's session cookie. Writes that hand out a credential
     * refuse such requests: a script that got hold of the page's CSRF token must not be able to mint one.
     */
    public static boolean fromBrowserSession(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(BROWSER_SESSION));
    }

    /** The raw body, at most the API limit (413 beyond it); read once per request, so callers may ask again. */
    public byte[] bodyBytes(Context ctx) {
        byte[] cached = ctx.attribute(BODY);
        if (cached == null) {
            cached = BoundedBody.read(ctx, maxBody);
            ctx.attribute(BODY, cached);
        }
        return cached;
    }

    /**
     * Binds the JSON body to a type strictly.
     *
     * @throws HttpStatusException 400 naming the problem and the field
     */
    public <T> T body(Context ctx, Class<T> type) {
        byte[] bytes = bodyBytes(ctx);
        if (bytes.length == 0) {
            throw new HttpStatusException(400, "request body is empty; send a JSON object");
        }
        try {
            T value = json.mapper().readValue(bytes, type);
            HostJson.requireWellFormed(json.mapper().readValue(bytes, Object.class), "$");
            return value;
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(400, e.getMessage());
        } catch (UnrecognizedPropertyException e) {
            throw new HttpStatusException(400, "unknown field '" + e.getPropertyName() + "'", path(e));
        } catch (JsonMappingException e) {
            throw new HttpStatusException(400, "invalid value: " + e.getOriginalMessage(), path(e));
        } catch (JsonProcessingException e) {
            throw new HttpStatusException(400, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HttpStatusException(400, "could not read the request body: " + e.getMessage());
        }
    }

    /** The JSON body as a map (must be an object). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> bodyMap(Context ctx) {
        Object v = body(ctx, Object.class);
        if (!(v instanceof Map)) {
            throw new HttpStatusException(400, "request body must be a JSON object");
        }
        return (Map<String, Object>) v;
    }

    /** Answers with a JSON value. */
    public void json(Context ctx, int status, Object value) {
        ctx.status(status).contentType("application/json").result(json.writeBytes(value));
    }

    /** A query parameter as a bounded int (400 naming it when not a number or out of range). */
    public static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v < min || v > max) {
                throw new HttpStatusException(400, "query parameter '" + name + "' must be between " + min + " and "
                        + max, name);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new HttpStatusException(400, "query parameter '" + name + "' must be a whole number", name);
        }
    }

    /** A path parameter as a long id (404 when it is not a number: no such record). */
    public static long idParam(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new HttpStatusException(404, "no record with id '" + ctx.pathParam(name) + "'");
        }
    }

    private static String path(JsonMappingException e) {
        String p = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return p.isEmpty() ? null : p;
    }
}
