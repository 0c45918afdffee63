package dev.switchboard.host.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.objects.collections.SizeLimitingPyList;
import com.hubspot.jinjava.objects.collections.SizeLimitingPyMap;
import dev.switchboard.host.json.HostJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The maps and lists helpers hand back to templates: Jinjava's own dict/list types (so {@code .update()} and
 * {@code .append()} work on them) with the render's size limits applied.
 */
final class TemplateValues {
    private static final Pattern NUMERIC =
            Pattern.compile("[ \\t\\n\\r\\v\\f]*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?[ \\t\\n\\r\\v\\f]*");
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

    /** The current render's {@code templates.max_string}. */
    static long maxString() {
        return interpreter().getConfig().getMaxStringLength();
    }

    /** @throws LimitExceeded when {@code chars} is past the current render's {@code templates.max_string} */
    static void checkString(String what, long chars) {
        long max = maxString();
        if (chars > max) {
            throw new LimitExceeded("'" + what + "' would make a string of " + chars
                    + " characters; templates.max_string allows " + max);
        }
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

    /** A value as PHP would see it as a string: null is '', raw bytes are their characters, SafeStrings unwrap. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof SafeString safe) {
            return safe.getValue();
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "";
        }
        return value.toString();
    }

    /** The bytes PHP would hash or encode: raw bytes as they are, text as UTF-8. */
    static byte[] bytes(Object value) {
        return value instanceof RawBytes raw ? raw.bytes() : text(value).getBytes(StandardCharsets.UTF_8);
    }

    /** PHP's is_numeric: a number, or text that is a decimal number with optional sign, fraction, exponent. */
    static boolean isNumeric(Object value) {
        if (value instanceof Number) {
            return true;
        }
        return (value instanceof CharSequence || value instanceof SafeString)
                && NUMERIC.matcher(text(value)).matches();
    }

    /** The number in a numeric value; 0 for anything else (PHP's intval/floatval of junk). */
    static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        return isNumeric(value) ? Double.parseDouble(text(value).trim()) : 0;
    }

    /** An optional filter argument, or the fallback when it was not given or is null. */
    static Object arg(List<Object> args, int index, Object fallback) {
        return args.size() > index && args.get(index) != null ? args.get(index) : fallback;
    }

    private static JinjavaInterpreter interpreter() {
        JinjavaInterpreter current = JinjavaInterpreter.getCurrent();
        if (current == null) {
            throw new IllegalStateException("template helpers run only inside a render");
        }
        return current;
    }
}
