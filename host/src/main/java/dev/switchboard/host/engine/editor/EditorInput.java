package dev.switchboard.host.engine.editor;

import dev.switchboard.api.HttpStatusException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a behavior API body: a field of the wrong type is a 400, a value out of range a 422, each naming
 * the field; an unknown field is a 400 listing the known ones.
 */
final class EditorInput {
    private final Map<String, Object> body;

    EditorInput(Map<String, Object> body, Set<String> known) {
        for (String key : body.keySet()) {
            if (!known.contains(key)) {
                throw new HttpStatusException(400, "unknown field '" + key + "' (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")", key);
            }
        }
        this.body = body;
    }

    boolean has(String field) {
        return body.containsKey(field);
    }

    Object raw(String field) {
        return body.get(field);
    }

    /** Text of 1 to {@code max} characters (after trimming); null when absent and not required. */
    String text(String field, int max, boolean required) {
        Object v = body.get(field);
        if (v == null) {
            if (required) {
                throw new HttpStatusException(422, "'" + field + "' is required", field);
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw new HttpStatusException(400, "'" + field + "' must be a string", field);
        }
        String t = s.strip();
        if (t.isEmpty() || t.length() > max) {
            throw new HttpStatusException(422, "'" + field + "' must be 1 to " + max + " characters", field);
        }
        return t;
    }

    /** A note: text of at most {@code max} characters, "" when absent. */
    String note(String field, int max) {
        Object v = body.get(field);
        if (v == null) {
            return "";
        }
        if (!(v instanceof String s)) {
            throw new HttpStatusException(400, "'" + field + "' must be a string", field);
        }
        if (s.strip().length() > max) {
            throw new HttpStatusException(422, "'" + field + "' must be at most " + max + " characters", field);
        }
        return s.strip();
    }

    /** A whole number within bounds, or {@code fallback} when absent. */
    long number(String field, long min, long max, Long fallback) {
        Object v = body.get(field);
        if (v == null) {
            if (fallback == null) {
                throw new HttpStatusException(422, "'" + field + "' is required", field);
            }
            return fallback;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new HttpStatusException(400, "'" + field + "' must be a whole number", field);
        }
        long l = n.longValue();
        if (l < min || l > max) {
            throw new HttpStatusException(422, "'" + field + "' must be between " + min + " and " + max, field);
        }
        return l;
    }

    /** A JSON object, or null when absent. */
    @SuppressWarnings("unchecked")
    Map<String, Object> object(String field) {
        Object v = body.get(field);
        if (v != null && !(v instanceof Map)) {
            throw new HttpStatusException(400, "'" + field + "' must be a JSON object", field);
        }
        return (Map<String, Object>) v;
    }

    /** A JSON array (required). */
    List<?> array(String field) {
        Object v = body.get(field);
        if (v == null) {
            throw new HttpStatusException(422, "'" + field + "' is required", field);
        }
        if (!(v instanceof List<?> l)) {
            throw new HttpStatusException(400, "'" + field + "' must be a JSON array", field);
        }
        return l;
    }
}
