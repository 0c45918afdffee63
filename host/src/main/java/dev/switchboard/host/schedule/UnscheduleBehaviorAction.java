package dev.switchboard.host.schedule;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionParam;
import dev.switchboard.host.engine.BehaviorCache;
import java.util.List;
import java.util.Map;

/** {@code _unschedule_behavior {behavior_id, on}}: removes every scheduled run of that behavior on that bot. */
public final class UnscheduleBehaviorAction implements Action {
    private final BehaviorCache cache;
    private final ScheduledBehaviors schedule;

    public UnscheduleBehaviorAction(BehaviorCache cache, ScheduledBehaviors schedule) {
        this.cache = cache;
        this.schedule = schedule;
    }

    @Override
    public String id() {
        return "_unschedule_behavior";
    }

    @Override
    public String label() {
        return "Unschedule a custom behavior on a bot";
    }

    @Override
    public List<ActionParam> params() {
        return List.of(
                BotCallTarget.BEHAVIOR_ID, BotCallTarget.ON);
    }

    @Override
    public boolean sideEffects() {
        return true;
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        BotCallTarget target = BotCallTarget.resolve(cache, context, params);
        int removed = schedule.unschedule(target.behavior().behavior().id(), "bot", target.onBotId());
        context.note("unscheduled " + removed + " run(s) of " + target.describe());
    }
}
