package dev.switchboard.host.schedule;

import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.ParamType;
import dev.switchboard.host.engine.BehaviorCache;
import dev.switchboard.host.engine.CompiledBehavior;
import dev.switchboard.host.engine.Variables;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code _run_behavior}, {@code _schedule_behavior} and {@code _unschedule_behavior} share, read as Cerb's
 * event helper reads them: {@code behavior_id} names a custom behavior ({@code event.macro.bot}); {@code on} names
 * the placeholder holding the bot it runs on ({@code _trigger_va_id}, or empty: the calling bot); every
 * {@code var_*} param that is one of the target's variables is an input, rendered and converted to its type.
 */
record BotCallTarget(CompiledBehavior behavior, long onBotId) {
    static final ActionParam BEHAVIOR_ID = ActionParam.of("behavior_id", ParamType.TEXT, true,
            "the id of a behavior on " + MacroBotEvent.ID);
    static final ActionParam ON = ActionParam.of("on", ParamType.TEXT, false,
            "placeholder holding the bot to run on; _trigger_va_id or empty: this bot");

    static BotCallTarget resolve(BehaviorCache cache, ActionContext context, Map<String, Object> params) {
        String raw = String.valueOf(params.getOrDefault("behavior_id", "")).trim();
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ActionException("behavior_id '" + raw + "' is not a behavior id");
        }
        CompiledBehavior target = cache.get(id)
                .orElseThrow(() -> new ActionException("no behavior with id " + id));
        if (!MacroBotEvent.ID.equals(target.behavior().eventId())) {
            throw new ActionException("behavior " + id + " is on " + target.behavior().eventId()
                    + "; only custom behaviors on a bot (" + MacroBotEvent.ID + ") can be run or scheduled");
        }
        return new BotCallTarget(target, onBot(context, params));
    }

    private static long onBot(ActionContext context, Map<String, Object> params) {
        String on = String.valueOf(params.getOrDefault("on", "")).trim();
        Object value = on.isEmpty() || on.equals("_trigger_va_id") ? null : context.dictionary().get(on);
        if (value == null) {
            return context.behavior().botId();
        }
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new ActionException("on: placeholder '" + on + "' holds '" + value + "', not a bot id");
        }
    }

    /** The target's inputs from the {@code var_*} params, rendered against the caller's dictionary. */
    Map<String, Object> inputs(ActionContext context, Map<String, Object> params) {
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, Object> defs = behavior.variables();
        params.forEach((k, v) -> {
            if (k.startsWith("var_") && defs.containsKey(k)) {
                Object value = v instanceof String s ? context.render(s) : v;
                vars.put(k, Variables.convert(defs.get(k), value));
            }
        });
        return vars;
    }

    String describe() {
        return "behavior " + behavior.behavior().id() + " '" + behavior.behavior().title() + "'";
    }
}
