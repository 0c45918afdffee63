package dev.switchboard.host.tickets;

import dev.switchboard.api.HttpStatusException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates the writable fields of a ticket ({@code subject, body, requester, status, priority}) from a JSON object
 * or from rendered behavior params. Wrong types are 400s, values out of range 422s, each naming the field; nothing
 * is written before every field passed.
 */
public final class TicketFields {
    /** Fields a caller may set. */
    public static final List<String> WRITABLE = List.of("subject", "body", "requester", "status", "priority");
    /** Allowed statuses. */
    public static final List<String> STATUSES = List.of("open", "waiting", "closed");
    static final int DEFAULT_PRIORITY = 50;
    static final int MAX_SUBJECT = 255;
    static final int MAX_REQUESTER = 320;
    static final int MAX_BODY = 1 << 20;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private TicketFields() {
    }

    /**
     * Checks a JSON object's fields.
     *
     * @param creating true for a new ticket (subject and requester required, defaults applied)
     * @param textual  true when values come from templates (a priority may then be a numeric string)
     * @param ignored  keys to skip (e.g. {@code uid}, {@code _context} of a package record)
     * @return the validated values by field name, in {@link #WRITABLE} order
     * @throws HttpStatusException 400 for an unknown field or a wrong type, 422 for a bad value
     */
    public static Map<String, Object> validate(Map<String, Object> input, boolean creating, boolean textual,
                                               List<String> ignored) {
        for (String key : input.keySet()) {
            if (!WRITABLE.contains(key) && !ignored.contains(key)) {
                throw new HttpStatusException(400, "unknown field '" + key + "'; a ticket has "
                        + String.join(", ", WRITABLE), key);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : WRITABLE) {
            if (input.containsKey(field)) {
                out.put(field, value(field, input.get(field), textual));
            }
        }
        if (creating) {
            for (String required : List.of("subject", "requester")) {
                if (!out.containsKey(required)) {
                    throw new HttpStatusException(422, "'" + required + "' is required", required);
                }
            }
            out.putIfAbsent("body", "");
            out.putIfAbsent("status", "open");
            out.putIfAbsent("priority", DEFAULT_PRIORITY);
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        WRITABLE.stream().filter(out::containsKey).forEach(f -> ordered.put(f, out.get(f)));
        return ordered;
    }

    private static Object value(String field, Object raw, boolean textual) {
        if (raw == null) {
            throw new HttpStatusException(400, "'" + field + "' must not be null", field);
        }
        if (field.equals("priority")) {
            return priority(raw, textual);
        }
        if (!(raw instanceof String s)) {
            throw new HttpStatusException(400, "'" + field + "' must be a string", field);
        }
        return switch (field) {
            case "subject" -> {
                String v = s.strip();
                if (v.isEmpty() || v.length() > MAX_SUBJECT) {
                    throw new HttpStatusException(422, "'subject' must be 1 to " + MAX_SUBJECT + " characters", field);
                }
                yield v;
            }
            case "body" -> {
                if (s.length() > MAX_BODY) {
                    throw new HttpStatusException(422, "'body' must be at most " + MAX_BODY + " characters", field);
                }
                yield s;
            }
            case "requester" -> {
                String v = s.strip();
                if (v.length() > MAX_REQUESTER || !EMAIL.matcher(v).matches()) {
                    throw new HttpStatusException(422, "'requester' must be an email address", field);
                }
                yield v;
            }
            case "status" -> {
                String v = s.strip().toLowerCase(java.util.Locale.ROOT);
                if (!STATUSES.contains(v)) {
                    throw new HttpStatusException(422, "'status' must be one of " + String.join(", ", STATUSES)
                            + ", not '" + s + "'", field);
                }
                yield v;
            }
            default -> throw new IllegalStateException(field);
        };
    }

    private static int priority(Object raw, boolean textual) {
        long v;
        if (raw instanceof Long || raw instanceof Integer) {
            v = ((Number) raw).longValue();
        } else if (textual && raw instanceof String s && s.strip().matches("-?\\d{1,9}")) {
            v = Long.parseLong(s.strip());
        } else {
            throw new HttpStatusException(400, "'priority' must be a whole number", "priority");
        }
        if (v < 0 || v > 100) {
            throw new HttpStatusException(422, "'priority' must be between 0 and 100", "priority");
        }
        return (int) v;
    }
}
