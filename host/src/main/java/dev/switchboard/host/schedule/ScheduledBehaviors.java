package dev.switchboard.host.schedule;

import dev.switchboard.api.Json;
import dev.switchboard.api.Row;
import dev.switchboard.api.Sql;
import dev.switchboard.host.cron.Recurrence;
import dev.switchboard.host.storage.Dialect;
import dev.switchboard.host.storage.HostDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code scheduled_behavior} table: runs that {@code _schedule_behavior} asked for, claimed with a lease by the
 * {@link Scheduler} of whichever node gets there first, deleted once run.
 */
public final class ScheduledBehaviors {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledBehaviors.class);

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

    /**
     * After a recurrent behavior's run: moves its row to the next due time after {@code now} (so times missed while
     * no node ran are run once, not once each), if this node still holds it; deletes it when there is none.
     */
    void reschedule(Scheduled s, String holder, long now) {
        Optional<Long> next = recurrence(s.behaviorId(), s.variables(), now);
        db.write(sql -> next.isPresent()
                ? sql.update("UPDATE scheduled_behavior SET run_at = ?, holder = NULL, attempts = 0 WHERE id = ? "
                + "AND holder = ?", next.get(), s.id(), holder)
                : sql.update("DELETE FROM scheduled_behavior WHERE id = ? AND holder = ?", s.id(), holder));
    }

    /**
     * Gives every recurrent behavior its next-run row, and moves a row whose behavior's event params changed since
     * (its {@code variables} hold the params it was computed from). Idempotent and safe on several nodes at once:
     * the unique index {@code scheduled_behavior_recurrent} keeps one row per behavior. A behavior whose params
     * cannot be read (only old rows; import and the editor refuse them) is logged and left without a next run.
     */
    int reconcile(long now) {
        return db.write(sql -> {
            int changed = 0;
            List<Row> rows = sql.query("SELECT b.id, b.bot_id, b.event_params, s.id AS sid, s.variables "
                    + "FROM behavior b LEFT JOIN scheduled_behavior s ON s.behavior_id = b.id AND s.context = ? "
                    + "WHERE b.event_id = ?", RecurrentEvent.CONTEXT, RecurrentEvent.ID);
            for (Row r : rows) {
                String params = r.getString("event_params");
                Object parsed = json.parse(params == null ? "{}" : params);
                Map<String, Object> p = parsed instanceof Map<?, ?> m ? copy(m) : Map.of();
                String current = r.getString("variables");
                if (current != null && json.parse(current).equals(p)) {
                    continue;
                }
                Optional<Long> next;
                try {
                    next = nextAfter(p, now);
                } catch (IllegalArgumentException e) {
                    if (current == null) {
                        LOG.warn("recurrent behavior {} has no next run: {}", r.getLong("id"), e.getMessage());
                    }
                    next = Optional.empty();
                }
                if (current != null) {
                    sql.update("DELETE FROM scheduled_behavior WHERE id = ?", r.getLong("sid"));
                }
                if (next.isPresent()) {
                    changed += sql.update("INSERT INTO scheduled_behavior(behavior_id, context, context_id, run_at, "
                            + "variables, attempts, created_at) VALUES (?, ?, ?, ?, ?, 0, ?) ON CONFLICT DO NOTHING",
                            r.getLong("id"), RecurrentEvent.CONTEXT, r.getLong("bot_id"), next.get(), json.write(p),
                            now);
                }
            }
            return changed;
        });
    }

    private static Optional<Long> nextAfter(Map<String, Object> params, long now) {
        return Recurrence.of(params).nextAfter(now);
    }

    private static Optional<Long> recurrence(long behaviorId, Map<String, Object> params, long now) {
        try {
            return nextAfter(params, now);
        } catch (IllegalArgumentException e) {
            LOG.warn("recurrent behavior {} has no next run: {}", behaviorId, e.getMessage());
            return Optional.empty();
        }
    }

    private static Map<String, Object> copy(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
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
