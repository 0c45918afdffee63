package dev.switchboard.host.schedule;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionOutput;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.BehaviorRun;
import dev.switchboard.api.Behaviors;
import dev.switchboard.api.ParamType;
import dev.switchboard.api.SwitchboardException;
import dev.switchboard.host.engine.BehaviorCache;
import dev.switchboard.host.engine.RunControl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code _run_behavior {behavior_id, on, var, var_*..., run_in_simulator}}: runs a custom behavior on a bot now,
 * with the {@code var_*} inputs, and puts the dictionary it ended with in the placeholder {@code var} (Cerb's
 * {@code _behavior}), so {@code {{_behavior.var_answer}}} reads what it returned. The called run gets what is left
 * of the caller's deadline; calls nest at most {@link #MAX_DEPTH} deep. When the called run ends with errors the
 * action fails with them (after setting {@code var}), so they reach the caller's errors. In the simulator it runs
 * (simulated) only with {@code run_in_simulator}, as in Cerb.
 */
public final class RunBehaviorAction implements Action {
    /** Behaviors calling behaviors deeper than this are refused (a behavior that calls itself). */
    public static final int MAX_DEPTH = 8;

    private final BehaviorCache cache;
    private final Behaviors behaviors;
    // Host actions run on the caller's thread, so a nested call is on the same thread as its caller.
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

    public RunBehaviorAction(BehaviorCache cache, Behaviors behaviors) {
        this.cache = cache;
        this.behaviors = behaviors;
    }

    @Override
    public String id() {
        return "_run_behavior";
    }

    @Override
    public String label() {
        return "Run a custom behavior on a bot";
    }

    @Override
    public List<ActionParam> params() {
        return List.of(
                BotCallTarget.BEHAVIOR_ID, BotCallTarget.ON,
                ActionParam.of("var", ParamType.TEXT, false, "placeholder for the result (default _behavior)"),
                ActionParam.of("run_in_simulator", ParamType.BOOLEAN, false, "also run it (simulated) in the simulator"));
    }

    @Override
    public List<ActionOutput> outputs() {
        return List.of(ActionOutput.of("{var}", ParamType.JSON,
                "the called behavior's dictionary when it ended, e.g. {{ _behavior.var_answer }} (_behavior when var"
                        + " is empty)"));
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        BotCallTarget target = BotCallTarget.resolve(cache, context, params);
        String var = String.valueOf(params.getOrDefault("var", "")).trim();
        if (var.isEmpty()) {
            var = "_behavior";
        }
        if (!var.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ActionException("var '" + var + "' is not a placeholder name");
        }
        boolean simulate = context.simulating();
        if (simulate && !Boolean.TRUE.equals(params.get("run_in_simulator"))) {
            context.note("would run " + target.describe() + " (run_in_simulator is off)");
            return;
        }
        Map<String, Object> placeholders = target.inputs(context, params);
        placeholders.put("_trigger_va_id", target.onBotId());
        int[] d = depth.get();
        if (d[0] >= MAX_DEPTH) {
            throw new ActionException("behaviors calling behaviors nested deeper than " + MAX_DEPTH);
        }
        d[0]++;
        BehaviorRun run;
        try {
            run = behaviors.run(target.behavior().behavior().id(), placeholders, simulate,
                    ((RunControl) context).remaining());
        } catch (SwitchboardException e) {
            throw new ActionException(e.getMessage(), e);
        } finally {
            d[0]--;
        }
        Map<String, Object> result = new LinkedHashMap<>(run.dictionary());
        if (target.behavior().bot().id() != context.behavior().botId()) {
            result.remove("va_config"); // another bot's configuration is its own
        }
        context.dictionary().put(var, result);
        if (!run.errors().isEmpty()) {
            // the caller's run records it, so a failure deep in a chain of calls reaches the top
            throw new ActionException(target.describe() + " ended with errors: " + String.join("; ", run.errors()));
        }
        context.note("ran " + target.describe() + (run.exited() ? " (it exited)" : ""));
    }
}
