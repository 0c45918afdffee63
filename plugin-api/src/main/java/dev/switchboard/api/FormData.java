package dev.switchboard.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one form parser: the fields of a body from its bytes, {@code a=1&b=x+y} (query strings and urlencoded bodies)
 * and {@code multipart/form-data} (RFC 7578). {@link HttpRequest#formParams(long)} and {@link HttpRequest#queryParams()}
 * read with it, and a plugin that keeps a request's bytes (a request log) reads the same fields from them later, so a
 * replayed call sees the fields the live call saw. As PHP's {@code $_POST} does, file parts (those with a
 * {@code filename}) are left out.
 *
 * <pre>{@code
 * Map<String, List<String>> fields = FormData.parse(contentTypeHeader, storedBody);
 * Map<String, List<String>> query = FormData.urlEncoded("a=1&b=x+y");
 * }</pre>
 *
 * @since 1.4.0
 */
public final class FormData {
    private FormData() {
    }

    /**
     * The fields of a urlencoded or multipart body, in order; empty for any other content type or a multipart body
     * without a boundary. Never throws: what cannot be read (a truncated part) is left out.
     *
     * @param contentType the request's {@code Content-Type} header, or null
     * @since 1.4.0
     */
    public static Map<String, List<String>> parse(String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.trim().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return urlEncoded(new String(body, StandardCharsets.UTF_8));
        }
        if (type.startsWith("multipart/form-data")) {
            String boundary = parameter(contentType, "boundary");
            return boundary == null || boundary.isEmpty() ? new LinkedHashMap<>() : multipart(body, boundary);
        }
        return new LinkedHashMap<>();
    }

    /**
     * Parses {@code a=1&b=2&a=3} into ordered lists; {@code +} is a space; malformed escapes are kept literally.
     *
     * @since 1.4.0
     */
    public static Map<String, List<String>> urlEncoded(String encoded) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    /**
     * The text fields of a multipart body. Parts are split on {@code --boundary} at line starts; a part without a
     * {@code Content-Disposition: form-data; name=...}, a file part, or anything after a missing closing delimiter is
     * skipped, as PHP skips what it cannot read.
     */
    private static Map<String, List<String>> multipart(byte[] body, String boundary) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // The first delimiter may open the body without the CRLF before it.
        byte[] first = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = startsWith(body, 0, first) ? 0 : indexOf(body, delimiter, 0);
        if (at < 0) {
            return out;
        }
        at += at == 0 && startsWith(body, 0, first) ? first.length : delimiter.length;
        while (at + 1 < body.length && !(body[at] == '-' && body[at + 1] == '-')) {
            int headersStart = indexOf(body, "\r\n".getBytes(StandardCharsets.ISO_8859_1), at);
            if (headersStart < 0) {
                return out;
            }
            headersStart += 2;
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart - 2);
            int next = indexOf(body, delimiter, headersStart);
            if (next < 0) {
                return out; // no closing delimiter: a truncated body
            }
            String name = null;
            boolean file = false;
            int contentStart;
            if (headersEnd >= 0 && headersEnd < next) {
                String headers = headersEnd <= headersStart ? ""
                        : new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
                for (String header : headers.split("\r\n")) {
                    int colon = header.indexOf(':');
                    if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("Content-Disposition")) {
                        String value = header.substring(colon + 1);
                        name = parameter(value, "name");
                        file = parameter(value, "filename") != null;
                    }
                }
                contentStart = headersEnd + 4;
            } else {
                contentStart = next; // headers but no content
            }
            if (name != null && !file) {
                out.computeIfAbsent(name, k -> new ArrayList<>())
                        .add(new String(body, contentStart, Math.max(0, next - contentStart), StandardCharsets.UTF_8));
            }
            at = next + delimiter.length;
        }
        return out;
    }

    /** A {@code ; key=value} or {@code ; key="value"} parameter of a header value (case-insensitive key), or null. */
    private static String parameter(String headerValue, String key) {
        int i = 0;
        int n = headerValue.length();
        while (i < n) {
            int semi = headerValue.indexOf(';', i);
            if (semi < 0) {
                return null;
            }
            i = semi + 1;
            while (i < n && headerValue.charAt(i) == ' ') {
                i++;
            }
            int eq = headerValue.indexOf('=', i);
            if (eq < 0) {
                return null;
            }
            String k = headerValue.substring(i, eq).trim();
            int v = eq + 1;
            String value;
            if (v < n && headerValue.charAt(v) == '"') {
                StringBuilder sb = new StringBuilder();
                int j = v + 1;
                for (; j < n && headerValue.charAt(j) != '"'; j++) {
                    char c = headerValue.charAt(j);
                    if (c == '\\' && j + 1 < n) {
                        c = headerValue.charAt(++j);
                    }
                    sb.append(c);
                }
                value = sb.toString();
                i = j + 1;
            } else {
                int end = headerValue.indexOf(';', v);
                value = headerValue.substring(v, end < 0 ? n : end).trim();
                i = end < 0 ? n : end;
            }
            if (k.equalsIgnoreCase(key)) {
                return value;
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] haystack, int from, byte[] needle) {
        if (haystack.length - from < needle.length) {
            return false;
        }
        for (int i = 0; i < needle.length; i++) {
            if (haystack[from + i] != needle[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            if (startsWith(haystack, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
