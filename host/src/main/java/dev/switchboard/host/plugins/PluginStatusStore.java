package dev.switchboard.host.plugins;

import dev.switchboard.host.storage.HostDatabase;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.pf4j.PluginStatusProvider;

/**
 * Enabled/disabled status in the database (not PF4J's enabled.txt), so the API, the CLI and other processes on the
 * same database share it. A plugin seen for the first time is enabled only if it is bundled with the host;
 * a jar dropped in later waits for an admin. Every change bumps {@code change_version('plugins')}.
 */
public final class PluginStatusStore implements PluginStatusProvider {
    /** Topic bumped in change_version when any plugin's status changes. */
    public static final String TOPIC = "plugins";

    private final HostDatabase db;
    private final Set<String> bundled;
    private final Clock clock;
    private volatile String actor = "system";

    public PluginStatusStore(HostDatabase db, Set<String> bundled, Clock clock) {
        this.db = db;
        this.bundled = Set.copyOf(bundled);
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

    @Override
    public boolean isPluginDisabled(String pluginId) {
        Optional<Boolean> enabled = stored(pluginId);
        if (enabled.isPresent()) {
            return !enabled.get();
        }
        boolean enable = bundled.contains(pluginId);
        set(pluginId, enable, "first start");
        return !enable;
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
