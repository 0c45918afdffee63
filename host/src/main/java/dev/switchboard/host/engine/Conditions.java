package dev.switchboard.host.engine;

import dev.switchboard.api.EventCondition;
import dev.switchboard.host.limits.Deadline;
import dev.switchboard.host.template.TemplateEngine;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Evaluates one condition object of an outcome: a placeholder compared with {@link Compare}; an event condition
 * (e.g. {@code http_header}) whose value the event type resolves; {@code _custom_script} (render {@code tpl},
 * trim, compare as text); Cerb's date conditions; or a yes/no condition ({@code "bool": 1}).
 */
final class Conditions {
    private Conditions() {
    }

    /**
     * The outcome of one condition, for the trace.
     *
     * @param passed   whether it passed (after {@code !})
     * @param actual   the value that was compared
     * @param expected the rendered operand
     */
    record Result(boolean passed, Object actual, Object expected) {
    }

    /**
     * @param render   renders a template against the current dictionary
     * @param deadline the run's deadline, which a {@code like} or {@code regexp} match stops at
     * @throws Compare.BadComparison or a {@link dev.switchboard.api.TemplateException} when it cannot be evaluated
     */
    static Result evaluate(Map<String, Object> cond, Map<String, Object> dict,
                           BiFunction<String, Map<String, Object>, String> render,
                           List<EventCondition> eventConditions, Clock clock, Deadline deadline) {
        String id = String.valueOf(cond.get("condition"));
        String oper = cond.get("oper") == null ? "is" : String.valueOf(cond.get("oper"));
        if (DateConditions.IDS.contains(id)) {
            return new Result(DateConditions.test(id, cond, clock), clock.instant().toString(), null);
        }
        Object actual;
        if (id.equals("_custom_script")) {
            actual = render.apply(String.valueOf(cond.getOrDefault("tpl", "")), dict).trim();
        } else {
            EventCondition ec = find(eventConditions, id);
            actual = ec != null ? ec.resolve(java.util.Collections.unmodifiableMap(dict), cond)
                    : Values.lookup(dict, id);
        }
        if (cond.containsKey("bool") && !cond.containsKey("value")) {
            boolean want = Values.truthy(cond.get("bool"));
            return new Result(Values.truthy(actual) == want, actual, want);
        }
        Object expected = cond.get("value");
        if (expected instanceof String s && !TemplateEngine.isConstant(s)) {
            expected = render.apply(s, dict);
        }
        return new Result(Compare.test(actual, oper, expected, deadline), actual, expected);
    }

    private static EventCondition find(List<EventCondition> conditions, String id) {
        for (EventCondition c : conditions) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    /** The condition as the trace shows it: the JSON object without noise. */
    static Map<String, Object> describe(Map<String, Object> cond) {
        return new LinkedHashMap<>(cond);
    }
}
