package dev.switchboard.host.admin;

import dev.switchboard.host.auth.Tokens;
import dev.switchboard.host.storage.HostDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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

    /**
     * Signs in with an admin token; empty when the token is not valid. The session records the credential it came
     * from: an API token's SHA-256 (it ends when the token is revoked), or for the configured {@code admin_token} an
     * HMAC of it keyed with the cookie (it ends when the configured token changes).
     */
    public Optional<Created> signIn(String token) {
        Optional<String> principal = tokens.authenticate(token);
        if (principal.isEmpty()) {
            return Optional.empty();
        }
        String id = randomText();
        String csrf = randomText();
        long now = clock.millis();
        boolean apiToken = principal.get().startsWith("token:");
        String tokenHash = apiToken ? Tokens.sha256(token) : null;
        String adminTokenMac = apiToken ? null : tokens.configuredTokenMac(id)
                .orElseThrow(() -> new IllegalStateException("signed in as admin without a configured admin_token"));
        db.write(sql -> {
            sql.update("DELETE FROM admin_session WHERE expires_at < ?", now);
            return sql.update("INSERT INTO admin_session(id_sha256, principal, token_sha256, admin_token_mac, csrf,"
                    + " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)", Tokens.sha256(id), principal.get(),
                    tokenHash, adminTokenMac, csrf, now, now + lifetime.toMillis());
        });
        return Optional.of(new Created(id, new Session(principal.get(), csrf)));
    }

    /**
     * The live session for a cookie value: not expired, and the credential it came from still valid (its API token
     * not revoked, or the configured admin token unchanged).
     */
    public Optional<Session> find(String cookie) {
        if (cookie == null || cookie.isEmpty() || cookie.length() > 100) {
            return Optional.empty();
        }
        return db.read(sql -> sql.first("SELECT s.principal, s.csrf, s.admin_token_mac FROM admin_session s"
                        + " WHERE s.id_sha256 = ? AND s.expires_at > ? AND ((s.token_sha256 IS NOT NULL AND EXISTS"
                        + " (SELECT 1 FROM api_token t WHERE t.sha256 = s.token_sha256 AND t.revoked_at IS NULL))"
                        + " OR s.admin_token_mac IS NOT NULL)",
                Tokens.sha256(cookie), clock.millis()))
                .filter(r -> r.getString("admin_token_mac") == null
                        || tokens.configuredTokenMac(cookie).filter(mac -> MessageDigest.isEqual(
                                mac.getBytes(StandardCharsets.US_ASCII),
                                r.getString("admin_token_mac").getBytes(StandardCharsets.US_ASCII))).isPresent())
                .map(r -> new Session(r.getString("principal"), r.getString("csrf")));
    }

    /** Ends a session (sign out). */
    public void end(String cookie) {
        if (cookie != null && !cookie.isEmpty()) {
            db.write(sql -> sql.update("DELETE FROM admin_session WHERE id_sha256 = ?", Tokens.sha256(cookie)));
        }
    }

    /** Ends every session, on every node ("sign out everywhere"); returns how many were live. */
    public int endAll() {
        long now = clock.millis();
        return db.write(sql -> {
            int live = sql.first("SELECT COUNT(*) AS n FROM admin_session WHERE expires_at > ?", now)
                    .map(r -> r.getLong("n").intValue()).orElse(0);
            sql.update("DELETE FROM admin_session");
            return live;
        });
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
