package dev.switchboard.host.records;

import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionOutput;
import dev.switchboard.api.ActionParam;
import dev.switchboard.host.json.HostJson;
import java.util.List;
import java.util.Map;

/**
 * Cerb's {@code core.bot.action.record.upsert {context, query, changeset_json, run_in_simulator,
 * object_placeholder}}: updates the one record the query matches, creates one when none does, and refuses when
 * more than one does.
 */
final class RecordUpsertAction extends RecordAction {
    RecordUpsertAction(BotRecords records, HostJson json) {
        super(records, json, "upsert", "Create or update a record", true);
    }

    @Override
    public List<ActionParam> params() {
        return List.of(contextParam("create or update"),
                ActionParam.template("query", true, "a search query matching the record to update, e.g."
                        + " email:\"{{email}}\""),
                changesetParam(), simulatorParam(), placeholderParam("the created or updated record"));
    }

    @Override
    public List<ActionOutput> outputs() {
        return List.of(placeholderOutput("the created or updated record"));
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        String var = placeholder(context, params, null);
        RecordKind kind = kind(params);
        String query = text(params, "query");
        if (query.isEmpty()) {
            throw new ActionException(id() + ": query is empty");
        }
        Map<String, Object> changeset = changeset(params);
        RecordKind.Page found = call(() -> kind.search(query + " limit:2"));
        Map<String, Object> record;
        if (found.total() == 0) {
            record = call(() -> kind.create(actor(context), changeset));
            context.note("created " + kind.name() + " " + record.get("id"));
        } else if (found.total() == 1) {
            long id = ((Number) found.records().get(0).get("id")).longValue();
            record = call(() -> kind.update(actor(context), id, changeset)).orElseThrow(() ->
                    new ActionException(id() + ": " + kind.name() + " " + id + " was deleted meanwhile"));
            context.note("updated " + kind.name() + " " + id);
        } else {
            throw new ActionException(id() + ": the upsert query must match exactly 0 or 1 records; '" + query
                    + "' matches " + found.total());
        }
        if (var != null) {
            context.dictionary().put(var, record);
        }
    }
}
