package dev.switchboard.host.plugins;

import dev.switchboard.api.Database;
import dev.switchboard.api.Sql;

/**
 * A counter per topic in {@code change_version}: writers bump it in the same transaction as their change, and
 * processes sharing the database poll it (one indexed read) to learn that their caches are stale.
 */
public final class ChangeVersions {
    private ChangeVersions() {
    }

    /** Increments the topic's version inside the caller's transaction. */
    public static void bump(Sql sql, String topic) {
        if (sql.update("UPDATE change_version SET version = version + 1 WHERE topic = ?", topic) == 0) {
            sql.update("INSERT INTO change_version(topic, version) VALUES (?, 1)", topic);
        }
    }

    /** The topic's current version (0 when never bumped). */
    public static long read(Database db, String topic) {
        return db.read(sql -> sql.first("SELECT version FROM change_version WHERE topic = ?", topic)
                .map(r -> r.getLong("version")).orElse(0L));
    }
}
