package dev.switchboard.host.schedule;

import dev.switchboard.host.jobs.ClusterJobs;
import dev.switchboard.host.storage.HostDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A bot's persistent key-value storage, as Cerb's {@code bot_datastore}: {@code _set_key} writes, {@code _get_key}
 * reads. A key past its expiry reads as missing; {@link #expiryJob} removes such rows once per period across the
 * cluster. Keys are per bot: two bots never see each other's values.
 */
public final class BotStorage {
    /** Longest key Cerb's column takes. */
    public static final int MAX_KEY = 255;

    private final HostDatabase db;
    private final Clock clock;

    public BotStorage(HostDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The value, unless missing or expired. */
    public Optional<String> get(long botId, String key) {
        long now = clock.millis() / 1000;
        return db.read(sql -> sql.first("SELECT data_value FROM bot_datastore WHERE bot_id = ? AND data_key = ? "
                + "AND (expires_at = 0 OR expires_at > ?)", botId, key, now).map(r -> r.getString("data_value")));
    }

    /**
     * Sets a key (replacing any value).
     *
     * @param expiresAt epoch seconds, 0 for never
     */
    public void set(long botId, String key, String value, long expiresAt) {
        // one statement, so two nodes setting the same key at once both succeed (the last write wins)
        db.write(sql -> sql.update("INSERT INTO bot_datastore(bot_id, data_key, data_value, expires_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (bot_id, data_key) DO UPDATE SET data_value = excluded.data_value, "
                + "expires_at = excluded.expires_at", botId, key, value, expiresAt));
    }

    /** Housekeeping: removes expired keys, hourly, once across the cluster. */
    public ClusterJobs.Job expiryJob() {
        return new ClusterJobs.Job("bot_datastore_expiry", Duration.ofHours(1), (sql, now) ->
                sql.update("DELETE FROM bot_datastore WHERE expires_at <> 0 AND expires_at <= ?", now / 1000));
    }
}
