package dev.switchboard.webhooks.outbound;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing: {@code webhook-signature: v1,<base64 HMAC-SHA256(id.timestamp.body)>} keyed with the
 * base64 part of a {@code whsec_} secret, one space-separated signature per active secret (during rotation), and
 * GitHub's {@code X-Hub-Signature-256} for receivers built for GitHub.
 */
public final class WebhookSigner {
    /** The prefix of every signing secret. */
    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigner() {
    }

    /** A new secret: {@code whsec_} + base64 of 32 random bytes. */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** True when {@code secret} is {@code whsec_} + base64 of at least 24 bytes. */
    public static boolean isValidSecret(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(secret.substring(PREFIX.length())).length >= 24;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The {@code webhook-signature} value for one or more secrets (newest first). */
    public static String signature(List<String> secrets, String id, long timestampSeconds, byte[] body) {
        byte[] prefix = (id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(48 * secrets.size());
        for (String s : secrets) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            byte[] key = Base64.getDecoder().decode(s.substring(PREFIX.length()));
            out.append("v1,").append(Base64.getEncoder().encodeToString(hmac(key, prefix, body)));
        }
        return out.toString();
    }

    /** GitHub's {@code X-Hub-Signature-256}: {@code sha256=<hex HMAC-SHA256(body)>} keyed with the secret's text. */
    public static String githubSignature(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), new byte[0], body));
    }

    /**
     * Each thread's HMAC-SHA256, keyed anew per signature: {@code Mac.getInstance} and the provider choice of the
     * first {@code init} were most of a signature's cost (a profile of the delivery engine's senders).
     */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    });

    private static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
        Mac mac = MACS.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256")); // also resets it
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 refused its key", e);
        }
        mac.update(prefix);
        return mac.doFinal(body);
    }
}
