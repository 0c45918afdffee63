package dev.switchboard.host.records;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionOutput;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.ParamType;
import dev.switchboard.host.json.HostJson;
import java.util.List;
import java.util.Map;

/**
 * What Cerb's record actions ({@code core.bot.action.record.*}) share: the {@code context} param names the record
 * type (any of its names, see {@link BotRecords#find}), {@code changeset_json} renders a JSON object of fields,
 * {@code object_placeholder} receives the record as a dictionary. Where Cerb fails quietly (returns false), these
 * report an {@link ActionException} that names the problem, and the node goes on as in Cerb.
 */
abstract class RecordAction implements Action {
    static final String PREFIX = "core.bot.action.record.";
    final BotRecords records;
    private final HostJson json;
    private final String id;
    private final String label;
    private final boolean writes;

    /**
     * @param verb   the last part of the action id ({@code create} for {@code core.bot.action.record.create})
     * @param writes whether it changes records (then the simulator describes it instead of running it)
     */
    RecordAction(BotRecords records, HostJson json, String verb, String label, boolean writes) {
        this.records = records;
        this.json = json;
        this.id = PREFIX + verb;
        this.label = label;
        this.writes = writes;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String label() {
        return label;
    }

    @Override
    public final boolean sideEffects() {
        return writes;
    }

    static ActionParam contextParam(String what) {
        return ActionParam.template("context", true, "the record type to " + what + ": "
                + String.join(", ", BotRecords.NAMES) + " (or Cerb's cerberusweb.contexts.* name)");
    }

    static ActionParam changesetParam() {
        return ActionParam.template("changeset_json", true, "a JSON object of the fields to set, e.g."
                + " {\"title\": \"Call back\", \"due\": \"+2 days\"}");
    }

    static ActionParam idParam(String what) {
        return ActionParam.template("id", true, "the id of the record to " + what);
    }

    static ActionParam simulatorParam() {
        return ActionParam.of("run_in_simulator", ParamType.BOOLEAN, false,
                "accepted as Cerb writes it; the simulator never writes records here");
    }

    static ActionParam placeholderParam(String what) {
        return ActionParam.of("object_placeholder", ParamType.TEXT, false, "placeholder set to " + what
                + ", e.g. _record");
    }

    static ActionOutput placeholderOutput(String what) {
        return ActionOutput.of("{object_placeholder}", ParamType.JSON, what
                + " as a record dictionary (_context, _label, id and its fields)");
    }

    RecordKind kind(Map<String, Object> params) {
        String name = text(params, "context");
        return records.find(name).orElseThrow(() -> new ActionException(id() + ": unknown record type '" + name
                + "'; the types are " + String.join(", ", BotRecords.NAMES)));
    }

    Map<String, Object> changeset(Map<String, Object> params) {
        String text = text(params, "changeset_json");
        Object parsed;
        try {
            parsed = text.isEmpty() ? null : json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ActionException(id() + ": changeset_json is not JSON (" + e.getMessage() + ")");
        }
        if (parsed instanceof List<?> l && l.isEmpty()) {
            return Map.of(); // PHP's json_encode writes an empty map as []
        }
        if (!(parsed instanceof Map<?, ?> m)) {
            throw new ActionException(id() + ": changeset_json must render a JSON object of fields, not '"
                    + abbreviate(text) + "'");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) m;
        return fields;
    }

    long recordId(Map<String, Object> params) {
        String id = text(params, "id");
        if (!id.matches("\\d{1,18}")) {
            throw new ActionException(id() + ": id must be a record id, not '" + abbreviate(id) + "'");
        }
        return Long.parseLong(id);
    }

    /** Clears the placeholder first, as Cerb does, so a failed action leaves no stale record in it. */
    static String placeholder(ActionContext ctx, Map<String, Object> params, Object initial) {
        Object name = params.get("object_placeholder");
        if (name == null || name.toString().isBlank()) {
            return null;
        }
        String var = name.toString().strip();
        if (!var.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ActionException("object_placeholder '" + var + "' is not a placeholder name");
        }
        ctx.dictionary().put(var, initial);
        return var;
    }

    static String actor(ActionContext ctx) {
        return "behavior:" + ctx.behavior().id();
    }

    /** Runs a record call, turning a refused changeset or query into the action's failure. */
    <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (BadRecordException e) {
            throw new ActionException(id() + ": " + e.getMessage());
        }
    }

    static String text(Map<String, Object> params, String name) {
        Object v = params.get(name);
        return v == null ? "" : v.toString().strip();
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
