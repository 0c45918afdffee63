package dev.switchboard.host.template;

import static dev.switchboard.host.template.TemplateValues.arg;
import static dev.switchboard.host.template.TemplateValues.text;

import com.hubspot.jinjava.objects.SafeString;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Cerb's own template filters, under their Cerb names, with Cerb's arguments and results. */
final class CerbFilters {
    /** SECURITY.md 7: the HMAC algorithms a template may ask for, by PHP name. */
    private static final Map<String, String> HMAC_ALGORITHMS =
            Map.of("sha1", "HmacSHA1", "sha256", "HmacSHA256", "sha512", "HmacSHA512");

    private CerbFilters() {
    }

    static List<NamedFilter> all() {
        return List.of(
                new NamedFilter("json_encode", (value, args) -> jsonEncode(value)),
                new NamedFilter("json_pretty", (value, args) -> jsonPretty(value)),
                new NamedFilter(JSON_ENCODE_PRETTY, (value, args) -> jsonEncodePretty(value)),
                new NamedFilter("alphanum", (value, args) -> alphanum(text(value), text(arg(args, 0, "")),
                        text(arg(args, 1, "")))),
                new NamedFilter("base64_encode", (value, args) ->
                        Base64.getEncoder().encodeToString(TemplateValues.bytes(value))),
                new NamedFilter("base64_decode", (value, args) -> base64Decode(text(value))),
                new NamedFilter("bytes_pretty", (value, args) -> bytesPretty(value, arg(args, 0, 0))),
                new NamedFilter("date_pretty", (value, args) -> datePretty(value, truthy(arg(args, 0, false)))),
                new NamedFilter("hash_hmac", (value, args) -> hashHmac(value, arg(args, 0, ""),
                        text(arg(args, 1, "sha256")), truthy(arg(args, 2, false)))),
                new NamedFilter("md5", (value, args) -> digest("MD5", value)),
                new NamedFilter("sha1", (value, args) -> digest("SHA-1", value)),
                new NamedFilter("quote", (value, args) -> quote(text(value),
                        (int) TemplateValues.number(arg(args, 0, 76)))),
                new NamedFilter("regexp", (value, args) -> regexp(text(value), text(arg(args, 0, "")),
                        (int) TemplateValues.number(arg(args, 1, 0)))),
                new NamedFilter("secs_pretty", (value, args) -> secsPretty(value,
                        (int) TemplateValues.number(arg(args, 0, 0)))),
                new NamedFilter("split_crlf", (value, args) -> splitNonBlank(text(value), "\\r?\\n|\\r")),
                new NamedFilter("split_csv", (value, args) -> splitNonBlank(text(value), ",")),
                new NamedFilter("truncate", (value, args) -> truncate(text(value),
                        (int) TemplateValues.number(arg(args, 0, 30)), truthy(arg(args, 1, false)),
                        text(arg(args, 2, "...")))),
                new NamedFilter("url_decode", (value, args) -> "json".equals(arg(args, 0, null))
                        ? jsonEncode(PhpUrl.parseQuery(text(value))) : PhpUrl.rawDecode(text(value))));
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
     * {@code json_encode|json_pretty}, which TwigExpression writes as this one filter: the same text, built in one pass
     * for a dict or list instead of encoded, parsed back and encoded again. json_encode's text is still held to
     * {@code templates.max_string} (by its length, worked out in that pass) as it is between the two filters, and the
     * errors name the filter the template wrote.
     */
    private static Object jsonEncodePretty(Object value) {
        Object v = unwrap(value);
        if (v instanceof Map<?, ?> || v instanceof java.util.Collection<?> || v instanceof Object[]) {
            PhpJson.Pretty once;
            try {
                once = PhpJson.prettyOfEncoded(v);
            } catch (PhpJson.NotEncodable e) {
                return "";
            }
            if (once != null) {
                TemplateValues.checkString("json_encode", once.compactLength());
                return prettyWithinLimit(once.text());
            }
        }
        String encoded = jsonEncode(value);
        TemplateValues.checkString("json_encode", encoded.length());
        return prettyWithinLimit(jsonPretty(encoded));
    }

    /** The limit LimitedFilter applies to json_pretty's result, naming json_pretty as it would. */
    private static String prettyWithinLimit(String pretty) {
        TemplateValues.checkString("json_pretty", pretty.length());
        return pretty;
    }

    /**
     * Cerb's json_pretty: JSON text (or a dict/list) re-printed with PHP's JSON_PRETTY_PRINT and unescaped slashes;
     * nothing unless it holds an object or array.
     */
    private static String jsonPretty(Object value) {
        Object tree = unwrap(value);
        if (tree instanceof CharSequence text) {
            try {
                tree = TemplateValues.parseJson(text.toString());
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

    /** The filter {@code json_encode|json_pretty} is written as (see {@link #jsonEncodePretty}). */
    static final String JSON_ENCODE_PRETTY = "twig_json_encode_pretty";

    static Object unwrap(Object value) {
        return value instanceof SafeString safe ? safe.getValue() : value;
    }

    static boolean truthy(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        String s = text(value);
        return !s.isEmpty() && !s.equals("0") && !s.equalsIgnoreCase("false");
    }

    /** Keeps ASCII letters, digits and the characters in {@code also}; replaces every other character. */
    private static String alphanum(String s, String also, String replace) {
        long dropped = s.codePoints().filter(c -> !(c < 128 && Character.isLetterOrDigit(c) || also.indexOf(c) >= 0))
                .count();
        TemplateValues.checkString("alphanum", s.length() - dropped + dropped * replace.length());
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            boolean keep = c < 128 && Character.isLetterOrDigit(c) || also.indexOf(c) >= 0;
            if (keep) {
                out.appendCodePoint(c);
            } else {
                out.append(replace);
            }
        });
        return out.toString();
    }

    /** PHP's lenient base64_decode: characters outside the alphabet are skipped; text when it is UTF-8. */
    private static Object base64Decode(String s) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(s.replaceAll("[^A-Za-z0-9+/]", ""));
        } catch (IllegalArgumentException e) {
            return "";
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new RawBytes(bytes);
        }
    }

