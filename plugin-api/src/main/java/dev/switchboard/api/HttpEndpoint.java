package dev.switchboard.api;

import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * A route the host serves for a plugin while the plugin is enabled (404 once it is disabled).
 *
 * <p>Pattern syntax: literal segments, {@code {name}} for one segment, and a last segment {@code {name...}} for the
 * rest of the path, which may be empty ({@code /webhooks/{guid}/{path...}} matches {@code /webhooks/abc} too).
 * Admin endpoints must live under {@code /api/} and require an admin token; the host's own routes win on a clash.
 *
 * <pre>{@code
 * @Extension
 * public final class Echo implements HttpEndpoint {
 *     public String path() { return "/echo/{rest...}"; }
 *     public HttpResponse handle(HttpRequest request) {
 *         return HttpResponse.text(200, request.pathParam("rest"));
 *     }
 * }
 * }</pre>
 *
 * @since 1.0.0
 */
public interface HttpEndpoint extends ExtensionPoint {
    /**
     * Who may call an endpoint.
     *
     * @since 1.0.0
     */
    enum Access {
        /**
         * Anyone; the endpoint does its own checks (e.g. an unguessable URL or a signature).
         *
         * @since 1.0.0
         */
        PUBLIC,
        /**
         * Callers with an admin token ({@code Authorization: Bearer ...}); path must start with {@code /api/}.
         *
         * @since 1.0.0
         */
        ADMIN
    }

    /**
     * The route pattern.
     *
     * @since 1.0.0
     */
    String path();

    /**
     * Methods served (upper case); empty means any. Other methods get 405.
     *
     * @since 1.0.0
     */
    default Set<String> methods() {
        return Set.of();
    }

    /**
     * Who may call it.
     *
     * @since 1.0.0
     */
    default Access access() {
        return Access.PUBLIC;
    }

    /**
     * Handles one request.
     *
     * @throws HttpStatusException for an error answer with a status and message
     * @throws Exception anything else becomes a 500 with a generic body; the detail is logged
     * @since 1.0.0
     */
    HttpResponse handle(HttpRequest request) throws Exception;
}
