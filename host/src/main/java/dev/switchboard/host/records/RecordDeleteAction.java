package dev.switchboard.host.records;

import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionParam;
import dev.switchboard.host.json.HostJson;
import java.util.List;
import java.util.Map;

/** Cerb's {@code core.bot.action.record.delete {context, id, run_in_simulator}}. */
final class RecordDeleteAction extends RecordAction {
    RecordDeleteAction(BotRecords records, HostJson json) {
        super(records, json, "delete", "Delete a record", true);
    }

    @Override
    public List<ActionParam> params() {
        return List.of(contextParam("delete"), idParam("delete"), simulatorParam());
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        RecordKind kind = kind(params);
        long id = recordId(params);
        if (!call(() -> kind.delete(actor(context), id))) {
            throw new ActionException(id() + ": no " + kind.name() + " with id " + id);
        }
        context.note("deleted " + kind.name() + " " + id);
    }
}
