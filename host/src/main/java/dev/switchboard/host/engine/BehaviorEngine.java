package dev.switchboard.host.engine;

import dev.switchboard.api.Action;
import dev.switchboard.api.Behaviors;
import dev.switchboard.api.Json;
import dev.switchboard.host.engine.actions.ExitAction;
import dev.switchboard.host.engine.actions.RunSubroutineAction;
import dev.switchboard.host.engine.actions.SetCustomVarAction;
import dev.switchboard.host.events.EventBus;
import dev.switchboard.host.plugins.PluginSystem;
import dev.switchboard.host.plugins.Registered;
import dev.switchboard.host.secrets.SecretBox;
import dev.switchboard.host.storage.HostDatabase;
import dev.switchboard.host.template.TemplateEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
     * @param secrets         seals bots' secret config values
     * @param actionTimeoutMs deadline for one plugin action (0: no isolation)
     * @param runTimeout      deadline for a whole run that does not set its own ({@code engine.run_timeout_ms})
     */
    public BehaviorEngine(HostDatabase db, Json json, SecretBox secrets, TemplateEngine templates,
                          PluginSystem plugins, Clock clock, long actionTimeoutMs, Duration runTimeout) {
        this.plugins = plugins;
        this.cache = new BehaviorCache(db);
        this.store = new BehaviorStore(db, json, secrets, clock, cache::invalidate);
        cache.attach(store);
        this.runner = new ActionRunner(actionTimeoutMs);
        this.engine = new Engine(templates, plugins::extensions, clock, json, runner, runTimeout);
        this.behaviors = new EngineBehaviors(cache, store, engine);
        this.validator = new BehaviorValidator(plugins::extensions, templates);
        plugins.addBuiltin(new SetCustomVarAction(json));
        plugins.addBuiltin(new ExitAction());
        plugins.addBuiltin(new RunSubroutineAction());
    }

    /** Runs broadcast behaviors for every event committed on this bus. */
    public void subscribe(EventBus events) {
        events.subscribe(new Broadcast(cache, engine));
    }

    public EngineBehaviors behaviors() {
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

    /**
     * The behaviors whose trees use an action the plugin provides (by id or alias): what disabling it would break.
     * Each is {@code {id, title, bot_id, actions}}.
     */
    public List<Map<String, Object>> usersOfPlugin(String pluginId) {
        Set<String> ids = new HashSet<>();
        for (Registered<Action> a : plugins.extensions().actions()) {
            if (a.pluginId().equals(pluginId)) {
                ids.add(a.extension().id());
                ids.addAll(a.extension().aliases());
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        if (ids.isEmpty()) {
            return out;
        }
        for (Behavior b : store.behaviors(null, null)) {
            Set<String> used = new TreeSet<>();
            collectActions(b.nodes(), ids, used);
            if (!used.isEmpty()) {
                out.add(Map.of("id", b.id(), "title", b.title(), "bot_id", b.botId(), "actions", List.copyOf(used)));
            }
        }
        return out;
    }

    private static void collectActions(Object tree, Set<String> ids, Set<String> used) {
        if (tree instanceof Map<?, ?> m) {
            if (m.get("action") instanceof String a && ids.contains(a)) {
                used.add(a);
            }
            m.values().forEach(v -> collectActions(v, ids, used));
        } else if (tree instanceof List<?> l) {
            l.forEach(v -> collectActions(v, ids, used));
        }
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
