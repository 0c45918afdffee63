package dev.switchboard.host.plugins;

import dev.switchboard.host.storage.HostDatabase;
import java.time.Clock;
import java.util.Optional;
import org.pf4j.PluginStatusProvider;

/**
 * Enabled/disabled status in the database (not PF4J's enabled.txt), so the API, the CLI and other processes on the
 * same database share it. A plugin seen for the first time is enabled only when its manifest says
 * {@code Plugin-Enabled-By-Default: true} and the host found it at start-up; a jar dropped in while the host runs
 * waits for an admin. Every change bumps {@code change_version('plugins')}.
 */
public final class PluginStatusStore implements PluginStatusProvider {
    /** Topic bumped in change_version when any plugin's status changes. */
    public static final String TOPIC = "plugins";

    private final HostDatabase db;
    private final Clock clock;
    private volatile String actor = "system";

    public PluginStatusStore(HostDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Sets who the next status changes are recorded for. */
    void actor(String who) {
        this.actor = who;
    }

    /** The stored status, if this plugin was ever seen. */
    public Optional<Boolean> stored(String pluginId) {
        return db.read(sql -> sql.first("SELECT enabled FROM plugin_status WHERE plugin_id = ?", pluginId)
                .map(r -> r.getBoolean("enabled")));
    }

    /** The stored status; a plugin never seen before is recorded disabled. */
    @Override
    public boolean isPluginDisabled(String pluginId) {
        return isPluginDisabled(pluginId, false);
    }

    /**
     * The stored status; a plugin never seen before is recorded as {@code enableIfNew} says (by "first start").
     */
    public boolean isPluginDisabled(String pluginId, boolean enableIfNew) {
        Optional<Boolean> enabled = stored(pluginId);
        if (enabled.isPresent()) {
            return !enabled.get();
        }
        set(pluginId, enableIfNew, "first start");
        return !enableIfNew;
    }

    @Override
    public void disablePlugin(String pluginId) {
        set(pluginId, false, actor);
    }

    @Override
    public void enablePlugin(String pluginId) {
        set(pluginId, true, actor);
    }

    /** Writes a status and bumps the change version, in one transaction. */
    public void set(String pluginId, boolean enabled, String by) {
        long now = clock.millis();
        db.write(sql -> {
            int n = sql.update("UPDATE plugin_status SET enabled = ?, updated_at = ?, updated_by = ? WHERE plugin_id = ?",
                    enabled, now, by, pluginId);
            if (n == 0) {
                sql.update("INSERT INTO plugin_status(plugin_id, enabled, updated_at, updated_by) VALUES (?, ?, ?, ?)",
                        pluginId, enabled, now, by);
            }
            ChangeVersions.bump(sql, TOPIC);
            return null;
        });
    }
}
