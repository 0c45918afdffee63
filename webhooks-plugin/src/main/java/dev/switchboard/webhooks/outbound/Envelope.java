package dev.switchboard.webhooks.outbound;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The default payload (APIO-style): {@code {"event": {"id", "label"}, "id", "timestamp", "data"}}, where {@code id}
 * is the delivery's {@code webhook-id} and {@code timestamp} is ISO-8601 UTC.
 */
final class Envelope {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Envelope() {
    }

    /** A new delivery id: {@code msg_} + 22 URL-safe base64 characters (128 random bits). */
    static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static Map<String, Object> of(String eventType, String label, String id, Instant timestamp,
                                  Map<String, Object> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", eventType);
        event.put("label", label);
        out.put("event", event);
        out.put("id", id);
        out.put("timestamp", timestamp.toString());
        out.put("data", data);
        return out;
    }
}
