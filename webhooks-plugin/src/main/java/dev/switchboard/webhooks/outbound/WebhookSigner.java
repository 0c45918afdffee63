package dev.switchboard.webhooks.outbound;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
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
        return secrets.stream()
                .map(s -> "v1," + Base64.getEncoder().encodeToString(
                        hmac(Base64.getDecoder().decode(s.substring(PREFIX.length())), prefix, body)))
                .collect(Collectors.joining(" "));
    }

    /** GitHub's {@code X-Hub-Signature-256}: {@code sha256=<hex HMAC-SHA256(body)>} keyed with the secret's text. */
    public static String githubSignature(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), new byte[0], body));
    }

    private static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
