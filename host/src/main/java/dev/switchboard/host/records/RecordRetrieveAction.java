package dev.switchboard.host.records;

import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionOutput;
import dev.switchboard.api.ActionParam;
import dev.switchboard.host.json.HostJson;
import java.util.List;
import java.util.Map;

/** Cerb's {@code core.bot.action.record.retrieve {context, id, object_placeholder}}; runs in the simulator too. */
final class RecordRetrieveAction extends RecordAction {
    RecordRetrieveAction(BotRecords records, HostJson json) {
        super(records, json, "retrieve", "Retrieve a record", false);
    }

    @Override
    public List<ActionParam> params() {
        return List.of(contextParam("retrieve"), idParam("retrieve"), simulatorParam(),
                placeholderParam("the record"));
    }

    @Override
    public List<ActionOutput> outputs() {
        return List.of(placeholderOutput("the record"));
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        String var = placeholder(context, params, null);
        RecordKind kind = kind(params);
        long id = recordId(params);
        Map<String, Object> found = kind.get(id).orElseThrow(() ->
                new ActionException(id() + ": no " + kind.name() + " with id " + id));
        if (var != null) {
            context.dictionary().put(var, found);
        }
    }
}
