package dev.switchboard.host.http;

import io.javalin.http.Context;

/**
 * Who is calling the admin API: run before every {@code /api/} route (host and plugins). The admin feature
 * implements it (bearer tokens, the admin page's session cookie); the server only asks.
 */
@FunctionalInterface
public interface Authenticator {
    /**
     * The caller of a request under {@code /api/}.
     *
     * @throws dev.switchboard.api.HttpStatusException 401 (or 403) naming what is missing or wrong
     */
    Caller authenticate(Context ctx);

    /**
     * An authenticated caller.
     *
     * @param principal      the token's name, or the admin page's user
     * @param browserSession whether it signed in with the admin page's cookie rather than a bearer token
     */
    record Caller(String principal, boolean browserSession) {
    }
}
