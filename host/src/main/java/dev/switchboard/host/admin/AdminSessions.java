package dev.switchboard.host.admin;

import dev.switchboard.host.auth.Tokens;
import dev.switchboard.host.storage.HostDatabase;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Sign-in sessions for the admin page, in the database so that every node behind a load balancer knows them. The
 * cookie carries 256 random bits; the table keeps their SHA-256. Each session has its own CSRF token, which every
 * state-changing request made with the cookie must echo in {@code X-CSRF-Token}.
 */
public final class AdminSessions {
    /** The session cookie's name. */
    public static final String COOKIE = "sb_admin";
    /** The header that carries the CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final HostDatabase db;
    private final Tokens tokens;
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    public AdminSessions(HostDatabase db, Tokens tokens, Clock clock, Duration lifetime) {
        this.db = db;
        this.tokens = tokens;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A signed-in session. */
    public record Session(String principal, String csrf) {
    }

    /** A session just created: the cookie value (shown once, never stored) and the session. */
    public record Created(String cookie, Session session) {
    }

    /** Signs in with an admin token; empty when the token is not valid. */
    public Optional<Created> signIn(String token) {
        Optional<String> principal = tokens.authenticate(token);
        if (principal.isEmpty()) {
            return Optional.empty();
        }
        String id = randomText();
        String csrf = randomText();
        long now = clock.millis();
        String tokenHash = principal.get().startsWith("token:") ? Tokens.sha256(token) : null;
        db.write(sql -> {
            sql.update("DELETE FROM admin_session WHERE expires_at < ?", now);
            return sql.update("INSERT INTO admin_session(id_sha256, principal, token_sha256, csrf, created_at,"
                    + " expires_at) VALUES (?, ?, ?, ?, ?, ?)", Tokens.sha256(id), principal.get(), tokenHash, csrf,
                    now, now + lifetime.toMillis());
        });
        return Optional.of(new Created(id, new Session(principal.get(), csrf)));
    }

    /** The live session for a cookie value: not expired, and its token (if any) not revoked. */
    public Optional<Session> find(String cookie) {
        if (cookie == null || cookie.isEmpty() || cookie.length() > 100) {
            return Optional.empty();
        }
        return db.read(sql -> sql.first("SELECT s.principal, s.csrf FROM admin_session s WHERE s.id_sha256 = ?"
                        + " AND s.expires_at > ? AND (s.token_sha256 IS NULL OR EXISTS (SELECT 1 FROM api_token t"
                        + " WHERE t.sha256 = s.token_sha256 AND t.revoked_at IS NULL))",
                Tokens.sha256(cookie), clock.millis()))
                .map(r -> new Session(r.getString("principal"), r.getString("csrf")));
    }

    /** Ends a session (sign out). */
    public void end(String cookie) {
        if (cookie != null && !cookie.isEmpty()) {
            db.write(sql -> sql.update("DELETE FROM admin_session WHERE id_sha256 = ?", Tokens.sha256(cookie)));
        }
    }

    /** How long a session lasts. */
    public Duration lifetime() {
        return lifetime;
    }

    private String randomText() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
