package dev.switchboard.api;

import java.util.Map;

/**
 * A condition an {@link EventType} adds to its behaviors, such as {@code http_header} that reads one header by
 * name. The engine compares the resolved value with the condition's operator ({@code is}, {@code contains},
 * {@code like}, {@code regexp}, {@code gt}, {@code lt}, each negatable with {@code !}).
 *
 * <pre>{@code
 * // {"condition": "http_header", "name": "X-GitHub-Event", "oper": "is", "value": "ping"}
 * public Object resolve(Map<String, Object> dict, Map<String, Object> params) {
 *     Map<?, ?> headers = (Map<?, ?>) dict.get("http_headers");
 *     return headers.get(normalise((String) params.get("name")));
 * }
 * }</pre>
 *
 * @since 1.0.0
 */
public interface EventCondition {
    /**
     * The id used in behavior JSON as {@code "condition": id}.
     *
     * @since 1.0.0
     */
    String id();

    /**
     * A short label for people.
     *
     * @since 1.0.0
     */
    String label();

    /**
     * Returns the value to compare.
     *
     * @param dictionary the behavior's dictionary (read only)
     * @param params     the condition's JSON object (e.g. {@code name}, {@code oper}, {@code value})
     * @return the value, or {@code null} when absent
     * @since 1.0.0
     */
    Object resolve(Map<String, Object> dictionary, Map<String, Object> params);
}
