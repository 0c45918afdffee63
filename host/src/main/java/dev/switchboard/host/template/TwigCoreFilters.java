package dev.switchboard.host.template;

import static dev.switchboard.host.template.TemplateValues.arg;
import static dev.switchboard.host.template.TemplateValues.text;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twig 1.x core filters whose meaning differs from Jinjava's filter of the same name ({@code default},
 * {@code join}, {@code length}, {@code replace}, {@code reverse}, {@code round}, {@code slice}, {@code split},
 * {@code trim}, {@code batch}, {@code escape}), and the Twig and Cerb filters Jinjava lacks ({@code nl2br},
 * {@code convert_encoding}, {@code unescape}, {@code parse_emails}, {@code urlencode}). Values as PHP sees them:
 * lists and dicts are PHP arrays (a dict keeps its key order), text is counted in characters.
 */
final class TwigCoreFilters {
    private static final String PHP_TRIM = " \t\n\r\0\u000B";
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);");
    private static final Map<String, String> ENTITIES = Map.ofEntries(Map.entry("amp", "&"), Map.entry("lt", "<"),
            Map.entry("gt", ">"), Map.entry("quot", "\""), Map.entry("apos", "'"), Map.entry("nbsp", "\u00A0"),
            Map.entry("copy", "©"), Map.entry("reg", "®"), Map.entry("trade", "™"), Map.entry("hellip", "…"),
            Map.entry("mdash", "—"), Map.entry("ndash", "–"), Map.entry("lsquo", "‘"), Map.entry("rsquo", "’"),
            Map.entry("ldquo", "“"), Map.entry("rdquo", "”"), Map.entry("euro", "€"), Map.entry("pound", "£"),
            Map.entry("yen", "¥"), Map.entry("cent", "¢"), Map.entry("sect", "§"), Map.entry("deg", "°"),
            Map.entry("laquo", "«"), Map.entry("raquo", "»"), Map.entry("middot", "·"), Map.entry("bull", "•"));

    private TwigCoreFilters() {
    }

    static List<NamedFilter> all() {
        return List.of(
                new NamedFilter("default", (value, args) -> TwigOperators.isEmpty(value) ? arg(args, 0, "") : value),
                new NamedFilter("join", (value, args) -> join(value, text(arg(args, 0, "")))),
                new NamedFilter("length", (value, args) -> length(value)),
                new NamedFilter("replace", (value, args) -> replace(text(value), args)),
                new NamedFilter("reverse", (value, args) -> reverse(value, CerbFilters.truthy(arg(args, 0, false)))),
                new NamedFilter("round", (value, args) -> round(TemplateValues.number(value),
                        (int) TemplateValues.number(arg(args, 0, 0)), text(arg(args, 1, "common")))),
                new NamedFilter("slice", (value, args) -> slice(value, arg(args, 0, 0L), arg(args, 1, null),
                        CerbFilters.truthy(arg(args, 2, false)))),
                new NamedFilter("split", (value, args) -> split(text(value), text(arg(args, 0, "")),
                        arg(args, 1, null))),
                new NamedFilter("trim", (value, args) -> trim(text(value), text(arg(args, 0, PHP_TRIM)),
                        text(arg(args, 1, "both")))),
                new NamedFilter("batch", (value, args) -> batch(value, TemplateValues.number(arg(args, 0, 1L)),
                        args.size() > 1 ? args.get(1) : null, args.size() > 1)),
                new NamedFilter("escape", (value, args) -> escape(value, text(arg(args, 0, "html")))),
                new NamedFilter("e", (value, args) -> escape(value, text(arg(args, 0, "html")))),
                new NamedFilter("nl2br", (value, args) -> text(value).replaceAll("(\r\n|\n|\r)", "<br />$1")),
                new NamedFilter("convert_encoding", (value, args) -> convertEncoding(text(value),
                        text(arg(args, 0, "UTF-8")))),
                new NamedFilter("unescape", (value, args) -> unescape(text(value))),
                new NamedFilter("parse_emails", (value, args) -> parseEmails(text(value))),
                new NamedFilter("urlencode", (value, args) ->
                        value instanceof Map<?, ?> map ? PhpUrl.buildQuery(map) : PhpUrl.rawEncode(value)));
    }

    /** The items of a PHP array: a list's items or a dict's values; anything else is one item. */
    static List<Object> items(Object value) {
        if (value instanceof Map<?, ?> map) {
            return new ArrayList<>(map.values());
        }
        if (value instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (value instanceof Object[] array) {
            return new ArrayList<>(List.of(array));
        }
        return value == null ? new ArrayList<>() : new ArrayList<>(List.of(value));
    }

    private static String join(Object value, String glue) {
        StringBuilder out = new StringBuilder();
        List<Object> items = items(value);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(glue);
            }
            out.append(TwigOperators.twig_text(items.get(i)));
            TemplateValues.checkString("join", out.length());
        }
        return out.toString();
    }

    private static long length(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.size();
        }
        if (value instanceof Collection<?> c) {
            return c.size();
        }
        String s = TwigOperators.twig_text(value);
        return s.codePointCount(0, s.length());
    }

    /** {@code replace({'from': 'to'})} as PHP's strtr (longest match first), or {@code replace('from', 'to')}. */
    private static String replace(String s, List<Object> args) {
        Object from = arg(args, 0, null);
        if (!(from instanceof Map<?, ?> pairs)) {
            return from == null ? s : s.replace(text(from), text(arg(args, 1, "")));
        }
        List<String> keys = new ArrayList<>();
        pairs.keySet().forEach(k -> {
            if (!text(k).isEmpty()) {
                keys.add(text(k));
            }
        });
        keys.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder out = new StringBuilder();
        int i = 0;
        outer:
        while (i < s.length()) {
            for (String k : keys) {
                if (s.startsWith(k, i)) {
                    Object to = pairs.containsKey(k) ? pairs.get(k) : null;
                    out.append(TwigOperators.twig_text(to));
                    TemplateValues.checkString("replace", out.length());
                    i += k.length();
                    continue outer;
                }
            }
            out.append(s.charAt(i++));
        }
        return out.toString();
    }

    private static Object reverse(Object value, boolean preserveKeys) {
        if (value instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            Collections.reverse(entries);
            Map<String, Object> out = TemplateValues.newMap();
            long next = 0;
            for (Map.Entry<?, ?> e : entries) {
                String key = String.valueOf(e.getKey());
                boolean numeric = key.matches("-?\\d+");
                out.put(numeric && !preserveKeys ? String.valueOf(next++) : key, e.getValue());
            }
            return out;
        }
        if (value instanceof Collection<?> || value instanceof Object[]) {
            List<Object> out = TemplateValues.newList();
            out.addAll(items(value));
            Collections.reverse(out);
            return out;
        }
        String s = text(value);
        return new StringBuilder(s).reverse().toString();
    }

    /** PHP's round: half away from zero ({@code common}), or {@code ceil} / {@code floor} at the precision. */
    static Object round(double value, int precision, String method) {
        java.math.RoundingMode mode = switch (method) {
            case "ceil" -> java.math.RoundingMode.CEILING;
            case "floor" -> java.math.RoundingMode.FLOOR;
            case "common" -> java.math.RoundingMode.HALF_UP;
            default -> throw new IllegalArgumentException(
                    "round: the method must be common, ceil or floor, not '" + method + "'");
        };
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return new java.math.BigDecimal(Double.toString(value)).setScale(precision, mode).doubleValue();
    }

    /** Twig's slice: start (negative from the end) and length (negative leaves that many off the end). */
    private static Object slice(Object value, Object startArg, Object lengthArg, boolean preserveKeys) {
        if (value instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            int[] range = range(entries.size(), startArg, lengthArg);
            Map<String, Object> out = TemplateValues.newMap();
            long next = 0;
            for (Map.Entry<?, ?> e : entries.subList(range[0], range[1])) {
                String key = String.valueOf(e.getKey());
                out.put(key.matches("-?\\d+") && !preserveKeys ? String.valueOf(next++) : key, e.getValue());
            }
            return out;
        }
        if (value instanceof Collection<?> || value instanceof Object[]) {
            List<Object> all = items(value);
            int[] range = range(all.size(), startArg, lengthArg);
            if (preserveKeys) {
                Map<String, Object> kept = TemplateValues.newMap();
                for (int i = range[0]; i < range[1]; i++) {
                    kept.put(String.valueOf(i), all.get(i));
                }
                return kept;
            }
            List<Object> out = TemplateValues.newList();
            out.addAll(all.subList(range[0], range[1]));
            return out;
        }
        String s = text(value);
        int[] cps = s.codePoints().toArray();
        int[] range = range(cps.length, startArg, lengthArg);
        return new String(cps, range[0], range[1] - range[0]);
    }

    private static int[] range(int size, Object startArg, Object lengthArg) {
        long start = (long) TemplateValues.number(startArg);
        if (start < 0) {
            start = Math.max(0, size + start);
        }
        start = Math.min(start, size);
        long end;
        if (lengthArg == null) {
            end = size;
        } else {
            long length = (long) TemplateValues.number(lengthArg);
            end = length < 0 ? size + length : start + length;
        }
        end = Math.max(start, Math.min(end, size));
        return new int[] {(int) start, (int) end};
    }

    /** PHP's explode with a limit; with '' as delimiter, str_split into chunks of limit (default 1). */
    private static List<Object> split(String s, String delimiter, Object limitArg) {
        List<Object> out = TemplateValues.newList();
        if (delimiter.isEmpty()) {
            int size = limitArg == null ? 1 : Math.max(1, (int) TemplateValues.number(limitArg));
            int[] cps = s.codePoints().toArray();
            for (int i = 0; i < cps.length; i += size) {
                out.add(new String(cps, i, Math.min(size, cps.length - i)));
            }
            if (cps.length == 0) {
                out.add("");
            }
            return out;
        }
        List<String> parts = new ArrayList<>(List.of(s.split(Pattern.quote(delimiter), -1)));
        if (limitArg != null) {
            long limit = (long) TemplateValues.number(limitArg);
            if (limit > 0 && parts.size() > limit) {
                String rest = String.join(delimiter, parts.subList((int) limit - 1, parts.size()));
                parts = new ArrayList<>(parts.subList(0, (int) limit - 1));
                parts.add(rest);
            } else if (limit < 0) {
                parts = parts.subList(0, Math.max(0, parts.size() + (int) limit));
            }
        }
        out.addAll(parts);
        return out;
    }

    private static String trim(String s, String mask, String side) {
        int start = 0;
        int end = s.length();
        boolean left = side.equals("both") || side.equals("left");
        boolean right = side.equals("both") || side.equals("right");
        if (!left && !right) {
            throw new IllegalArgumentException("trim: the side must be both, left or right, not '" + side + "'");
        }
        while (left && start < end && mask.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (right && end > start && mask.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    private static List<Object> batch(Object value, double sizeArg, Object fill, boolean filled) {
        int size = (int) Math.ceil(sizeArg);
        if (size < 1) {
            throw new IllegalArgumentException("batch: the size must be at least 1");
        }
        List<Object> out = TemplateValues.newList();
        if (value instanceof Map<?, ?> map) {
            // a dict's rows keep its keys; the fill gets the next free index keys, as PHP's array_fill
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            for (int i = 0; i < entries.size(); i += size) {
                Map<String, Object> row = TemplateValues.newMap();
                entries.subList(i, Math.min(entries.size(), i + size))
                        .forEach(e -> row.put(String.valueOf(e.getKey()), e.getValue()));
                for (long k = 0; filled && row.size() < size; k++) {
                    row.putIfAbsent(String.valueOf(k), fill);
                }
                out.add(row);
            }
            return out;
        }
        List<Object> all = items(value);
        for (int i = 0; i < all.size(); i += size) {
            List<Object> row = TemplateValues.newList();
            row.addAll(all.subList(i, Math.min(all.size(), i + size)));
            while (filled && row.size() < size) {
                row.add(fill);
            }
            out.add(row);
        }
        return out;
    }

    /** Twig's escape strategies: html (PHP's htmlspecialchars with ENT_QUOTES), js, url, html_attr, css. */
    private static String escape(Object value, String strategy) {
        String s = TwigOperators.twig_text(value);
        return switch (strategy) {
            case "html" -> s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                    .replace("'", "&#039;");
            case "js" -> escapeJs(s);
            case "url" -> PhpUrl.rawEncode(s);
            case "html_attr", "css" -> escapeHex(s, strategy.equals("css"));
            default -> throw new IllegalArgumentException("escape: unknown strategy '" + strategy + "'");
        };
    }

    private static String escapeJs(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) && c < 0x80 || c == ',' || c == '.' || c == '_') {
                out.appendCodePoint(c);
            } else if (c < 0x80) {
                out.append(String.format("\\x%02X", c));
            } else {
                for (char u : Character.toChars(c)) {
                    out.append(String.format("\\u%04X", (int) u));
                }
            }
        });
        return out.toString();
    }

    private static String escapeHex(String s, boolean css) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x80 && Character.isLetterOrDigit(c) || !css && (c == ',' || c == '.' || c == '-' || c == '_')) {
                out.appendCodePoint(c);
            } else if (css) {
                out.append('\\').append(Integer.toHexString(c).toUpperCase()).append(' ');
            } else {
                out.append("&#x").append(String.format("%02X", c)).append(';');
            }
        });
        return out.toString();
    }

    /** Text as the target encoding can hold it (what it cannot becomes '?'), read back as text. */
    private static String convertEncoding(String s, String to) {
        Charset charset;
        try {
            charset = Charset.forName(to);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("convert_encoding: unknown encoding '" + to + "'");
        }
        return new String(s.getBytes(charset), charset);
    }

    /** PHP's html_entity_decode with ENT_QUOTES: numeric and the common named entities. */
    private static String unescape(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String repl;
            if (name.startsWith("#x") || name.startsWith("#X")) {
                repl = new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
            } else if (name.startsWith("#")) {
                repl = new String(Character.toChars(Integer.parseInt(name.substring(1))));
            } else {
                repl = ENTITIES.getOrDefault(name, m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(repl));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Cerb's parse_emails: each address of a list, by address, with its parts. */
    private static Map<String, Object> parseEmails(String s) {
        Map<String, Object> out = TemplateValues.newMap();
        for (String part : s.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            String personal = null;
            String email = p.contains("@") || p.contains("<") ? p : p + "@localhost";
            int lt = p.lastIndexOf('<');
            if (lt >= 0 && p.endsWith(">")) {
                email = p.substring(lt + 1, p.length() - 1).trim();
                String name = p.substring(0, lt).trim().replaceAll("^\"|\"$", "");
                personal = name.isEmpty() ? null : name;
            }
            int at = email.lastIndexOf('@');
            if (at < 1) {
                continue;
            }
            email = email.toLowerCase(java.util.Locale.ROOT);
            Map<String, Object> parts = TemplateValues.newMap();
            parts.put("full_email", personal == null ? email : personal + " <" + email + ">");
            parts.put("email", email);
            parts.put("mailbox", email.substring(0, at));
            parts.put("host", email.substring(at + 1));
            parts.put("personal", personal);
            out.put(email, parts);
        }
        return out;
    }
}
