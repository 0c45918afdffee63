package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.HttpRequest;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading the admin API's inputs: a JSON object body with known fields, numeric ids, paging params. */
final class ApiInput {
    private static final long MAX_BODY = 64 * 1024;

    private ApiInput() {
    }

    /** The body as a JSON object whose keys are all in {@code allowed}. @throws HttpStatusException 400 */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(HttpRequest request, Json json, Set<String> allowed) {
        String text = new String(request.body(MAX_BODY), StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new HttpStatusException(400, "request body is empty; send a JSON object");
        }
        Object parsed;
        try {
            parsed = json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(400, "malformed JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new HttpStatusException(400, "request body must be a JSON object");
        }
        for (Object key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new HttpStatusException(400, "unknown field '" + key + "'", String.valueOf(key));
            }
        }
        return (Map<String, Object>) map;
    }

    /** A numeric path parameter. @throws HttpStatusException 404 when it is not a number */
    static long id(HttpRequest request, String name) {
        try {
            return Long.parseLong(request.pathParam(name));
        } catch (NumberFormatException e) {
            throw new HttpStatusException(404, "no record with id '" + request.pathParam(name) + "'");
        }
    }

    /** A whole-number query parameter within bounds, or the fallback. @throws HttpStatusException 400 */
    static long number(HttpRequest request, String name, long fallback, long min, long max) {
        List<String> values = request.queryParams().get(name);
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        try {
            long v = Long.parseLong(values.get(0).trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HttpStatusException(400, "query parameter '" + name + "' must be a whole number between " + min
                + " and " + max, name);
    }
}