    /** Cerb's strPrettyBytes: decimal units (1 KB = 1000 bytes), PHP number_format rounding. */
    private static String bytesPretty(Object value, Object precision) {
        if (!TemplateValues.isNumeric(value)) {
            return "";
        }
        long n = (long) TemplateValues.number(value);
        long bytes = Math.abs(n);
        int digits = (int) TemplateValues.number(precision);
        String out;
        if (bytes >= 1_000_000_000_000L) {
            out = TwigFilters.numberFormat(bytes / 1e12, digits, ".", ",") + " TB";
        } else if (bytes >= 1_000_000_000L) {
            out = TwigFilters.numberFormat(bytes / 1e9, digits, ".", ",") + " GB";
        } else if (bytes >= 1_000_000L) {
            out = TwigFilters.numberFormat(bytes / 1e6, digits, ".", ",") + " MB";
        } else if (bytes >= 1000L) {
            out = TwigFilters.numberFormat(bytes / 1e3, digits, ".", ",") + " KB";
        } else {
            out = bytes + " bytes";
        }
        return (n < 0 ? "-" : "") + out;
    }

    /**
     * Cerb's strPrettyTime: a unix timestamp as "3 hours ago" (or "in" the future: "3 hours"); with
     * {@code is_delta} the number is a duration in seconds.
     */
    private static String datePretty(Object value, boolean isDelta) {
        if (!TemplateValues.isNumeric(value) || TemplateValues.number(value) == 0) {
            return "";
        }
        long given = (long) TemplateValues.number(value);
        long diff = isDelta ? given : System.currentTimeMillis() / 1000 - given;
        if (diff == 0) {
            return "just now";
        }
        long secs = Math.abs(diff);
        String whole;
        if (secs >= 31_557_600) {
            whole = Math.round(secs / 31_557_600.0) + " year";
        } else if (secs >= 2_592_000) {
            whole = Math.round(secs / 2_592_000.0) + " month";
        } else if (secs >= 86_400) {
            whole = Math.round(secs / 86_400.0) + " day";
        } else if (secs >= 3600) {
            whole = secs / 3600 + " hour";
        } else if (secs >= 60) {
            whole = secs / 60 + " min";
        } else {
            whole = secs + " sec";
        }
        whole += whole.startsWith("1 ") ? "" : "s";
        return diff > 0 && !isDelta ? whole + " ago" : whole;
    }

