package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.Database;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every listener by guid, in memory, so a webhook request reads no database. Reloaded whole at once after a local
 * commit, and by {@link #poll()} when another process bumped the change version.
 */
final class ListenerCache {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerCache.class);

    private final Database db;
    private volatile Snapshot snapshot = new Snapshot(-1, Map.of());

    private record Snapshot(long version, Map<String, Listener> byGuid) {
    }

    ListenerCache(Database db) {
        this.db = db;
    }

    /** The listener answering to this guid. */
    Optional<Listener> byGuid(String guid) {
        return Optional.ofNullable(snapshot.byGuid().get(guid));
    }

    /** Reloads every listener (one read) and the version it reflects. */
    synchronized void reload() {
        Snapshot next = db.read(sql -> {
            long version = ListenerStore.version(sql);
            List<Listener> all = ListenerStore.all(sql);
            return new Snapshot(version, all.stream().collect(Collectors.toUnmodifiableMap(Listener::guid,
                    Function.identity())));
        });
        snapshot = next;
    }

    /** Reloads when the stored version moved (a change by this or another process); one indexed read otherwise. */
    void poll() {
        try {
            long stored = db.read(ListenerStore::version);
            if (stored != snapshot.version()) {
                reload();
            }
        } catch (RuntimeException e) {
            LOG.warn("webhook listener cache poll failed; keeping the current listeners", e);
        }
    }
}
