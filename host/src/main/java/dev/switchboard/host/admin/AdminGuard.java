package dev.switchboard.host.admin;

import dev.switchboard.api.HttpStatusException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The rules for requests authenticated by the admin page's cookie: they must come from the admin page's own origin
 * (fetch metadata and {@code Origin}, when the browser sends them: a sandboxed plugin answer or another site has a
 * different or opaque origin), and a state-changing one must echo the session's CSRF token in a header.
 */
public final class AdminGuard {
    private AdminGuard() {
    }

    /** True for methods that change nothing (they need no CSRF token). */
    public static boolean safe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    /**
     * Refuses a request whose browser says it comes from another origin: {@code Sec-Fetch-Site} other than
     * {@code same-origin} or {@code none} (typed in the address bar), or an {@code Origin} whose host and port are
     * not the request's own ({@code null}, the origin of sandboxed documents, never matches).
     *
     * @throws HttpStatusException 403 naming the reason
     */
    public static void requireSameOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new HttpStatusException(403, "a signed-in admin request must come from the admin page itself"
                    + " (Sec-Fetch-Site: " + site + ")");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !sameAuthority(origin, ctx.header("Host"))) {
            throw new HttpStatusException(403, "a signed-in admin request must come from the admin page itself"
                    + " (Origin: " + origin + ")");
        }
    }

    private static boolean sameAuthority(String origin, String host) {
        int scheme = origin.indexOf("://");
        return host != null && scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
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
