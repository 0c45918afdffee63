package dev.switchboard.host.engine;

import dev.switchboard.api.BehaviorDisabledException;
import dev.switchboard.api.BehaviorInfo;
import dev.switchboard.api.BehaviorRun;
import dev.switchboard.api.Behaviors;
import dev.switchboard.api.Sql;
import dev.switchboard.api.SwitchboardException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link Behaviors} service plugins get: lookups from the cache, runs through the engine. */
public final class EngineBehaviors implements Behaviors {
    private final BehaviorCache cache;
    private final BehaviorStore store;
    private final Engine engine;

    public EngineBehaviors(BehaviorCache cache, BehaviorStore store, Engine engine) {
        this.cache = cache;
        this.store = store;
        this.engine = engine;
    }

    @Override
    public Optional<BehaviorInfo> find(long id) {
        return cache.get(id).map(CompiledBehavior::info);
    }

    @Override
    public Optional<BehaviorInfo> find(Sql sql, long id) {
        return store.behavior(sql, id).flatMap(b -> store.bot(sql, b.botId()).map(bot ->
                new BehaviorInfo(b.id(), b.uid(), b.title(), b.eventId(), bot.id(), bot.name(),
                        b.disabled() || bot.disabled(), b.priority())));
    }

    @Override
    public BehaviorRun run(long behaviorId, Map<String, Object> placeholders, boolean simulate) {
        return run(behaviorId, placeholders, simulate, null);
    }

    @Override
    public BehaviorRun run(long behaviorId, Map<String, Object> placeholders, boolean simulate, Duration timeout) {
        CompiledBehavior b = cache.get(behaviorId)
                .orElseThrow(() -> new SwitchboardException("no behavior with id " + behaviorId));
        if (b.behavior().disabled()) {
            throw new BehaviorDisabledException("behavior " + behaviorId + " is disabled");
        }
        if (b.bot().disabled()) {
            throw new BehaviorDisabledException("bot " + b.bot().id() + " of behavior " + behaviorId
                    + " is disabled");
        }
        return engine.run(b, placeholders, simulate, timeout);
    }

    /**
     * The behavior with its draft tree in place of the live one (the live tree when it has no draft), parsed anew
     * on each call: drafts are never cached, so a running listener never sees one.
     */
    public Optional<CompiledBehavior> draft(long behaviorId) {
        return store.behavior(behaviorId).flatMap(b -> store.bot(b.botId()).map(bot -> {
            Object nodes = store.draftNodes(behaviorId).orElse(b.nodes());
            Behavior drafted = new Behavior(b.id(), b.uid(), b.botId(), b.title(), b.eventId(), b.priority(),
                    b.disabled(), b.isPrivate(), b.variables(), nodes, b.createdAt(), b.updatedAt(),
                    b.eventParams());
            return new CompiledBehavior(drafted, bot, TreeParser.parse(nodes, "nodes"));
        }));
    }

    @Override
    public BehaviorRun simulateDraft(long behaviorId, Map<String, Object> placeholders, Duration timeout) {
        CompiledBehavior b = draft(behaviorId)
                .orElseThrow(() -> new SwitchboardException("no behavior with id " + behaviorId));
        return engine.run(b, placeholders, true, timeout);
    }

    @Override
    public List<String> traceText(List<Map<String, Object>> trace) {
        return TraceText.lines(trace);
    }
}
