package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.HttpRequest;
import dev.switchboard.api.HttpStatusException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A JSON object body checked by name (known fields only): the request simulation's, whose errors are 400s. */
final class ApiInput {
    private static final long MAX_BODY = 64 * 1024;

    private ApiInput() {
    }

    /**
     * The body as a JSON object whose keys are all in {@code allowed}.
     *
     * @throws HttpStatusException 400 when it is not JSON, 422 when it is not an object or has an unknown field
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(HttpRequest request, Set<String> allowed) {
        Map<String, Object> map = request.bodyAs(Map.class, MAX_BODY);
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new HttpStatusException(422, "unknown field '" + key + "'; expected one of "
                        + new TreeSet<>(allowed), key);
            }
        }
        return map;
    }
}
