package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.Header;
import dev.switchboard.api.Json;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The request log's JSON columns, written by hand into one buffer per row instead of through a Jackson tree: header
 * pairs {@code [["name","value"],...]} and the trace (a list of maps). The text is what the host's JSON writes for the
 * same values, character for character, so rows read back exactly as before (the log API parses them with the host's
 * JSON, rows written before this writer included) and the redactor finds a secret's JSON-escaped form in it.
 *
 * <p>Text, whole numbers, finite floating-point numbers, booleans, null, lists and maps with text keys are written
 * here; anything else (rare in a trace: a date, a decimal, an array) is written by the host's JSON, so it reads back
 * as it always did.
 */
final class LogJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final Json fallback;

    LogJson(Json fallback) {
        this.fallback = fallback;
    }

    /**
     * {@code [["name","value"],...]}, each value for which {@code masked} holds on its header's name written as
     * {@code mask}.
     */
    String headers(StringBuilder buf, List<Header> headers, Predicate<String> masked, String mask) {
        buf.setLength(0);
        buf.append('[');
        for (int i = 0; i < headers.size(); i++) {
            Header h = headers.get(i);
            if (i > 0) {
                buf.append(',');
            }
            buf.append('[');
            string(buf, h.name());
            buf.append(',');
            string(buf, masked.test(h.name()) ? mask : h.value());
            buf.append(']');
        }
        return buf.append(']').toString();
    }

    /** Any value the host's JSON can write (a trace: a list of maps). */
    String value(StringBuilder buf, Object value) {
        buf.setLength(0);
        write(buf, value);
        return buf.toString();
    }

    /** A text as the inside of a JSON string: what the redactor looks for in the columns this class writes. */
    static String escaped(String text) {
        StringBuilder buf = new StringBuilder(text.length() + 8);
        string(buf, text);
        return buf.substring(1, buf.length() - 1);
    }

    private void write(StringBuilder buf, Object value) {
        if (value == null) {
            buf.append("null");
        } else if (value instanceof String s) {
            string(buf, s);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            buf.append(value);
        } else if ((value instanceof Double || value instanceof Float)
                && Double.isFinite(((Number) value).doubleValue())) {
            buf.append(value); // Double.toString / Float.toString, as Jackson writes them
        } else if (value instanceof Map<?, ?> map && textKeys(map)) {
            buf.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    buf.append(',');
                }
                first = false;
                string(buf, (String) e.getKey());
                buf.append(':');
                write(buf, e.getValue());
            }
            buf.append('}');
        } else if (value instanceof Collection<?> list) {
            buf.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    buf.append(',');
                }
                first = false;
                write(buf, item);
            }
            buf.append(']');
        } else {
            buf.append(fallback.write(value));
        }
    }

    private static boolean textKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A JSON string as Jackson writes it by default: {@code "} and {@code \} escaped, control characters as
     * {@code \b \t \n \f \r} or a six-character {@code u00XX} escape, everything else (non-ASCII, {@code /}) as it is.
     */
    static void string(StringBuilder buf, String s) {
        buf.append('"');
        int n = s.length();
        int i = 0;
        while (i < n && plain(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            buf.append(s).append('"'); // the common case: one bulk copy
            return;
        }
        char[] chars = s.toCharArray();
        int start = 0;
        for (; i < n; i++) {
            char c = chars[i];
            if (plain(c)) {
                continue;
            }
            buf.append(chars, start, i - start);
            start = i + 1;
            switch (c) {
                case '"' -> buf.append("\\\"");
                case '\\' -> buf.append("\\\\");
                case '\b' -> buf.append("\\b");
                case '\t' -> buf.append("\\t");
                case '\n' -> buf.append("\\n");
                case '\f' -> buf.append("\\f");
                case '\r' -> buf.append("\\r");
                default -> buf.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        buf.append(chars, start, n - start).append('"');
    }

    private static boolean plain(char c) {
        return c >= 0x20 && c != '"' && c != '\\';
    }
}
