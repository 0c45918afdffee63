package dev.switchboard.host.records;

import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionOutput;
import dev.switchboard.api.ActionParam;
import dev.switchboard.host.json.HostJson;
import java.util.List;
import java.util.Map;

/** Cerb's {@code core.bot.action.record.create {context, changeset_json, run_in_simulator, object_placeholder}}. */
final class RecordCreateAction extends RecordAction {
    RecordCreateAction(BotRecords records, HostJson json) {
        super(records, json, "create", "Create a record", true);
    }

    @Override
    public List<ActionParam> params() {
        return List.of(contextParam("create"), changesetParam(), simulatorParam(),
                placeholderParam("the new record"));
    }

    @Override
    public List<ActionOutput> outputs() {
        return List.of(placeholderOutput("the new record"));
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        String var = placeholder(context, params, null);
        RecordKind kind = kind(params);
        Map<String, Object> changeset = changeset(params);
        Map<String, Object> made = call(() -> kind.create(actor(context), changeset));
        if (var != null) {
            context.dictionary().put(var, made);
        }
        context.note("created " + kind.name() + " " + made.get("id"));
    }
}