    /** PHP's hash_hmac: lower-case hex, or the raw bytes; nothing for empty input, as Cerb. */
    private static Object hashHmac(Object value, Object key, String algo, boolean raw) {
        String algorithm = HMAC_ALGORITHMS.get(algo.toLowerCase(Locale.ROOT));
        if (algorithm == null) {
            throw new IllegalArgumentException("hash_hmac: algorithm '" + algo
                    + "' is not allowed; use sha1, sha256 or sha512");
        }
        byte[] data = TemplateValues.bytes(value);
        if (data.length == 0) {
            return "";
        }
        try {
            Mac mac = Mac.getInstance(algorithm);
            byte[] secret = TemplateValues.bytes(key);
            // HMAC pads the key with zeros, so the empty key PHP allows equals one zero byte (Java refuses empty)
            mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, algorithm));
            byte[] sum = mac.doFinal(data);
            return raw ? new RawBytes(sum) : HexFormat.of().formatHex(sum);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    private static String digest(String algorithm, Object value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(TemplateValues.bytes(value)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    /** Cerb's quote: every line of the trimmed text prefixed with "> ", long lines wrapped at spaces. */
    private static String quote(String s, int wrapTo) {
        List<String> out = new ArrayList<>();
        for (String line : s.trim().split("\\r?\\n|\\r", -1)) {
            String rest = "> " + line;
            while (rest.length() > wrapTo && wrapTo > 2) {
                int cut = rest.lastIndexOf(' ', wrapTo);
                if (cut <= 2) {
                    break;
                }
                out.add(rest.substring(0, cut));
                rest = "> " + rest.substring(cut + 1);
            }
            out.add(rest);
        }
        return String.join("\n", out);
    }

    /** PHP preg_match: the given group of the first match, or ''. */
    private static String regexp(String s, String pattern, int group) {
        Matcher m = PcreRegex.matcher(PcreRegex.compile(pattern), s);
        if (!m.find() || group < 0 || group > m.groupCount() || m.group(group) == null) {
            return "";
        }
        return m.group(group);
    }

    /** Cerb's strSecsToString: "1 day, 2 hours, 5 mins"; precision keeps that many parts. */
    private static String secsPretty(Object value, int precision) {
        if (!TemplateValues.isNumeric(value)) {
            return "";
        }
        long secs = (long) TemplateValues.number(value);
        if (secs == 0) {
            return "0 secs";
        }
        String[] labels = {"year", "month", "week", "day", "hour", "min", "sec"};
        long[] sizes = {52L * 7 * 86_400, 365L * 86_400 / 12, 7L * 86_400, 86_400, 3600, 60, 1};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            long n = Math.floorDiv(secs, sizes[i]);
            secs -= n * sizes[i];
            if (n != 0) {
                parts.add(n + " " + labels[i] + (n == 1 ? "" : "s"));
            }
        }
        return String.join(", ", precision > 0 ? parts.subList(0, Math.min(precision, parts.size())) : parts);
    }

    /** Split, trim each piece, drop the blank ones (Cerb's parseCrlfString / parseCsvString). */
    private static List<Object> splitNonBlank(String s, String separator) {
        List<Object> out = TemplateValues.newList();
        for (String part : s.split(separator, -1)) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                out.add(trimmed);
            }
        }
        return out;
    }

    /** Twig-extensions' truncate: at most {@code length} characters, then the separator. */
    private static String truncate(String s, int length, boolean preserve, String separator) {
        if (s.codePointCount(0, s.length()) <= length) {
            return s;
        }
        int cut = s.offsetByCodePoints(0, Math.max(length, 0));
        if (preserve) {
            int space = s.indexOf(' ', cut);
            if (space < 0) {
                return s;
            }
            cut = space;
        }
        return s.substring(0, cut) + separator;
    }
}
