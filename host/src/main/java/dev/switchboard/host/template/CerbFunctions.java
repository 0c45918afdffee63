package dev.switchboard.host.template;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cerb's template functions, as static methods because Jinjava calls functions that way. Each returns JSON-like
 * values only (strings, numbers, booleans, null, template dicts and lists) and does no I/O.
 */
final class CerbFunctions {
    /** Cerb's generatePassword alphabet: capitals and digits without the look-alikes I, O and 0. */
    private static final String RANDOM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ123456789";
    /** Thread-safe and stateless from the caller's view; shared so each call does not reseed. */
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern EMAIL = Pattern.compile(
            "[^\\s<>@,;\"]+@[^\\s<>@,;\"]+|[^<>@,;\"]*<[^\\s<>@,;\"]+@[^\\s<>@,;\"]+>");
    private CerbFunctions() {
    }

    /**
     * {@code dict_set(var, 'a.b', value)}: a copy of {@code var} with {@code value} at the dotted path, missing levels
     * created. {@code {DOT}} in a segment is a literal dot; a segment ending in {@code []} appends to the list there.
     * Like PHP's arrays the input is not changed, so the result must be assigned.
     */
    public static Object dict_set(Object var, String path, Object value) {
        return setPath(var, path, value, true);
    }

    private static Object setPath(Object var, String path, Object value, boolean dotEscape) {
        // Cerb writes an append as its own segment too: 'a.[]' is 'a[]'
        String[] segments = (path == null ? "" : path).replace(".[]", "[]").split("\\.", -1);
        Object root = copyContainer(var, keyFor(dotEscape, segments, 0));
        Object current = root;
        for (int i = 0; i < segments.length; i++) {
            boolean last = i == segments.length - 1;
            String key = keyFor(dotEscape, segments, i);
            if (segments[i].endsWith("[]")) {
                Object list = copyContainer(get(current, key), null);
                put(current, key, list);
                Object element = last ? value : copyContainer(null, keyFor(dotEscape, segments, i + 1));
                put(list, nextIndex(list), element);
                current = element;
            } else if (last) {
                put(current, key, value);
            } else {
                Object child = copyContainer(get(current, key), keyFor(dotEscape, segments, i + 1));
                put(current, key, child);
                current = child;
            }
        }
        return root;
    }

    /**
     * {@code jsonpath_set(var, 'a.b[]', value)}: as {@code dict_set} but without the {@code {DOT}} escape, as in Cerb.
     */
    public static Object jsonpath_set(Object var, String path, Object value) {
        return setPath(var, path, value, false);
    }

    /** {@code array_diff(a, b)}: the values of {@code a} not in {@code b} (compared as text), in order. */
    public static Object array_diff(Object a, Object b) {
        List<Object> out = TemplateValues.newList();
        Set<String> remove = new HashSet<>();
        values(b).forEach(v -> remove.add(TemplateValues.text(v)));
        values(a).stream().filter(v -> !remove.contains(TemplateValues.text(v))).forEach(out::add);
        return out;
    }

    /**
     * {@code regexp_match_all(pattern, text, group)}: every match of a PCRE pattern; group 0 gives PHP's
     * PREG_PATTERN_ORDER array (a list per group), another group the list of that group's matches.
     */
    public static Object regexp_match_all(String pattern, Object text, Object... group) {
        int wanted = group.length > 0 ? (int) TemplateValues.number(group[0]) : 0;
        Matcher m = PcreRegex.matcher(PcreRegex.compile(pattern), TemplateValues.text(text));
        List<List<Object>> groups = new ArrayList<>();
        for (int i = 0; i <= m.groupCount(); i++) {
            groups.add(TemplateValues.newList());
        }
        while (m.find()) {
            for (int i = 0; i <= m.groupCount(); i++) {
                groups.get(i).add(m.group(i) == null ? "" : m.group(i));
            }
        }
        if (wanted == 0) {
            List<Object> all = TemplateValues.newList();
            all.addAll(groups);
            return all;
        }
        return wanted < groups.size() ? groups.get(wanted) : TemplateValues.newList();
    }

