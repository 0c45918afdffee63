package dev.switchboard.host.records;

import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionOutput;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.ParamType;
import dev.switchboard.host.json.HostJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cerb's {@code core.bot.action.record.search {context, query, expand, object_placeholder}}: the placeholder gets
 * the matching records keyed by id (a JSON object, as PHP encodes Cerb's array), or the one record itself when the
 * query says {@code limit:1}; {@code <placeholder>__total} the number of matches and {@code <placeholder>__page}
 * the page. With no match the placeholder is an empty list and the other two are left as they were, as in Cerb.
 * {@code expand} is accepted and has nothing to do: every dictionary here is already complete.
 */
final class RecordSearchAction extends RecordAction {
    RecordSearchAction(BotRecords records, HostJson json) {
        super(records, json, "search", "Search records", false);
    }

    @Override
    public List<ActionParam> params() {
        return List.of(contextParam("search"),
                ActionParam.template("query", false, "a search query, e.g. isDisabled:n limit:50 (default limit "
                        + RecordQuery.DEFAULT_LIMIT + ")"),
                ActionParam.template("expand", false, "keys to expand (accepted; dictionaries are complete)"),
                placeholderParam("the records found"));
    }

    @Override
    public List<ActionOutput> outputs() {
        return List.of(
                ActionOutput.of("{object_placeholder}", ParamType.JSON, "the records found, keyed by id"
                        + " (the record itself with limit:1)"),
                ActionOutput.of("{object_placeholder}__total", ParamType.NUMBER, "how many records match"),
                ActionOutput.of("{object_placeholder}__page", ParamType.NUMBER, "the page of results, from 1"));
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        String var = placeholder(context, params, List.of());
        RecordKind kind = kind(params);
        RecordKind.Page page = call(() -> kind.search(text(params, "query")));
        context.note(page.total() + " " + kind.name() + " record(s) match");
        if (var == null || page.records().isEmpty()) {
            return;
        }
        Map<String, Object> dict = context.dictionary();
        dict.put(var + "__total", page.total());
        dict.put(var + "__page", (long) page.page());
        if (page.limit() == 1) {
            dict.put(var, page.records().get(0));
            return;
        }
        Map<String, Object> byId = new LinkedHashMap<>();
        page.records().forEach(r -> byId.put(String.valueOf(r.get("id")), r));
        dict.put(var, byId);
    }
}
