package dev.switchboard.host.secrets;

import dev.switchboard.api.Secrets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one redaction policy: which names carry credentials, and how a value under such a name is shown
 * ({@value Secrets#MASK}). Used by every output that could show one — traces and the simulator, the request log
 * (through {@link Secrets#isSecretName} and {@link Secrets#maskQuery}), route-call events, the bots API and package
 * export — so that a name hidden in one place is hidden in all.
 */
public final class Redaction {
    /** A name containing one of these (after lower-casing, {@code -} and spaces as {@code _}) is a secret's. */
    private static final List<String> CONTAINS = List.of("secret", "password", "passwd", "passphrase", "token",
            "api_key", "apikey", "access_key", "private_key", "signing_key", "authorization", "credential",
            "signature", "hmac", "cookie", "session_id", "sessionid");
    /** Names that are a secret's only as a whole (as parts of other names they mean other things). */
    private static final Set<String> EXACT = Set.of("pass", "pwd", "sig", "jwt", "auth_key", "key_secret");
    /** A {@code Name: value} line, as in {@code http_request}'s {@code http_headers}. */
    private static final Pattern HEADER_LINE = Pattern.compile("(?m)^([!#$%&'*+.^_`|~0-9A-Za-z-]+)([ \\t]*:[ \\t]*)"
            + "(\\S[^\\r\\n]*)$");
    /** A query parameter inside a URL in free text. */
    private static final Pattern URL_PARAM = Pattern.compile("([?&])([^=&#\\s]+)=([^&#\\s]*)");

    private Redaction() {
    }

    /** True when a value under this name must never be shown or logged. */
    public static boolean isSecretName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        String n = name.toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (EXACT.contains(n)) {
            return true;
        }
        for (String c : CONTAINS) {
            if (n.contains(c)) {
                return true;
            }
        }
        return false;
    }

    /** A query string with every secret-named parameter's value masked; the rest byte for byte. */
    public static String maskQuery(String query) {
        if (query == null || query.isEmpty()) {
            return query;
        }
        StringBuilder out = new StringBuilder(query.length());
        String[] pairs = query.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i];
            if (i > 0) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            if (eq > 0 && isSecretName(decode(pair.substring(0, eq))) && eq < pair.length() - 1) {
                out.append(pair, 0, eq + 1).append(Secrets.MASK);
            } else {
                out.append(pair);
            }
        }
        return out.toString();
    }

    /**
     * Free text with credentials masked where their name shows: {@code Name: value} lines whose name is a secret's
     * ({@code Authorization: Bearer ...} in {@code http_request}'s headers) and secret-named query parameters of
     * URLs ({@code https://api/x?api_key=...}).
     */
    public static String maskText(String text) {
        if (text == null || text.isEmpty() || (text.indexOf(':') < 0 && text.indexOf('=') < 0)) {
            return text;
        }
        // The patterns scan every position; most texts (a JSON body in a trace) have no name they would mask
        if (!hasSecretHeaderName(text) && !hasSecretQueryName(text)) {
            return text;
        }
        return maskByPatterns(text);
    }

    /** {@link #maskText}'s replacements, run on any text (the test compares it with the shortcut's answers). */
    static String maskByPatterns(String text) {
        String out = HEADER_LINE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(isSecretName(m.group(1))
                ? m.group(1) + m.group(2) + Secrets.MASK : m.group()));
        return URL_PARAM.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
                isSecretName(decode(m.group(2))) && !m.group(3).isEmpty()
                        ? m.group(1) + m.group(2) + "=" + Secrets.MASK : m.group()));
    }

    /**
     * True when a line of the text starts with a name that {@link #HEADER_LINE} would take, followed by a colon, and
     * the name is a secret's. Otherwise HEADER_LINE changes nothing: its name group is the whole run of name
     * characters at a line's start (a colon cannot be one of them). Every place a line can start is looked at (after
     * any of the terminators the pattern's {@code ^} knows, and between CR and LF too: a superset).
     */
    private static boolean hasSecretHeaderName(String text) {
        int n = text.length();
        int start = 0;
        while (start < n) {
            int end = start;
            while (end < n && isHeaderNameChar(text.charAt(end))) {
                end++;
            }
            if (end > start) {
                int colon = end;
                while (colon < n && (text.charAt(colon) == ' ' || text.charAt(colon) == '\t')) {
                    colon++;
                }
                if (colon < n && text.charAt(colon) == ':' && isSecretName(text.substring(start, end))) {
                    return true;
                }
            }
            start = end;
            while (start < n && !isLineEnd(text.charAt(start))) {
                start++;
            }
            start++;
        }
        return false;
    }

    /**
     * True when some {@code ?} or {@code &} is followed by a name {@link #URL_PARAM} would take, then {@code =}, and
     * the decoded name is a secret's. Otherwise URL_PARAM changes nothing (its name group is the whole run of
     * characters other than {@code = & #} and white space after the {@code ?} or {@code &}).
     */
    private static boolean hasSecretQueryName(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c != '?' && c != '&') {
                continue;
            }
            int end = i + 1;
            while (end < n && !isQueryNameEnd(text.charAt(end))) {
                end++;
            }
            if (end > i + 1 && end < n && text.charAt(end) == '=' && isSecretName(decode(text.substring(i + 1, end)))) {
                return true;
            }
        }
        return false;
    }

    /** {@code [!#$%&'*+.^_`|~0-9A-Za-z-]}, HEADER_LINE's name characters. */
    private static boolean isHeaderNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+.^_`|~-".indexOf(c) >= 0;
    }

    /** The line terminators of {@code (?m)^}: LF, CR, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR. */
    private static boolean isLineEnd(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** What ends URL_PARAM's name group {@code [^=&#\s]+}; {@code \s} is {@code [ \t\n\x0B\f\r]}. */
    private static boolean isQueryNameEnd(char c) {
        return c == '=' || c == '&' || c == '#' || c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f'
                || c == '\r';
    }

    /**
     * A JSON-like value with every text or number under a secret name masked (a flag such as {@code signature_ok}
     * is kept), and {@link #maskText} applied to the other strings; maps and lists are copied, the input is not
     * changed.
     */
    public static Object maskTree(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                boolean credential = (v instanceof String s && !s.isEmpty()) || v instanceof Number;
                out.put(key, credential && isSecretName(key) ? Secrets.MASK : maskTree(v));
            });
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Redaction::maskTree).toList();
        }
        if (value instanceof String s) {
            return maskText(s);
        }
        return value;
    }

    /**
     * Replaces every occurrence of the given secret values (those of at least 4 characters) in a JSON-like value
     * by {@value Secrets#MASK}: for traces, where a behavior may have copied a bot's secret into any field.
     */
    public static Object scrub(Object value, Set<String> secrets) {
        if (secrets.isEmpty()) {
            return value;
        }
        if (value instanceof String s) {
            String out = s;
            for (String secret : secrets) {
                if (secret.length() >= 4) {
                    out = out.replace(secret, Secrets.MASK);
                }
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), scrub(v, secrets)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> scrub(v, secrets)).toList();
        }
        return value;
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // not valid percent-encoding: judge the name as written
        }
    }
}
