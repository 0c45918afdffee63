package dev.switchboard.host.admin;

import dev.switchboard.api.HttpStatusException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The CSRF rule for cookie sessions: a state-changing request must echo the session's token in a header. */
public final class AdminGuard {
    private AdminGuard() {
    }

    /** True for methods that change nothing (they need no CSRF token). */
    public static boolean safe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    /** @throws HttpStatusException 403 when the request's {@code X-CSRF-Token} is missing or wrong */
    public static void requireCsrf(Context ctx, AdminSessions.Session session) {
        String given = ctx.header(AdminSessions.CSRF_HEADER);
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                session.csrf().getBytes(StandardCharsets.UTF_8))) {
            throw new HttpStatusException(403, "missing or wrong " + AdminSessions.CSRF_HEADER
                    + " (reload the admin page and try again)");
        }
    }
}
