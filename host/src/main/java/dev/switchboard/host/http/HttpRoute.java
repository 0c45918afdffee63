package dev.switchboard.host.http;

import dev.switchboard.api.HttpEndpoint.Access;
import dev.switchboard.api.Routes;
import java.util.Locale;

/**
 * One route of the host or a plugin, as {@code GET /api/routes} lists it and the dispatcher matches it.
 *
 * @param method   upper case, or {@link #ANY} for a route that takes every method
 * @param pattern  the checked path pattern
 * @param owner    {@value #HOST} or the plugin's id
 * @param summary  one line for people, or null
 * @param bodyType the record the request body binds to, or null
 * @param status   the status of a successful answer
 * @param response what a successful answer holds, or null
 * @param responseType the record whose JSON a successful answer is (the API document's schema), or null
 * @param handler  the plugin's handler; null for the host's own routes (served by the server directly)
 */
public record HttpRoute(String method, RoutePattern pattern, Access access, String owner, String summary,
                    Class<?> bodyType, int status, String response, Class<?> responseType,
                    Routes.Handler handler) {
    /** The method of a route that takes every method. */
    public static final String ANY = "*";
    /** The owner of the host's own routes. */
    public static final String HOST = "host";

    /** A host route served by the server itself. */
    static HttpRoute host(String method, String path, String summary, int status, Class<?> responseType) {
        Access access = path.startsWith("/api/") ? Access.ADMIN : Access.PUBLIC;
        return new HttpRoute(method.toUpperCase(Locale.ROOT), new RoutePattern(path), access, HOST, summary, null,
                status, null, responseType, null);
    }

    public String path() {
        return pattern.pattern();
    }

    /** Whether this route answers the method. */
    boolean takes(String requestMethod) {
        return method.equals(ANY) || method.equals(requestMethod);
    }

    /** Whether this route and another would answer the same requests (same path shape, overlapping methods). */
    public boolean clashesWith(HttpRoute other) {
        return pattern.shape().equals(other.pattern.shape())
                && (method.equals(other.method) || method.equals(ANY) || other.method.equals(ANY));
    }

    /** {@code GET /api/x (plugin acme)}, for messages. */
    public String describe() {
        return (method.equals(ANY) ? "any method" : method) + " " + path() + " of "
                + (owner.equals(HOST) ? "the host" : "plugin " + owner);
    }
}
