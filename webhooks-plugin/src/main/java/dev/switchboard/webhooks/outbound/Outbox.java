package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.Json;
import dev.switchboard.api.Row;
import dev.switchboard.api.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code webhook_delivery} and {@code webhook_attempt} tables: enqueue, claim with a lease, record, list. */
final class Outbox {
    /** A claimed delivery. */
    record Due(long id, String webhookId, long subscriptionId, String envelope, int attempts) {
    }

    /** A finished attempt and the state it leaves its delivery in. */
    record Outcome(long deliveryId, Attempt attempt, String status, long nextAttemptAt) {
    }

    private final Json json;

    Outbox(Json json) {
        this.json = json;
    }

    /** Queues one delivery, due now, inside the caller's transaction. */
    long enqueue(Sql sql, long subscriptionId, String eventType, String webhookId, Map<String, Object> envelope,
                 long now) {
        return enqueue(sql, subscriptionId, eventType, webhookId, json.write(envelope), now);
    }

    /**
     * Queues one delivery with its envelope already encoded ({@code envelopeJson}, {@link Json#write}); the default
     * payload sends these bytes as they are ({@link Payload#render}).
     */
    long enqueue(Sql sql, long subscriptionId, String eventType, String webhookId, String envelopeJson, long now) {
        return sql.insert("INSERT INTO webhook_delivery(webhook_id, subscription_id, event_type, envelope, status, "
                        + "attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?)",
                webhookId, subscriptionId, eventType, envelopeJson, now, now, now);
    }

    /**
     * Records a test event that was sent inline, not queued: a finished delivery marked {@code test}, succeeded when
     * the receiver answered 2xx and dead otherwise (a test is not retried; Redeliver sends it again), with its attempt.
     */
    long recordTest(Sql sql, long subscriptionId, String eventType, String webhookId, Map<String, Object> envelope,
                    Attempt a, long now) {
        long id = sql.insert("INSERT INTO webhook_delivery(webhook_id, subscription_id, event_type, envelope, status, "
                        + "attempts, next_attempt_at, created_at, updated_at, is_test) "
                        + "VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?, 1)",
                webhookId, subscriptionId, eventType, json.write(envelope), now, a.startedAt(), now);
        record(sql, id, a, a.succeeded() ? "succeeded" : "dead", now, now);
        return id;
    }

    /**
     * Due deliveries, oldest due first, locked for this transaction where the database can (PostgreSQL skips rows
     * another node holds; SQLite has one writer, so the transaction itself excludes others). Lease the ones taken
     * with {@link #lease} in the same transaction.
     */
    List<Due> due(Sql sql, long now, int limit) {
        String lock = "postgresql".equals(sql.dialect()) ? " FOR UPDATE SKIP LOCKED" : "";
        return sql.query("SELECT id, webhook_id, subscription_id, envelope, attempts FROM webhook_delivery "
                        + "WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?" + lock,
                now, limit).stream().map(r -> new Due(r.getLong("id"), r.getString("webhook_id"),
                r.getLong("subscription_id"), r.getString("envelope"), r.getInt("attempts", 0))).toList();
    }

    /**
     * Claims deliveries by moving them to {@code until}: a worker that dies holding them leaves them due again
     * then (a visibility timeout).
     */
    void lease(Sql sql, List<Due> claimed, long until) {
        // one statement text for any number of rows: parsed once, not once per claim
        sql.batch("UPDATE webhook_delivery SET next_attempt_at = ? WHERE id = ?",
                claimed.stream().map(d -> new Object[] {until, d.id()}).toList());
    }

    /** Moves a claimed delivery to a new due time without counting an attempt (breaker open, at capacity). */
    void postpone(Sql sql, long id, long dueAt) {
        sql.update("UPDATE webhook_delivery SET next_attempt_at = ? WHERE id = ?", dueAt, id);
    }

    /**
     * Makes the pending deliveries whose last attempt the outbound guard refused ({@code blocked: …}, as
     * {@link Sender} records it) due now; answers how many.
     */
    int retryBlocked(Sql sql, long now) {
        return sql.update("UPDATE webhook_delivery SET next_attempt_at = ?, updated_at = ? WHERE status = 'pending' "
                + "AND next_attempt_at > ? AND last_error LIKE 'blocked:%'", now, now, now);
    }

    /** Records an attempt and the delivery's new state. */
    void record(Sql sql, long deliveryId, Attempt a, String status, long nextAttemptAt, long now) {
        record(sql, List.of(new Outcome(deliveryId, a, status, nextAttemptAt)), now);
    }

