package dev.switchboard.host.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.objects.collections.SizeLimitingPyList;
import com.hubspot.jinjava.objects.collections.SizeLimitingPyMap;
import dev.switchboard.host.json.HostJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The maps and lists helpers hand back to templates: Jinjava's own dict/list types (so {@code .update()} and
 * {@code .append()} work on them) with the render's size limits applied.
 */
final class TemplateValues {
    /** Untrusted JSON rules (depth, duplicate keys) for text parsed inside templates; immutable once built. */
    private static final HostJson JSON = new HostJson();
    private TemplateValues() {
    }

    static Map<String, Object> newMap() {
        return new SizeLimitingPyMap(new LinkedHashMap<>(), interpreter().getConfig().getMaxMapSize());
    }

    static List<Object> newList() {
        return new SizeLimitingPyList(new ArrayList<>(), interpreter().getConfig().getMaxListSize());
    }

    /** Parses JSON text with the host's untrusted-input rules. @throws IllegalArgumentException when invalid */
    static Object parseJson(String text) {
        return JSON.parse(text);
    }

    /** A copy of a map, list or scalar from JSON, with every container turned into a template dict/list. */
    static Object fromJson(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = newMap();
            map.forEach((k, v) -> copy.put(String.valueOf(k), fromJson(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = newList();
            list.forEach(v -> copy.add(fromJson(v)));
            return copy;
        }
        return value;
    }

    private static JinjavaInterpreter interpreter() {
        JinjavaInterpreter current = JinjavaInterpreter.getCurrent();
        if (current == null) {
            throw new IllegalStateException("template helpers run only inside a render");
        }
        return current;
    }
}
