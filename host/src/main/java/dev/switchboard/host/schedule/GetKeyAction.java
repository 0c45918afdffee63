package dev.switchboard.host.schedule;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionOutput;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.ParamType;
import java.util.List;
import java.util.Map;

/**
 * {@code _get_key {key, var}}: reads the bot's stored value for {@code key} (a template) into the placeholder
 * {@code var}; a missing or expired key sets it to null, as Cerb does.
 */
public final class GetKeyAction implements Action {
    private final BotStorage storage;

    public GetKeyAction(BotStorage storage) {
        this.storage = storage;
    }

    @Override
    public String id() {
        return "_get_key";
    }

    @Override
    public String label() {
        return "Get a persistent value";
    }

    @Override
    public List<ActionParam> params() {
        return List.of(ActionParam.template("key", true, "the key, e.g. rate-limit:{{var_email}}"),
                ActionParam.of("var", ParamType.TEXT, true, "placeholder to put the value in"));
    }

    @Override
    public List<ActionOutput> outputs() {
        return List.of(ActionOutput.of("{var}", ParamType.TEXT,
                "the stored value, or null when the key is missing or expired"));
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        String key = SetKeyAction.key(params);
        String var = String.valueOf(params.getOrDefault("var", "")).trim();
        if (!var.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ActionException("var '" + var + "' is not a placeholder name");
        }
        context.dictionary().put(var, storage.get(context.behavior().botId(), key).orElse(null));
    }
}
