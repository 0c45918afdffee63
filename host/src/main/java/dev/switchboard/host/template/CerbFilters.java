package dev.switchboard.host.template;

import com.hubspot.jinjava.objects.SafeString;
import java.util.List;
import java.util.Map;

/** Cerb's template filters under their Cerb (Twig) names. */
final class CerbFilters {
    private CerbFilters() {
    }

    static List<NamedFilter> all() {
        return List.of(
                new NamedFilter("json_encode", (value, args) -> jsonEncode(value)),
                new NamedFilter("json_pretty", (value, args) -> jsonPretty(value)));
    }

    /** Twig's json_encode: PHP's output, or nothing when PHP would fail (NaN, infinity). */
    private static String jsonEncode(Object value) {
        try {
            return PhpJson.encode(unwrap(value));
        } catch (PhpJson.NotEncodable e) {
            return "";
        }
    }

    /**
     * Cerb's json_pretty: JSON text (or a dict/list) re-printed with PHP's JSON_PRETTY_PRINT and unescaped slashes;
     * nothing unless it holds an object or array.
     */
    private static String jsonPretty(Object value) {
        Object tree = unwrap(value);
        if (tree instanceof String text) {
            try {
                tree = TemplateValues.parseJson(text);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
        if (!(tree instanceof Map<?, ?> || tree instanceof List<?>)) {
            return "";
        }
        try {
            return PhpJson.encodePretty(tree);
        } catch (PhpJson.NotEncodable e) {
            return "";
        }
    }

    static Object unwrap(Object value) {
        return value instanceof SafeString safe ? safe.getValue() : value;
    }
}
