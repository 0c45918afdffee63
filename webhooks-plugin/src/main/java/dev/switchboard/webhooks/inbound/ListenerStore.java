package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.BehaviorInfo;
import dev.switchboard.api.Behaviors;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.Row;
import dev.switchboard.api.Sql;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Listener rows: validation shared by the API and package import, writes that bump the change version (so every
 * process reloads its cache), and guid generation.
 */
final class ListenerStore {
    static final String TOPIC = "listeners";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, uid, name, guid, behavior_id, body_limit, rate_limit, "
            + "max_concurrent, log_mode, run_timeout_ms, updated_at";
    /** The longest run deadline a listener may ask for, as the host's {@code engine.run_timeout_ms} allows. */
    static final long MAX_RUN_TIMEOUT_MS = 600_000;

    private ListenerStore() {
    }

    /** 160 random bits as 40 lowercase hex characters. */
    static String newGuid() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static List<Listener> all(Sql sql) {
        return sql.query("SELECT " + COLUMNS + " FROM webhook_listener ORDER BY id").stream()
                .map(Listener::of).toList();
    }

    static Optional<Listener> byId(Sql sql, long id) {
        return sql.first("SELECT " + COLUMNS + " FROM webhook_listener WHERE id = ?", id).map(Listener::of);
    }

    static long version(Sql sql) {
        return sql.first("SELECT version FROM webhook_listener_version WHERE topic = ?", TOPIC)
                .map(r -> r.getLong("version")).orElse(0L);
    }

    /** Increments the change version inside the caller's transaction. */
    static void bump(Sql sql) {
        sql.update("UPDATE webhook_listener_version SET version = version + 1 WHERE topic = ?", TOPIC);
    }

    /** Checks the name: required, at most 255 characters. @throws HttpStatusException 422 naming {@code name} */
    static void checkName(Object name) {
        if (!(name instanceof String s) || s.isBlank()) {
            throw new HttpStatusException(422, "name is required", "name");
        }
        if (s.length() > 255) {
            throw new HttpStatusException(422, "name is longer than 255 characters", "name");
        }
    }

    /** Checks a given guid: 1-40 URL-safe characters. @throws HttpStatusException 422 naming {@code guid} */
    static void checkGuid(String guid) {
        if (guid.isEmpty() || guid.length() > 40 || !guid.matches("[A-Za-z0-9_-]+")) {
            throw new HttpStatusException(422, "guid must be 1-40 characters of A-Z, a-z, 0-9, '_' or '-'", "guid");
        }
    }

    /**
     * The behavior id, which must exist and be on {@code event.webhook.received}.
     *
     * @throws HttpStatusException 422 naming {@code behavior_id}
     */
    static long checkBehavior(Behaviors behaviors, Sql sql, Object value) {
        long id;
        try {
            id = value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new HttpStatusException(422, "behavior_id must be a behavior's id", "behavior_id");
        }
        BehaviorInfo b = behaviors.find(sql, id).orElseThrow(() ->
                new HttpStatusException(422, "no behavior with id " + id, "behavior_id"));
        if (!WebhookReceivedEvent.ID.equals(b.eventId())) {
            throw new HttpStatusException(422, "behavior " + id + " ('" + b.title() + "') is on " + b.eventId()
                    + ", not " + WebhookReceivedEvent.ID, "behavior_id");
        }
        return id;
    }

    /** The behavior id from {@code behavior_id} or Cerb's {@code extension_params.behavior_id}, or null. */
    static Object behaviorField(Map<String, Object> fields) {
        if (fields.containsKey("behavior_id")) {
            return fields.get("behavior_id");
        }
        if (fields.get("extension_params") instanceof Map<?, ?> p) {
            return p.get("behavior_id");
        }
        return null;
    }

    /** An optional positive limit, or null. @throws HttpStatusException 422 naming the field */
    static Long limit(Map<String, Object> fields, String field) {
        Object v = fields.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.longValue() > 0 && n.doubleValue() == n.longValue()) {
            return n.longValue();
        }
        throw new HttpStatusException(422, field + " must be a positive whole number or null", field);
    }

    /**
     * The optional {@code run_timeout_ms}: a whole number of milliseconds from 10 to {@link #MAX_RUN_TIMEOUT_MS}, or
     * null. @throws HttpStatusException 422 naming the field
     */
    static Long runTimeout(Map<String, Object> fields) {
        Long v = limit(fields, "run_timeout_ms");
        if (v != null && (v < 10 || v > MAX_RUN_TIMEOUT_MS)) {
            throw new HttpStatusException(422, "run_timeout_ms must be between 10 and " + MAX_RUN_TIMEOUT_MS
                    + " (milliseconds) or null", "run_timeout_ms");
        }
        return v;
    }

    static long insert(Sql sql, String uid, String name, String guid, long behaviorId, Map<String, Object> fields,
                       long now) {
        if (sql.first("SELECT id FROM webhook_listener WHERE guid = ?", guid).isPresent()) {
            throw new HttpStatusException(422, "guid is already used by another listener", "guid");
        }
        Long rate = limit(fields, "rate_limit");
        Long concurrent = limit(fields, "max_concurrent");
        LogMode mode = fields.get("log_mode") == null ? LogMode.DURABLE : LogMode.of(fields.get("log_mode"));
        long id = sql.insert("INSERT INTO webhook_listener(uid, name, guid, behavior_id, body_limit, rate_limit, "
                        + "max_concurrent, log_mode, run_timeout_ms, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", uid, name, guid, behaviorId,
                limit(fields, "body_limit"), rate == null ? null : rate.intValue(),
                concurrent == null ? null : concurrent.intValue(), mode.id(), runTimeout(fields), now, now);
        bump(sql);
        return id;
    }

    static Row requireRow(Sql sql, long id) {
        return sql.first("SELECT " + COLUMNS + " FROM webhook_listener WHERE id = ?", id)
                .orElseThrow(() -> new HttpStatusException(404, "no webhook listener with id " + id));
    }
}
