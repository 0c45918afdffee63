package dev.switchboard.host.engine;

import dev.switchboard.api.BehaviorRun;
import dev.switchboard.api.Json;
import dev.switchboard.host.limits.Deadline;
import dev.switchboard.host.plugins.Extensions;
import dev.switchboard.host.secrets.Redaction;
import dev.switchboard.host.template.TemplateEngine;
import java.time.Duration;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs a behavior's decision tree with Cerb's traversal (see docs/behaviors.md): the root runs every child; a
 * switch takes the first passing outcome; an outcome runs its children when its groups pass; a loop runs its
 * children once per item; subroutines run only when called; {@code _exit} stops everything. Actions come from the
 * current extensions snapshot, so a plugin enabled or disabled between runs is seen at once.
 */
public final class Engine {
    private final TemplateEngine templates;
    private final Supplier<Extensions> extensions;
    private final Clock clock;
    private final Json json;
    private final ActionRunner runner;
    private final Duration runTimeout;

    /** @param runTimeout the deadline of a run that does not ask for its own ({@code engine.run_timeout_ms}) */
    public Engine(TemplateEngine templates, Supplier<Extensions> extensions, Clock clock, Json json,
                  ActionRunner runner, Duration runTimeout) {
        this.templates = templates;
        this.runTimeout = runTimeout;
        this.extensions = extensions;
        this.clock = clock;
        this.json = json;
        this.runner = runner;
    }

    /**
     * Runs a behavior (enabled or not: callers check that).
     *
     * @param placeholders the event's placeholders; the behavior's own are added
     * @param simulate     dry run: simulator nodes run, side-effect actions are described instead of run
     */
    public BehaviorRun run(CompiledBehavior behavior, Map<String, Object> placeholders, boolean simulate) {
        return run(behavior, placeholders, simulate, null);
    }

    /**
     * Runs a behavior within a deadline.
     *
     * @param timeout how long the whole run may take; null for the host's {@code engine.run_timeout_ms}
     */
    public BehaviorRun run(CompiledBehavior behavior, Map<String, Object> placeholders, boolean simulate,
                           Duration timeout) {
        Deadline deadline = timeout == null
                ? Deadline.in(runTimeout, "the run's " + runTimeout.toMillis() + " ms deadline (engine.run_timeout_ms)")
                : Deadline.in(timeout, "the run's " + timeout.toMillis()
                        + " ms deadline (set by its caller, such as a listener's run_timeout_ms)");
        Run run = new Run(this, behavior, extensions.get(), dictionary(behavior, placeholders, simulate), simulate,
                deadline);
        run.start();
        return withoutBotSecrets(run.result(), behavior.bot());
    }

    /**
     * The run with the bot's secret config values masked wherever its trace or errors repeat them (a condition's
     * actual value, a variable set from {@code va_config}); the dictionary keeps them, the engine's callers need it.
     */
    @SuppressWarnings("unchecked")
    private static BehaviorRun withoutBotSecrets(BehaviorRun run, Bot bot) {
        Set<String> secrets = bot.secretValues();
        if (secrets.isEmpty()) {
            return run;
        }
        return new BehaviorRun(run.dictionary(), run.exited(),
                (List<String>) Redaction.scrub(run.errors(), secrets),
                (List<Map<String, Object>>) Redaction.scrub(run.trace(), secrets));
    }

    /** The starting dictionary: variable defaults, then the given placeholders, then the bot's and behavior's. */
    static Map<String, Object> dictionary(CompiledBehavior b, Map<String, Object> placeholders, boolean simulate) {
        Map<String, Object> dict = new LinkedHashMap<>();
        Map<String, Object> vars = b.variables();
        vars.forEach((key, def) -> dict.put(key, Variables.defaultValue(def)));
        if (placeholders != null) {
            placeholders.forEach((k, v) -> {
                // A private variable is the behavior's own: callers cannot set it (the simulator may).
                if (!simulate && vars.get(k) instanceof Map<?, ?> def && Values.truthy(def.get("is_private"))) {
                    return;
                }
                dict.put(k, v);
            });
        }
        dict.put("va_id", b.bot().id());
        dict.put("va_name", b.bot().name());
        dict.put("va_config", b.bot().config());
        dict.put("behavior_id", b.behavior().id());
        dict.put("behavior_name", b.behavior().title());
        dict.put("behavior_priority", b.behavior().priority());
        return dict;
    }

    TemplateEngine templates() {
        return templates;
    }

    Clock clock() {
        return clock;
    }

    Json json() {
        return json;
    }

    ActionRunner runner() {
        return runner;
    }

    /** Shortcut for tests and the simulator: the trace as indented lines. */
    public static List<String> traceText(BehaviorRun run) {
        return TraceText.lines(run.trace());
    }
}
