package dev.switchboard.host.admin;

import dev.switchboard.api.HttpStatusException;
import dev.switchboard.host.audit.AuditLog;
import dev.switchboard.host.http.Api;
import dev.switchboard.host.http.ApiRoutes;
import dev.switchboard.host.http.TrustedProxies;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The admin page at {@code /admin}: static files from the host jar (no build step) and the sign-in session
 * routes. The page itself calls the admin API with its session cookie and CSRF token. {@code admin.js} is the shell
 * (sign-in, navigation); {@code ui.js} the helpers every page module imports, the host's and the plugins'
 * ({@link PluginPages}); the host's pages are the modules under {@code pages/} ({@link HostPages}).
 */
public final class AdminPage implements ApiRoutes {
    /** Files the page is made of, with their content types; nothing else is served. */
    private static final Map<String, String> FILES = Map.of(
            "admin.js", "text/javascript; charset=utf-8",
            "ui.js", "text/javascript; charset=utf-8",
            "admin.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml");
    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final AdminSessions sessions;
    private final AuditLog audit;
    private final LoginThrottle throttle;
    private final TrustedProxies proxies;
    private final SignInForm form;
    private final boolean secureCookie;
    private final Map<String, byte[]> content;

    /**
     * @param throttle     failed sign-ins per client address
     * @param proxies      who may name the client address (the throttle's key)
     * @param baseUrl      the host's public base URL (the sign-in's own origin)
     * @param secureCookie mark the cookie {@code Secure} (the host's base URL is https)
     */
    public AdminPage(AdminSessions sessions, AuditLog audit, LoginThrottle throttle, TrustedProxies proxies,
                     Supplier<String> baseUrl, boolean secureCookie) {
        this.sessions = sessions;
        this.audit = audit;
        this.throttle = throttle;
        this.proxies = proxies;
        this.form = new SignInForm(baseUrl);
        this.secureCookie = secureCookie;
        Map<String, byte[]> files = new HashMap<>();
        files.put("index.html", load("index.html"));
        FILES.keySet().forEach(name -> files.put(name, load(name)));
        HostPages.files().forEach(name -> files.put("pages/" + name, load("pages/" + name)));
        this.content = Map.copyOf(files);
    }

    @Override
    public void register(Api api) {
        api.get("/admin", ctx -> file(ctx, "index.html", "text/html; charset=utf-8")).summary("The admin page");
        api.post("/admin/login", ctx -> {
            String token = form.token(ctx, api);
            String ip = proxies.clientIp(ctx.ip(), ctx.header("X-Forwarded-For"));
            Optional<Duration> wait = throttle.refuse(ip);
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                ctx.header("Retry-After", Long.toString(seconds));
                throw new HttpStatusException(429, "too many failed sign-ins from " + ip + "; try again in "
                        + seconds + " s");
            }
            Optional<AdminSessions.Created> created = sessions.signIn(token == null ? null : token.trim());
            if (created.isEmpty()) {
                throttle.failed(ip);
                throw new HttpStatusException(401, "that token is not valid (wrong, revoked, or mistyped)");
            }
            audit.record(created.get().session().principal(), "admin.login", "admin", Map.of("ip", ip));
            ctx.header("Set-Cookie", cookie(created.get().cookie(), sessions.lifetime().toSeconds()));
            api.json(ctx, 200, session(created.get().session()));
        }).summary("Signs in with an admin token: a session cookie and its CSRF token").response(SessionAnswer.class);
        api.get("/admin/session", ctx -> {
            AdminGuard.requireSameOrigin(ctx); // the answer carries the CSRF token
            api.json(ctx, 200, session(current(ctx)));
        }).summary("The signed-in session with its CSRF token").response(SessionAnswer.class);
        api.post("/admin/logout", ctx -> {
            AdminSessions.Session s = current(ctx);
            AdminGuard.requireCsrf(ctx, s);
            sessions.end(ctx.cookie(AdminSessions.COOKIE));
            audit.record(s.principal(), "admin.logout", "admin", Map.of());
            ctx.header("Set-Cookie", cookie("", 0));
            ctx.status(204);
        }).summary("Ends the session").status(204);
        // Sign out everywhere: every session on every node, this one included (an API route: token or session+CSRF).
        api.post("/api/sessions/end-all", ctx -> {
            String actor = Api.principal(ctx);
            int ended = sessions.endAll();
            audit.record(actor, "admin.sessions.end_all", "admin", Map.of("ended", ended));
            if (ctx.cookie(AdminSessions.COOKIE) != null) {
                ctx.header("Set-Cookie", cookie("", 0));
            }
            api.json(ctx, 200, Map.of("ended", ended));
        }).summary("Ends every admin page session on every node").response(Ended.class);
        api.get("/admin/pages/{file}", ctx -> {
            String name = "pages/" + ctx.pathParam("file");
            if (!content.containsKey(name)) {
                throw new HttpStatusException(404, "no such file");
            }
            file(ctx, name, name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
        }).summary("A module or stylesheet of the host's pages");
        // Last: the literal routes above win over the file pattern.
        api.get("/admin/{file}", ctx -> {
            String name = ctx.pathParam("file");
            String type = FILES.get(name);
            if (type == null) {
                throw new HttpStatusException(404, "no such file");
            }
            file(ctx, name, type);
        }).summary("The admin page's shell, UI helpers, stylesheet and icon");
    }

    private AdminSessions.Session current(Context ctx) {
        return sessions.find(ctx.cookie(AdminSessions.COOKIE))
                .orElseThrow(() -> new HttpStatusException(401, "not signed in"));
    }

    private static Map<String, Object> session(AdminSessions.Session s) {
        return Map.of("principal", s.principal(), "csrf", s.csrf());
    }

    private String cookie(String value, long maxAgeSeconds) {
        return AdminSessions.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secureCookie ? "; Secure" : "");
    }

    private void file(Context ctx, String name, String type) {
        secureHeaders(ctx);
        ctx.contentType(type).result(content.get(name));
    }

    /** The headers of every file of the admin page, the host's and the plugins'. */
    static void secureHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        // A window this page is opened in belongs to no other document: an opener cannot reach into it.
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-cache");
    }

    private static byte[] load(String name) {
        try (InputStream in = AdminPage.class.getResourceAsStream("/admin/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the host jar lacks admin/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A session as the API answers it, for the API document. */
    record SessionAnswer(String principal, String csrf) {
    }

    /** How many sessions were ended. */
    record Ended(int ended) {
    }
}
