package dev.switchboard.host.schedule;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionParam;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@code _set_key {key, value, expires_at}}: stores {@code value} under {@code key} for this bot (all templates);
 * {@code expires_at} empty keeps it forever, else a date as {@code _schedule_behavior}'s {@code run_date} reads
 * it ({@code +30 mins}, epoch seconds). Written in the simulator too, as Cerb does.
 */
public final class SetKeyAction implements Action {
    private final BotStorage storage;
    private final Clock clock;

    public SetKeyAction(BotStorage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "_set_key";
    }

    @Override
    public String label() {
        return "Set a persistent value";
    }

    @Override
    public List<ActionParam> params() {
        return List.of(ActionParam.template("key", true, "the key, e.g. rate-limit:{{var_email}}"),
                ActionParam.template("value", false, "the value (text)"),
                ActionParam.template("expires_at", false, "'' for never, '+30 mins', epoch seconds"));
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        String key = key(params);
        String expires = String.valueOf(params.getOrDefault("expires_at", "")).trim();
        long expiresAt = 0;
        if (!expires.isEmpty()) {
            try {
                expiresAt = RunDate.parse(expires, clock.instant(), ScheduleBehaviorAction.zone(context))
                        .getEpochSecond();
            } catch (RunDate.BadDate e) {
                throw new ActionException("expires_at: " + e.getMessage());
            }
        }
        Object value = params.get("value");
        storage.set(context.behavior().botId(), key, value == null ? "" : String.valueOf(value), expiresAt);
    }

    static String key(Map<String, Object> params) {
        String key = String.valueOf(params.getOrDefault("key", "")).trim();
        if (key.isEmpty()) {
            throw new ActionException("key is empty");
        }
        if (key.length() > BotStorage.MAX_KEY) {
            throw new ActionException("key is " + key.length() + " characters; at most " + BotStorage.MAX_KEY);
        }
        return key;
    }
}
