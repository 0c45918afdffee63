package dev.switchboard.host.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders a run's trace as indented lines, for people reading the simulator's answer. */
final class TraceText {
    private TraceText() {
    }

    static List<String> lines(List<Map<String, Object>> trace) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> e : trace) {
            int depth = e.get("depth") instanceof Number n ? n.intValue() : 0;
            out.add("  ".repeat(depth) + line(e));
        }
        return out;
    }

    private static String line(Map<String, Object> e) {
        String kind = String.valueOf(e.get("kind"));
        return switch (kind) {
            case "node" -> {
                String s = e.get("type") + " '" + e.get("title") + "'";
                if (e.containsKey("skipped")) {
                    yield s + " — skipped (" + e.get("skipped") + ")";
                }
                if (e.containsKey("passed")) {
                    yield (Boolean.TRUE.equals(e.get("passed")) ? "[pass] " : "[fail] ") + s;
                }
                yield s + (e.containsKey("items") ? " — " + e.get("items") + " item(s)" : "");
            }
            case "condition" -> (Boolean.TRUE.equals(e.get("passed")) ? "[true] " : "[false] ") + e.get("condition")
                    + " " + (e.get("oper") == null ? "is" : e.get("oper")) + " "
                    + quote(e.containsKey("rendered_value") ? e.get("rendered_value") : e.get("value"))
                    + " (actual " + quote(e.get("actual")) + ")" + (e.containsKey("error") ? " — " + e.get("error") : "");
            case "action" -> "action " + e.get("action") + " " + (e.get("params") == null ? "" : e.get("params"))
                    + " → " + (e.containsKey("error") ? "failed: " + e.get("error") : e.get("result"));
            case "iteration" -> "#" + e.get("counter") + " " + e.get("placeholder") + "__key=" + quote(e.get("key"));
            case "exit" -> "_exit " + e.get("mode");
            case "note" -> "note: " + e.get("message");
            default -> kind + ": " + (e.containsKey("error") ? e.get("error") : e.get("message"));
        };
    }

    private static String quote(Object v) {
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }
}
