package dev.switchboard.host.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Behavior variables ({@code {"var_x": {key, label, type, is_private, params}}}): their starting values and how a
 * variable setter converts what it is given. Cerb's one-letter types are understood (S text, T multi-line text,
 * N number, C yes/no, D date, W worker, {@code ctx_*} record lists) as well as spelled-out names.
 */
public final class Variables {
    private Variables() {
    }

    /** The start value: {@code params.default} when given, else empty for the type. */
    static Object defaultValue(Object def) {
        if (!(def instanceof Map<?, ?> m)) {
            return null;
        }
        if (m.get("params") instanceof Map<?, ?> p && p.containsKey("default")) {
            return p.get("default");
        }
        return switch (kind(m.get("type"))) {
            case "number" -> 0L;
            case "bool" -> false;
            case "list" -> new java.util.ArrayList<>();
            case "text" -> "";
            default -> null;
        };
    }

    /** Converts a setter's (rendered) value to the variable's type. */
    public static Object convert(Object def, Object value) {
        String kind = def instanceof Map<?, ?> m ? kind(m.get("type")) : "any";
        return switch (kind) {
            case "number" -> {
                Double d = Values.number(value);
                yield d == null ? 0L : d == Math.rint(d) && Math.abs(d) < 9e15 ? (Object) d.longValue() : (Object) d;
            }
            case "bool" -> value instanceof String s ? !s.isBlank() && !s.trim().equals("0")
                    && !s.trim().equalsIgnoreCase("false") : Values.truthy(value);
            default -> value;
        };
    }

    private static String kind(Object type) {
        String t = type == null ? "" : String.valueOf(type).toLowerCase(Locale.ROOT);
        if (t.startsWith("ctx_") || List.of("list", "array").contains(t)) {
            return "list";
        }
        return switch (t) {
            case "n", "number" -> "number";
            case "c", "bool", "boolean", "checkbox" -> "bool";
            case "s", "t", "text", "string" -> "text";
            default -> "any";
        };
    }
}
