package dev.switchboard.host.schedule;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.ParamType;
import dev.switchboard.host.engine.BehaviorCache;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * {@code _schedule_behavior {behavior_id, on, run_date, on_dupe, var_*...}}: schedules a custom behavior on a bot
 * to run at {@code run_date} (a template: {@code +2 hours}, {@code 31 days}, epoch seconds, an ISO date), with the
 * {@code var_*} inputs rendered now. {@code on_dupe}: {@code first} keeps only the earliest already scheduled,
 * {@code last} replaces earlier ones, anything else allows several. The run is stored: it happens after a restart,
 * once across a cluster. Not written in the simulator (a side effect).
 */
public final class ScheduleBehaviorAction implements Action {
    private final BehaviorCache cache;
    private final ScheduledBehaviors schedule;
    private final Clock clock;

    public ScheduleBehaviorAction(BehaviorCache cache, ScheduledBehaviors schedule, Clock clock) {
        this.cache = cache;
        this.schedule = schedule;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "_schedule_behavior";
    }

    @Override
    public String label() {
        return "Schedule a custom behavior on a bot";
    }

    @Override
    public List<ActionParam> params() {
        return List.of(
                BotCallTarget.BEHAVIOR_ID, BotCallTarget.ON,
                ActionParam.template("run_date", true, "when: '+2 hours', '31 days', epoch seconds, 2026-12-24 17:00"),
                ActionParam.of("on_dupe", ParamType.TEXT, false,
                        "first: keep the earliest; last: replace earlier ones; '': allow several"));
    }

    @Override
    public boolean sideEffects() {
        return true;
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        BotCallTarget target = BotCallTarget.resolve(cache, context, params);
        Instant now = clock.instant();
        Instant at;
        try {
            at = RunDate.parse(String.valueOf(params.getOrDefault("run_date", "")), now, zone(context));
        } catch (RunDate.BadDate e) {
            throw new ActionException("run_date: " + e.getMessage());
        }
        long id = schedule.schedule(target.behavior().behavior().id(), "bot", target.onBotId(), at.toEpochMilli(),
                target.inputs(context, params), ScheduledBehaviors.OnDupe.of(params.get("on_dupe")), now.toEpochMilli());
        context.note("scheduled " + target.describe() + " for " + at + " (scheduled run " + id + ")");
    }

    /** The run's time zone when {@code set_timezone} set one, else UTC. */
    static ZoneId zone(ActionContext context) {
        Object tz = context.dictionary().get("_timezone");
        try {
            return tz == null || String.valueOf(tz).isBlank() ? ZoneId.of("UTC") : ZoneId.of(String.valueOf(tz));
        } catch (java.time.DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