    /** Records many attempts and their deliveries' new states: two batched statements however many there are. */
    void record(Sql sql, List<Outcome> outcomes, long now) {
        List<Object[]> attempts = new ArrayList<>(outcomes.size());
        List<Object[]> deliveries = new ArrayList<>(outcomes.size());
        for (Outcome o : outcomes) {
            Attempt a = o.attempt();
            Map<String, Object> shown = a.toJson();
            Object response = shown.get("response");
            attempts.add(new Object[] {o.deliveryId(), a.startedAt(), a.durationMillis(), json.write(shown.get("request")),
                a.status(), json.write(response == null ? List.of() : ((Map<?, ?>) response).get("headers")),
                a.responseBody(), a.truncated(), cut(a.error())});
            deliveries.add(new Object[] {o.status(), o.nextAttemptAt(), a.status() == 0 ? null : a.status(),
                cut(a.error()), now, o.deliveryId()});
        }
        sql.batch("INSERT INTO webhook_attempt(delivery_id, started_at, duration_ms, request, status, "
                + "response_headers, response_body, truncated, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", attempts);
        sql.batch("UPDATE webhook_delivery SET status = ?, attempts = attempts + 1, next_attempt_at = ?, "
                + "last_status = ?, last_error = ?, updated_at = ? WHERE id = ?", deliveries);
    }

    /** Marks a delivery dead without an attempt (its subscription is gone or disabled). */
    void bury(Sql sql, long id, String reason, long now) {
        sql.update("UPDATE webhook_delivery SET status = 'dead', last_error = ?, updated_at = ? WHERE id = ?",
                reason, now, id);
    }

    /** Makes a delivery due now again, keeping its webhook-id and history. */
    boolean redeliver(Sql sql, long id, long now) {
        return sql.update("UPDATE webhook_delivery SET status = 'pending', next_attempt_at = ?, updated_at = ? "
                + "WHERE id = ?", now, now, id) == 1;
    }

    /**
     * Makes the subscription's finished deliveries with {@code status} ({@code dead} or {@code succeeded}) created
     * in [since, until) due now; returns how many.
     */
    int replay(Sql sql, long subscriptionId, String status, long since, long until, long now) {
        return sql.update("UPDATE webhook_delivery SET status = 'pending', next_attempt_at = ?, updated_at = ? "
                + "WHERE subscription_id = ? AND status = ? AND created_at >= ? AND created_at < ?",
                now, now, subscriptionId, status, since, until);
    }

    /** Deliveries, newest first, filtered by subscription, status and creation time [since, until). */
    List<Map<String, Object>> list(Sql sql, Long subscriptionId, String status, Long since, Long until, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (subscriptionId != null) {
            where.append(" AND subscription_id = ?");
            args.add(subscriptionId);
        }
        if (status != null) {
            where.append(" AND status = ?");
            args.add(status);
        }
        if (since != null) {
            where.append(" AND created_at >= ?");
            args.add(since);
        }
        if (until != null) {
            where.append(" AND created_at < ?");
            args.add(until);
        }
        args.add(limit);
        return sql.query("SELECT * FROM webhook_delivery" + where + " ORDER BY id DESC LIMIT ?", args.toArray())
                .stream().map(Outbox::delivery).toList();
    }

    /** One delivery with its attempts, oldest first. */
    Map<String, Object> find(Sql sql, long id) {
        return sql.first("SELECT * FROM webhook_delivery WHERE id = ?", id).map(r -> {
            Map<String, Object> out = delivery(r);
            out.put("payload", json.parse(r.getString("envelope")));
            out.put("attempts", sql.query("SELECT * FROM webhook_attempt WHERE delivery_id = ? ORDER BY id", id)
                    .stream().map(this::attempt).toList());
            return out;
        }).orElse(null);
    }

    private static Map<String, Object> delivery(Row r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.getLong("id"));
        out.put("webhook_id", r.getString("webhook_id"));
        out.put("subscription_id", r.getLong("subscription_id"));
        out.put("event_type", r.getString("event_type"));
        out.put("test", r.getBoolean("is_test"));
        out.put("status", r.getString("status"));
        out.put("attempt_count", r.getLong("attempts"));
        out.put("next_attempt_at", "pending".equals(r.getString("status")) ? r.getLong("next_attempt_at") : null);
        out.put("last_status", r.getLong("last_status"));
        out.put("last_error", r.getString("last_error"));
        out.put("created_at", r.getLong("created_at"));
        out.put("updated_at", r.getLong("updated_at"));
        return out;
    }

    private Map<String, Object> attempt(Row r) {
        Map<String, Object> out = new LinkedHashMap<>();
        int status = r.getInt("status", 0);
        out.put("started_at", r.getLong("started_at"));
        out.put("duration_ms", r.getLong("duration_ms"));
        out.put("succeeded", status / 100 == 2);
        out.put("request", json.parse(r.getString("request")));
        if (status == 0) {
            out.put("response", null);
        } else {
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("status", status);
            response.put("headers", json.parse(r.getString("response_headers")));
            byte[] body = r.getBytes("response_body");
            response.put("body", body == null ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8));
            response.put("truncated", r.getBoolean("truncated"));
            out.put("response", response);
        }
        out.put("error", r.getString("error"));
        return out;
    }

    private static String cut(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
