package dev.switchboard.host.template;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** PHP's rawurlencode / rawurldecode (RFC 3986) and http_build_query with PHP_QUERY_RFC3986. */
final class PhpUrl {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PhpUrl() {
    }

    /** Every byte but {@code A-Z a-z 0-9 - _ . ~} as %XX; a space is %20. */
    static String rawEncode(Object value) {
        StringBuilder out = new StringBuilder();
        for (byte b : TemplateValues.bytes(value)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-_.~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return out.toString();
    }

    /** %XX sequences to bytes (a '+' stays a '+'), read back as UTF-8. */
    static String rawDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) << 4 | hex(in[i + 2]));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    /** {@code a=1&b%5B0%5D=x}: nested maps and lists as {@code key[sub]}, nulls skipped, booleans as 1/0. */
    static String buildQuery(Map<?, ?> map) {
        StringBuilder out = new StringBuilder();
        append(out, map, null);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value, String prefix) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> append(out, v, prefix == null ? String.valueOf(k) : prefix + "[" + k + "]"));
        } else if (value instanceof Iterable<?> list) {
            int i = 0;
            for (Object v : list) {
                append(out, v, prefix == null ? String.valueOf(i) : prefix + "[" + i + "]");
                i++;
            }
        } else if (value != null) {
            if (out.length() > 0) {
                out.append('&');
            }
            Object scalar = value instanceof Boolean b ? (b ? "1" : "0") : value;
            out.append(rawEncode(prefix)).append('=').append(rawEncode(scalar));
        }
    }

    /** PHP's parse_str for flat queries: {@code a=1&b=x+y} as a dict ('+' is a space, %XX decoded). */
    static Map<String, Object> parseQuery(String query) {
        Map<String, Object> out = TemplateValues.newMap();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = rawDecode((eq < 0 ? pair : pair.substring(0, eq)).replace('+', ' '));
            String value = eq < 0 ? "" : rawDecode(pair.substring(eq + 1).replace('+', ' '));
            out.put(key.replace('.', '_').replace(' ', '_'), value);
        }
        return out;
    }
}
