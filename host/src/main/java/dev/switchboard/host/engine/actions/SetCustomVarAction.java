package dev.switchboard.host.engine.actions;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionOutput;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.Json;
import dev.switchboard.api.ParamType;
import java.util.List;
import java.util.Map;

/**
 * {@code _set_custom_var {var, value, format}}: sets a placeholder to the rendered value; with
 * {@code format: "json"} the value is decoded first (invalid JSON sets null, like PHP's json_decode).
 */
public final class SetCustomVarAction implements Action {
    private final Json json;

    public SetCustomVarAction(Json json) {
        this.json = json;
    }

    @Override
    public String id() {
        return "_set_custom_var";
    }

    @Override
    public String label() {
        return "Set a placeholder";
    }

    @Override
    public List<ActionParam> params() {
        return List.of(
                ActionParam.of("var", ParamType.TEXT, true, "placeholder name, e.g. my_var"),
                ActionParam.template("value", false, "the value (a template)"),
                ActionParam.of("format", ParamType.TEXT, false, "'' for text, 'json' to decode")
                        .withChoices(List.of("", "json")));
    }

    @Override
    public List<ActionOutput> outputs() {
        return List.of(ActionOutput.of("{var}", ParamType.TEXT,
                "the rendered value; with format json, the decoded value (a list, a map, a number …)"));
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        String var = String.valueOf(params.get("var")).trim();
        if (!var.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ActionException("'" + var + "' is not a placeholder name");
        }
        Object value = params.getOrDefault("value", "");
        if ("json".equalsIgnoreCase(String.valueOf(params.getOrDefault("format", "")))) {
            String text = String.valueOf(value).trim();
            try {
                value = text.isEmpty() ? null : json.parse(text);
            } catch (IllegalArgumentException e) {
                value = null;
                context.note(var + ": value is not valid JSON; set to null");
            }
        }
        context.dictionary().put(var, value);
    }
}
