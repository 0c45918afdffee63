package dev.switchboard.host.audit;

import dev.switchboard.api.Json;
import dev.switchboard.api.Row;
import dev.switchboard.api.Sql;
import dev.switchboard.host.storage.HostDatabase;
import dev.switchboard.host.jobs.ClusterJobs;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The append-only audit log of admin changes (SECURITY.md 21): who, what, when, on which record; never secrets.
 * Rows are only inserted: no code path updates them, and only {@link #retentionJob} deletes them, once they are
 * older than {@code audit.retention_days}.
 */
public final class AuditLog {
    private final HostDatabase db;
    private final Json json;
    private final Clock clock;

    public AuditLog(HostDatabase db, Json json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    /** One audit entry. */
    public record Entry(long id, long at, String actor, String action, String target, Object details) {
    }

    /** Appends an entry in its own transaction (or the caller's, when one is open on this thread). */
    public void record(String actor, String action, String target, Map<String, Object> details) {
        db.write(sql -> {
            record(sql, actor, action, target, details);
            return null;
        });
    }

    /** Appends an entry inside the caller's transaction, so it commits or rolls back with the change. */
    public void record(Sql sql, String actor, String action, String target, Map<String, Object> details) {
        sql.update("INSERT INTO audit_log(at, actor, action, target, details) VALUES (?, ?, ?, ?, ?)",
                clock.millis(), actor, action, target, json.write(details == null ? Map.of() : details));
    }

    /**
     * Deletes entries older than {@code retentionDays} (0 keeps them forever), hourly, once across the cluster.
     */
    public ClusterJobs.Job retentionJob(int retentionDays) {
        long keepMs = Duration.ofDays(retentionDays).toMillis();
        return new ClusterJobs.Job("audit_retention", Duration.ofHours(1), (sql, now) -> retentionDays == 0 ? 0
                : sql.update("DELETE FROM audit_log WHERE at < ?", now - keepMs));
    }

    /** Entries newest first, with ids below {@code beforeId} (0 for the newest page). */
    public List<Entry> list(int limit, long beforeId) {
        return db.read(sql -> sql.query(beforeId > 0
                        ? "SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?"
                        : "SELECT * FROM audit_log WHERE id > ? ORDER BY id DESC LIMIT ?",
                beforeId > 0 ? beforeId : 0, limit)).stream().map(this::entry).toList();
    }

    private Entry entry(Row r) {
        return new Entry(r.getLong("id"), r.getLong("at"), r.getString("actor"), r.getString("action"),
                r.getString("target"), json.parse(r.getString("details")));
    }
}
