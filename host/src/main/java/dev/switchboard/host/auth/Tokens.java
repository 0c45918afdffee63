package dev.switchboard.host.auth;

import dev.switchboard.api.Row;
import dev.switchboard.host.storage.HostDatabase;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Admin API tokens (SECURITY.md 19): {@code sbt_} + 32 random bytes (base64url), stored only as SHA-256, shown once
 * at creation, revocable. The configured {@code admin_token} is also accepted as given, for automation.
 */
public final class Tokens {
    /** Every token starts with this, so leaked tokens are easy to grep for. */
    public static final String PREFIX = "sbt_";

    private final HostDatabase db;
    private final Clock clock;
    private final Optional<String> configuredToken;
    private static final long TOUCH_INTERVAL_MS = 60_000;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> lastTouched = new ConcurrentHashMap<>();

    public Tokens(HostDatabase db, Clock clock, Optional<String> configuredToken) {
        this.db = db;
        this.clock = clock;
        this.configuredToken = configuredToken;
    }

    /** A token listed without its secret. */
    public record TokenInfo(long id, String name, String prefix, long createdAt, String createdBy, Long lastUsedAt,
                            Long revokedAt) {
        static TokenInfo of(Row r) {
            return new TokenInfo(r.getLong("id"), r.getString("name"), r.getString("prefix"), r.getLong("created_at"),
                    r.getString("created_by"), r.getLong("last_used_at"), r.getLong("revoked_at"));
        }
    }

    /** A new token: the secret is in {@code token} and is never stored or shown again. */
    public record Created(TokenInfo info, String token) {
    }

    /** Creates a token. */
    public Created create(String name, String createdBy) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String prefix = token.substring(0, PREFIX.length() + 6);
        long now = clock.millis();
        long id = db.write(sql -> sql.insert(
                "INSERT INTO api_token(name, prefix, sha256, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
                name, prefix, sha256(token), now, createdBy));
        return new Created(new TokenInfo(id, name, prefix, now, createdBy, null, null), token);
    }

    /** Every token, newest first. */
    public List<TokenInfo> list() {
        return db.read(sql -> sql.query("SELECT * FROM api_token ORDER BY id DESC")).stream().map(TokenInfo::of)
                .toList();
    }

    /**
     * Revokes a token and ends the admin page sessions signed in with it, in one transaction; false when there is no
     * such (unrevoked) token.
     */
    public boolean revoke(long id) {
        long now = clock.millis();
        return db.write(sql -> {
            if (sql.update("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, id) != 1) {
                return false;
            }
            sql.update("DELETE FROM admin_session WHERE token_sha256 = (SELECT sha256 FROM api_token WHERE id = ?)",
                    id);
            return true;
        });
    }

    /**
     * HMAC-SHA256 of the configured {@code admin_token} keyed with {@code key} (hex), or empty when none is
     * configured. Sessions keep this instead of the token, so that changing the token ends them.
     */
    public Optional<String> configuredTokenMac(String key) {
        return configuredToken.map(t -> hmac(key, t));
    }

    private static String hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /**
     * The principal a bearer token authenticates, if any: the token's name, or {@code admin} for the configured
     * token. Comparison is on the SHA-256 (constant-time for the configured one).
     */
    public Optional<String> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        if (configuredToken.isPresent() && MessageDigest.isEqual(
                configuredToken.get().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("admin");
        }
        if (!token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = sha256(token);
        Optional<String> principal = db.read(sql -> sql.first(
                "SELECT name FROM api_token WHERE sha256 = ? AND revoked_at IS NULL", hash))
                .map(r -> "token:" + r.getString("name"));
        principal.ifPresent(p -> touch(hash));
        return principal;
    }

    /** Records the token's use, at most once a minute per token, so busy automation does not write on every call. */
    private void touch(String hash) {
        long now = clock.millis();
        Long last = lastTouched.get(hash);
        if (last != null && now - last < TOUCH_INTERVAL_MS) {
            return;
        }
        lastTouched.put(hash, now);
        db.write(sql -> sql.update("UPDATE api_token SET last_used_at = ? WHERE sha256 = ?", now, hash));
    }

    /** Hex SHA-256 of a secret, as stored (tokens, session ids). */
    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
