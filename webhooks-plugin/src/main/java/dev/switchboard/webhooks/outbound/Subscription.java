package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.Secrets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An outbound webhook subscription with its secrets in clear (they are encrypted only in the database). Its JSON
 * form for the API masks every secret.
 *
 * @param id                   database id (0 before it is stored)
 * @param name                 unique, no spaces
 * @param filter               template condition that must render truthy, or null
 * @param payloadTemplate      Jinja body template, or null for the default envelope
 * @param auth                 outgoing credentials
 * @param customHeader         an extra header, or null
 * @param secret               the signing secret ({@code whsec_…}), or null for unsigned deliveries
 * @param previousSecret       the secret before the last rotation, signing alongside until {@code previousSecretUntil}
 * @param previousSecretUntil  epoch millis when the previous secret stops signing, or null
 * @param rateLimit            deliveries a minute across the cluster, or null for no limit
 * @param disabledReason       why the engine disabled it, or null
 */
public record Subscription(long id, String name, String description, boolean enabled, String url,
                           List<String> events, String filter, String payloadFormat,
                           String payloadTemplate, String postMode, Auth auth, CustomHeader customHeader,
                           String secret, String previousSecret, Long previousSecretUntil, boolean githubSignature,
                           boolean secretInPayload, Integer rateLimit, String disabledReason, long createdAt, long updatedAt) {
    /** What API responses show instead of a secret (the host's one mask). */
    public static final String MASK = Secrets.MASK;

    /** Outgoing credentials: {@code none}, {@code basic} (username + password) or {@code bearer} (token). */
    public record Auth(String type, String username, String credential) {
        /** No credentials. */
        public static final Auth NONE = new Auth("none", null, null);

        Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("type", type);
            switch (type) {
                case "basic" -> {
                    out.put("username", username);
                    out.put("password", MASK);
                }
                case "bearer" -> out.put("token", MASK);
                default -> { }
            }
            return out;
        }
    }

    /** One extra request header; its value is treated as a secret. */
    public record CustomHeader(String name, String value) {
        Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", name);
            out.put("value", MASK);
            return out;
        }
    }

    /** The signing secrets in force at {@code now}: the current one, then the previous one during its grace window. */
    public List<String> signingSecrets(long now) {
        if (secret == null) {
            return List.of();
        }
        if (previousSecret != null && previousSecretUntil != null && now < previousSecretUntil) {
            return List.of(secret, previousSecret);
        }
        return List.of(secret);
    }

    /** The API form: every field, secrets masked. */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("name", name);
        out.put("description", description);
        out.put("enabled", enabled);
        out.put("disabled_reason", disabledReason);
        out.put("url", url);
        out.put("events", events);
        out.put("filter", filter);
        out.put("payload_format", payloadFormat);
        out.put("payload_template", payloadTemplate);
        out.put("post_mode", postMode);
        out.put("auth", auth.toJson());
        out.put("custom_header", customHeader == null ? null : customHeader.toJson());
        out.put("secret", secret == null ? null : WebhookSigner.PREFIX + MASK);
        out.put("previous_secret_expires_at", previousSecretUntil);
        out.put("github_signature", githubSignature);
        out.put("secret_in_payload", secretInPayload);
        out.put("rate_limit", rateLimit);
        out.put("created_at", createdAt);
        out.put("updated_at", updatedAt);
        return out;
    }
}
