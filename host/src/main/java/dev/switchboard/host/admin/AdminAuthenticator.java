package dev.switchboard.host.admin;

import dev.switchboard.api.HttpStatusException;
import dev.switchboard.host.auth.Tokens;
import dev.switchboard.host.http.Authenticator;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Who calls the admin API: a bearer token, or the admin page's session cookie; with the cookie, a state-changing
 * request must also carry the session's CSRF token, so another site cannot make a signed-in browser change anything.
 */
public final class AdminAuthenticator implements Authenticator {
    private final Tokens tokens;
    private final AdminSessions sessions;

    public AdminAuthenticator(Tokens tokens, AdminSessions sessions) {
        this.tokens = tokens;
        this.sessions = sessions;
    }

    @Override
    public Caller authenticate(Context ctx) {
        String auth = ctx.header("Authorization");
        if ((auth == null || auth.isBlank()) && ctx.cookie(AdminSessions.COOKIE) != null) {
            AdminGuard.requireSameOrigin(ctx);
            AdminSessions.Session session = sessions.find(ctx.cookie(AdminSessions.COOKIE))
                    .orElseThrow(() -> new HttpStatusException(401, "the admin session has ended; sign in again"));
            if (!AdminGuard.safe(ctx.method().name())) {
                AdminGuard.requireCsrf(ctx, session);
            }
            return new Caller(session.principal(), true);
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
        return new Caller(principal.get(), false);
    }
}
