package dev.switchboard.webhooks.inbound;

import java.util.Locale;
import java.util.Set;

/**
 * How cerb.webhooks names request headers and params in the dictionary: PHP first names the request's variables
 * ({@code $_GET}, {@code $_POST}, {@code $_SERVER}), then Cerb normalises those names.
 */
final class HttpNames {
    /**
     * Under PHP-FPM the body's type and length are {@code CONTENT_TYPE} and {@code CONTENT_LENGTH} in
     * {@code $_SERVER}, not {@code HTTP_*} entries, so Cerb's header map (built from {@code HTTP_*}) never has them.
     */
    private static final Set<String> NOT_HEADERS = Set.of("content_type", "content_length");

    private HttpNames() {
    }

    /** {@code X-Hub-Signature-256} → {@code x_hub_signature_256}. */
    static String header(String name) {
        return name.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** Whether a header (named as {@link #header}) is in Cerb's header map: not Content-Type / Content-Length. */
    static boolean inHeaderMap(String normalised) {
        return !NOT_HEADERS.contains(normalised);
    }

    /**
     * A request variable's name as PHP registers it: leading spaces dropped, spaces and dots before the first
     * {@code [} become {@code _}; {@code a[b]} / {@code a[]} name an array element (index {@code b} / {@code ""});
     * a {@code [} without a closing {@code ]} becomes {@code _} and the rest is kept as it is.
     *
     * @param name  the variable's name
     * @param index the array index, or null when the variable is not an array element
     */
    record PhpName(String name, String index) {
    }

    static PhpName php(String raw) {
        int i = 0;
        while (i < raw.length() && raw.charAt(i) == ' ') {
            i++;
        }
        StringBuilder name = new StringBuilder(raw.length());
        for (; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == ' ' || c == '.') {
                name.append('_');
            } else if (c == '[') {
                int close = raw.indexOf(']', i + 1);
                if (close < 0) {
                    name.append('_').append(raw, i + 1, raw.length());
                    return new PhpName(name.toString(), null);
                }
                return new PhpName(name.toString(), raw.substring(i + 1, close));
            } else {
                name.append(c);
            }
        }
        return new PhpName(name.toString(), null);
    }

    /**
     * A param's dictionary key: PHP's name ({@link #php}), then Cerb's {@code getHttpParams}: lower-cased,
     * {@code -} → {@code _}, characters outside {@code [a-z0-9_]} dropped. {@code a.b} and {@code a b} are
     * {@code a_b}; {@code Weird-Name!} is {@code weird_name}.
     */
    static String param(String raw) {
        return cerbParam(php(raw).name());
    }

    static String cerbParam(String phpName) {
        String lower = phpName.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == '-') {
                out.append('_');
            } else if (c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
