package dev.switchboard.host.http;

import io.javalin.http.Context;
import java.util.Optional;
import org.eclipse.jetty.server.ServerConnector;

/** The optional second port that serves only public plugin routes and {@code /health} ({@code http.public_port}). */
final class PublicPort {
    private volatile ServerConnector connector;

    void set(ServerConnector c) {
        this.connector = c;
    }

    /** Whether a public port is configured. */
    boolean configured() {
        return connector != null;
    }

    /** Whether the request came in on the public port. */
    boolean carries(Context ctx) {
        ServerConnector c = connector;
        return c != null && ctx.req().getLocalPort() == c.getLocalPort();
    }

    /** The port actually bound, when configured. */
    Optional<Integer> port() {
        ServerConnector c = connector;
        return c == null ? Optional.empty() : Optional.of(c.getLocalPort());
    }

    /** On the public port only {@code /health} and public plugin routes answer; the admin page and API do not. */
    void keepAdminOff(Context ctx) {
        String path = ctx.path();
        if (carries(ctx) && (path.equals("/api") || path.startsWith("/api/") || path.equals("/admin")
                || path.startsWith("/admin/") || path.equals("/metrics"))) {
            throw new dev.switchboard.api.HttpStatusException(404,
                    "the admin page and API are not served on the public port");
        }
    }
}