    /** {@code random_string(length=8)}: letters and digits from a CSPRNG, length clamped to 1..255. */
    public static String random_string(Object... length) {
        int n = length.length > 0 ? (int) TemplateValues.number(length[0]) : 8;
        n = Math.max(1, Math.min(255, n));
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append(RANDOM_ALPHABET.charAt(RANDOM.nextInt(RANDOM_ALPHABET.length())));
        }
        return out.toString();
    }

    /** {@code validate_email(text)}: true for exactly one address, bare or as {@code Name <user@host>}. */
    public static boolean validate_email(Object text) {
        if (!(text instanceof CharSequence)) {
            return false;
        }
        return EMAIL.matcher(text.toString().trim()).matches();
    }

    /** {@code validate_number(value)}: PHP's is_numeric. */
    public static boolean validate_number(Object value) {
        return TemplateValues.isNumeric(value);
    }

    /**
     * {@code xml_decode(text, namespaces={})}: the parsed document's root element, or false when the text is not
     * well-formed XML; namespaces map prefixes to URIs for {@code xml_xpath}. DOCTYPEs are refused.
     */
    public static Object xml_decode(Object text, Object... namespaces) {
        Map<String, String> prefixes = new java.util.LinkedHashMap<>();
        if (namespaces.length > 0 && namespaces[0] instanceof Map<?, ?> map) {
            map.forEach((k, v) -> prefixes.put(String.valueOf(k), TemplateValues.text(v)));
        }
        XmlValue xml = XmlValue.parse(TemplateValues.text(text), prefixes);
        return xml == null ? Boolean.FALSE : xml;
    }

    /** {@code xml_encode(xml)}: the XML text of a decoded document or element; false for anything else. */
    public static Object xml_encode(Object xml) {
        return xml instanceof XmlValue value ? value.asXml() : Boolean.FALSE;
    }

    /** {@code xml_xpath(xml, path, index=null)}: the matches (elements, or text of attributes), or one of them. */
    public static Object xml_xpath(Object xml, String path, Object... index) {
        if (!(xml instanceof XmlValue value)) {
            return Boolean.FALSE;
        }
        List<Object> found = value.xpath(path);
        if (index.length > 0 && index[0] != null) {
            int i = (int) TemplateValues.number(index[0]);
            return i >= 0 && i < found.size() ? found.get(i) : found;
        }
        return found;
    }

    private static List<?> values(Object container) {
        if (container instanceof Map<?, ?> map) {
            return new ArrayList<>(map.values());
        }
        return container instanceof List<?> list ? list : List.of();
    }

    /** {@code json_decode(text)}: the parsed value, or null when the text is not JSON. */
    public static Object json_decode(Object text) {
        if (text == null) {
            return null;
        }
        try {
            return TemplateValues.fromJson(TemplateValues.parseJson(text.toString()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Object get(Object container, String key) {
        if (container instanceof Map<?, ?> map) {
            return map.get(key);
        }
        List<?> list = (List<?>) container;
        int index = index(key);
        return index >= 0 && index < list.size() ? list.get(index) : null;
    }

    /** The key segment i names: without a trailing {@code []}, {@code {DOT}} as a dot. */
    private static String keyFor(boolean dotEscape, String[] segments, int i) {
        String segment = segments[i];
        String name = segment.endsWith("[]") ? segment.substring(0, segment.length() - 2) : segment;
        return dotEscape ? name.replace("{DOT}", ".") : name;
    }

    /** Sets key in a container made by {@link #copyContainer} for that key, so a list always has room for it. */
    @SuppressWarnings("unchecked")
    private static void put(Object container, String key, Object value) {
        if (container instanceof List<?> raw) {
            List<Object> list = (List<Object>) raw;
            int index = index(key);
            if (index < list.size()) {
                list.set(index, value);
            } else {
                list.add(value);
            }
        } else {
            ((Map<String, Object>) container).put(key, value);
        }
    }

    private static String nextIndex(Object container) {
        if (container instanceof List<?> list) {
            return String.valueOf(list.size());
        }
        long next = 0;
        for (Object key : ((Map<?, ?>) container).keySet()) {
            int index = index(String.valueOf(key));
            next = Math.max(next, index + 1L);
        }
        return String.valueOf(next);
    }

    private static int index(String key) {
        if (key.isEmpty() || key.length() > 9 || !key.chars().allMatch(Character::isDigit)
                || key.length() > 1 && key.charAt(0) == '0') {
            return -1;
        }
        return Integer.parseInt(key);
    }

    /**
     * A shallow copy of a map or list that is about to receive {@code nextKey} (null: an appended element). A list
     * stays a list when the key is an index within or just past it; otherwise it becomes a map keyed "0".."n-1",
     * as a PHP array would. Anything that is not a container is replaced by a new dict.
     */
    private static Object copyContainer(Object value, String nextKey) {
        if (value instanceof List<?> list) {
            int index = nextKey == null ? list.size() : index(nextKey);
            if (index >= 0 && index <= list.size()) {
                List<Object> copy = TemplateValues.newList();
                copy.addAll(list);
                return copy;
            }
            Map<String, Object> copy = TemplateValues.newMap();
            for (int i = 0; i < list.size(); i++) {
                copy.put(String.valueOf(i), list.get(i));
            }
            return copy;
        }
        Map<String, Object> copy = TemplateValues.newMap();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        }
        return copy;
    }
}
