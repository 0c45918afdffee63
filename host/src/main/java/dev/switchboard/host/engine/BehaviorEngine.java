package dev.switchboard.host.engine;

import dev.switchboard.api.Behaviors;
import dev.switchboard.api.Json;
import dev.switchboard.api.Templates;
import dev.switchboard.host.engine.actions.ExitAction;
import dev.switchboard.host.engine.actions.RunSubroutineAction;
import dev.switchboard.host.engine.actions.SetCustomVarAction;
import dev.switchboard.host.events.EventBus;
import dev.switchboard.host.plugins.PluginSystem;
import dev.switchboard.host.storage.HostDatabase;
import java.time.Clock;

/**
 * The behavior engine assembled: storage, cache, traversal, the {@link Behaviors} service, broadcast on events,
 * and the global actions registered as host built-ins. The host makes one.
 */
public final class BehaviorEngine implements AutoCloseable {
    private final BehaviorStore store;
    private final BehaviorCache cache;
    private final Engine engine;
    private final EngineBehaviors behaviors;
    private final BehaviorValidator validator;
    private final ActionRunner runner;
    private final PluginSystem plugins;

    /**
     * @param actionTimeoutMs deadline for one plugin action (0: no isolation)
     */
    public BehaviorEngine(HostDatabase db, Json json, Templates templates, PluginSystem plugins, Clock clock,
                          long actionTimeoutMs) {
        this.plugins = plugins;
        this.cache = new BehaviorCache(db);
        this.store = new BehaviorStore(db, json, clock, cache::invalidate);
        cache.attach(store);
        this.runner = new ActionRunner(actionTimeoutMs);
        this.engine = new Engine(templates, plugins::extensions, clock, json, runner);
        this.behaviors = new EngineBehaviors(cache, store, engine);
        this.validator = new BehaviorValidator(plugins::extensions);
        plugins.addBuiltin(new SetCustomVarAction(json));
        plugins.addBuiltin(new ExitAction());
        plugins.addBuiltin(new RunSubroutineAction());
    }

    /** Runs broadcast behaviors for every event committed on this bus. */
    public void subscribe(EventBus events) {
        events.subscribe(new Broadcast(cache, engine));
    }

    public Behaviors behaviors() {
        return behaviors;
    }

    public BehaviorStore store() {
        return store;
    }

    public BehaviorCache cache() {
        return cache;
    }

    public Engine engine() {
        return engine;
    }

    public BehaviorValidator validator() {
        return validator;
    }

    public PluginSystem plugins() {
        return plugins;
    }

    /** Polls the change version (called by the host's background sync). */
    public void sync() {
        cache.sync();
    }

    @Override
    public void close() {
        runner.close();
    }
}
