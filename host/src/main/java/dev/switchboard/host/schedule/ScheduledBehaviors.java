package dev.switchboard.host.schedule;

import dev.switchboard.api.Json;
import dev.switchboard.api.Row;
import dev.switchboard.api.Sql;
import dev.switchboard.host.storage.Dialect;
import dev.switchboard.host.storage.HostDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code scheduled_behavior} table: runs that {@code _schedule_behavior} asked for, claimed with a lease by the
 * {@link Scheduler} of whichever node gets there first, deleted once run.
 */
public final class ScheduledBehaviors {
    /** A scheduled run as the API shows it. */
    public record Scheduled(long id, long behaviorId, String context, long contextId, long runAt,
                            Map<String, Object> variables, int attempts, long createdAt) {
        /** As JSON for {@code GET /api/scheduled-behaviors}. */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("behavior_id", behaviorId);
            m.put("context", context);
            m.put("context_id", contextId);
            m.put("run_at", runAt);
            m.put("variables", variables);
            m.put("attempts", attempts);
            m.put("created_at", createdAt);
            return m;
        }
    }

    /** Cerb's {@code on_dupe}: what scheduling does when the same behavior is already scheduled on the same target. */
    public enum OnDupe {
        /** Allow several (Cerb's default). */
        ALLOW,
        /** Keep the earliest scheduled, add nothing. */
        FIRST,
        /** Remove the earlier ones, add this one. */
        LAST;

        /** {@code first}, {@code last}, anything else allows duplicates (as Cerb reads it). */
        public static OnDupe of(Object value) {
            String v = value == null ? "" : String.valueOf(value).trim();
            return v.equals("first") ? FIRST : v.equals("last") ? LAST : ALLOW;
        }
    }

    private final HostDatabase db;
    private final Json json;

    public ScheduledBehaviors(HostDatabase db, Json json) {
        this.db = db;
        this.json = json;
    }

    /** Schedules a run; returns its id, or the id of the one kept under {@link OnDupe#FIRST}. */
    public long schedule(long behaviorId, String context, long contextId, long runAt, Map<String, Object> variables,
                         OnDupe onDupe, long now) {
        return db.write(sql -> {
            if (onDupe == OnDupe.FIRST) {
                List<Row> same = sql.query("SELECT id FROM scheduled_behavior WHERE behavior_id = ? AND context = ? "
                        + "AND context_id = ? ORDER BY run_at, id", behaviorId, context, contextId);
                if (!same.isEmpty()) {
                    for (Row extra : same.subList(1, same.size())) {
                        sql.update("DELETE FROM scheduled_behavior WHERE id = ?", extra.getLong("id"));
                    }
                    return same.get(0).getLong("id");
                }
            } else if (onDupe == OnDupe.LAST) {
                unschedule(sql, behaviorId, context, contextId);
            }
            return sql.insert("INSERT INTO scheduled_behavior(behavior_id, context, context_id, run_at, variables, "
                            + "attempts, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)", behaviorId, context, contextId,
                    runAt, json.write(variables), now);
        });
    }

    /** Removes every scheduled run of the behavior on the target ({@code _unschedule_behavior}); returns how many. */
    public int unschedule(long behaviorId, String context, long contextId) {
        return db.write(sql -> unschedule(sql, behaviorId, context, contextId));
    }

    private static int unschedule(Sql sql, long behaviorId, String context, long contextId) {
        return sql.update("DELETE FROM scheduled_behavior WHERE behavior_id = ? AND context = ? AND context_id = ?",
                behaviorId, context, contextId);
    }

    /** Cancels one run by id; false when there is none (already run, or never scheduled). */
    public boolean cancel(long id) {
        return db.write(sql -> sql.update("DELETE FROM scheduled_behavior WHERE id = ?", id) == 1);
    }

    /** Every scheduled run, soonest first, optionally of one behavior. */
    public List<Scheduled> list(Long behaviorId, int limit) {
        return db.read(sql -> (behaviorId == null
                ? sql.query("SELECT * FROM scheduled_behavior ORDER BY run_at, id LIMIT ?", limit)
                : sql.query("SELECT * FROM scheduled_behavior WHERE behavior_id = ? ORDER BY run_at, id LIMIT ?",
                behaviorId, limit)).stream().map(this::scheduled).toList());
    }

    /**
     * Claims due runs for this node: in one transaction, the due rows (locked against other nodes on PostgreSQL;
     * SQLite's single writer serialises) move to {@code now + leaseMs} with this node as holder. A node that dies
     * holding them leaves them due again when the lease ends.
     */
    List<Scheduled> claim(long now, long leaseMs, String holder, int limit) {
        return db.write(sql -> {
            List<Scheduled> due = sql.query("SELECT * FROM scheduled_behavior WHERE run_at <= ? ORDER BY run_at, id "
                    + "LIMIT ?" + Dialect.of(sql.dialect()).claimSuffix(), now, limit).stream()
                    .map(this::scheduled).toList();
            if (!due.isEmpty()) {
                sql.update("UPDATE scheduled_behavior SET run_at = ?, holder = ?, attempts = attempts + 1 WHERE id IN ("
                        + due.stream().map(s -> Long.toString(s.id())).collect(Collectors.joining(",")) + ")",
                        now + leaseMs, holder);
            }
            return due;
        });
    }

    /** Removes a run once it has run (or can never run), if this node still holds it. */
    void finish(long id, String holder) {
        db.write(sql -> sql.update("DELETE FROM scheduled_behavior WHERE id = ? AND holder = ?", id, holder));
    }

    @SuppressWarnings("unchecked")
    private Scheduled scheduled(Row r) {
        Object vars = json.parse(r.getString("variables"));
        return new Scheduled(r.getLong("id"), r.getLong("behavior_id"), r.getString("context"),
                r.getLong("context_id"), r.getLong("run_at"),
                vars instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(), r.getInt("attempts", 0),
                r.getLong("created_at"));
    }
}
