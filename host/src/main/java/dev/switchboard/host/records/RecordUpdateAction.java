package dev.switchboard.host.records;

import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionOutput;
import dev.switchboard.api.ActionParam;
import dev.switchboard.host.json.HostJson;
import java.util.List;
import java.util.Map;

/** Cerb's {@code core.bot.action.record.update {context, id, changeset_json, run_in_simulator, object_placeholder}}. */
final class RecordUpdateAction extends RecordAction {
    RecordUpdateAction(BotRecords records, HostJson json) {
        super(records, json, "update", "Update a record", true);
    }

    @Override
    public List<ActionParam> params() {
        return List.of(contextParam("update"), idParam("update"), changesetParam(), simulatorParam(),
                placeholderParam("the updated record"));
    }

    @Override
    public List<ActionOutput> outputs() {
        return List.of(placeholderOutput("the updated record"));
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        String var = placeholder(context, params, null);
        RecordKind kind = kind(params);
        long id = recordId(params);
        Map<String, Object> changeset = changeset(params);
        Map<String, Object> after = call(() -> kind.update(actor(context), id, changeset)).orElseThrow(() ->
                new ActionException(id() + ": no " + kind.name() + " with id " + id));
        if (var != null) {
            context.dictionary().put(var, after);
        }
        context.note("updated " + kind.name() + " " + id + ": " + String.join(", ", changeset.keySet()));
    }
}
