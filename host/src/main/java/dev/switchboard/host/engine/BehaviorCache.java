package dev.switchboard.host.engine;

import dev.switchboard.api.Database;
import dev.switchboard.host.plugins.ChangeVersions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed behaviors by id, and broadcast lists by event, so a run never reads the database or parses JSON. Dropped
 * whole on any change: at once after a local commit, and within a poll interval when another process (the CLI,
 * another node) bumps the {@link BehaviorStore#TOPIC} version.
 */
public final class BehaviorCache {
    private final Database db;
    private BehaviorStore store;
    private final Map<Long, Optional<CompiledBehavior>> byId = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> byEvent = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private volatile long seenVersion = -1;

    public BehaviorCache(Database db) {
        this.db = db;
    }

    void attach(BehaviorStore store) {
        this.store = store;
    }

    /** The compiled behavior, loading and parsing it once. */
    public Optional<CompiledBehavior> get(long id) {
        Optional<CompiledBehavior> hit = byId.get(id);
        if (hit != null) {
            return hit;
        }
        long gen = generation.get();
        Optional<CompiledBehavior> loaded = store.behavior(id).flatMap(b -> store.bot(b.botId())
                .map(bot -> new CompiledBehavior(b, bot, TreeParser.parse(b.nodes(), "nodes"))));
        if (generation.get() == gen) { // not invalidated while loading: safe to keep
            byId.put(id, loaded);
        }
        return loaded;
    }

    /** Ids of enabled behaviors of enabled bots on an event, by priority. */
    public List<Long> enabledOn(String eventId) {
        List<Long> hit = byEvent.get(eventId);
        if (hit != null) {
            return hit;
        }
        long gen = generation.get();
        List<Long> loaded = store.enabledOn(eventId);
        if (generation.get() == gen) {
            byEvent.put(eventId, loaded);
        }
        return loaded;
    }

    /** Drops everything (after a local change). */
    public void invalidate() {
        generation.incrementAndGet();
        byId.clear();
        byEvent.clear();
    }

    /** Drops everything when another process changed bots or behaviors since the last look; one cheap read. */
    public void sync() {
        long v = ChangeVersions.read(db, BehaviorStore.TOPIC);
        if (v != seenVersion) {
            seenVersion = v;
            invalidate();
        }
    }
}
