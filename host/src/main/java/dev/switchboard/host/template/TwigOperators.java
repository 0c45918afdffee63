package dev.switchboard.host.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.security.SecureRandom;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Twig's operators, tests and core functions that Jinjava lacks or reads otherwise, as static functions that
 * {@link TwigExpression} writes calls of ({@code twig_…}), plus Twig's {@code max}, {@code min}, {@code cycle},
 * {@code random}, {@code date} and Cerb's {@code shuffle} under their own names. Values as PHP sees them.
 */
final class TwigOperators {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TwigOperators() {
    }

    /** {@code a..b} and {@code range(a, b, step)}: PHP's range, both ends included; letters too. */
    public static Object twig_range(Object low, Object high, Object... step) {
        double by = step.length > 0 && step[0] != null ? Math.abs(TemplateValues.number(step[0])) : 1;
        if (by == 0) {
            throw new IllegalArgumentException("range: the step cannot be 0");
        }
        List<Object> out = TemplateValues.newList();
        String a = TemplateValues.text(low);
        String b = TemplateValues.text(high);
        if (a.length() == 1 && b.length() == 1 && !TemplateValues.isNumeric(low) && !TemplateValues.isNumeric(high)) {
            int from = a.charAt(0);
            int to = b.charAt(0);
            int dir = from <= to ? 1 : -1;
            for (int c = from; dir > 0 ? c <= to : c >= to; c += dir * (int) by) {
                add(out, String.valueOf((char) c));
            }
            return out;
        }
        double from = TemplateValues.number(low);
        double to = TemplateValues.number(high);
        boolean whole = isWhole(low) && isWhole(high) && by == Math.rint(by);
        double dir = from <= to ? 1 : -1;
        long count = (long) Math.floor(Math.abs(to - from) / by) + 1;
        for (long i = 0; i < count; i++) {
            double v = from + dir * by * i;
            add(out, whole ? (Object) (long) v : (Object) v);
        }
        return out;
    }

    private static void add(List<Object> out, Object v) {
        out.add(v);
        RenderDeadline.of(JinjavaInterpreter.getCurrent()).check();
    }

    private static boolean isWhole(Object v) {
        return v instanceof Long || v instanceof Integer
                || v instanceof String str && str.trim().matches("[+-]?\\d+");
    }

    /** {@code a // b}: PHP's floor of the quotient. */
    public static Object twig_floordiv(Object a, Object b) {
        double d = TemplateValues.number(b);
        if (d == 0) {
            throw new IllegalArgumentException("division by zero");
        }
        return (long) Math.floor(TemplateValues.number(a) / d);
    }

    /** {@code a ** b}: PHP's pow, whole when both are whole and the exponent is not negative. */
    public static Object twig_pow(Object a, Object b) {
        double x = TemplateValues.number(a);
        double y = TemplateValues.number(b);
        double r = Math.pow(x, y);
        if (isWhole(a) && isWhole(b) && y >= 0 && Math.abs(r) < 9.2e18) {
            return (long) r;
        }
        return r;
    }

    /** {@code a ?? b}. */
    public static Object twig_coalesce(Object a, Object b) {
        return a != null ? a : b;
    }

    /** {@code x.key} on the left of {@code ??}: the dict's key or the list's item, null when there is none. */
    public static Object twig_attr(Object container, Object key) {
        if (container instanceof Map<?, ?> map) {
            Object v = map.get(TemplateValues.text(key));
            return v != null ? v : map.get(key);
        }
        if (container instanceof List<?> list && TemplateValues.isNumeric(key)) {
            double i = TemplateValues.number(key);
            return i >= 0 && i < list.size() ? list.get((int) i) : null;
        }
        return null;
    }

    /** {@code b-and}, {@code b-or}, {@code b-xor}. */
    public static Object twig_bitwise(String op, Object a, Object b) {
        long x = (long) TemplateValues.number(a);
        long y = (long) TemplateValues.number(b);
        return switch (op) {
            case "and" -> x & y;
            case "or" -> x | y;
            default -> x ^ y;
        };
    }

    /** {@code a matches '/re/'}: a PCRE pattern with delimiters. */
    public static boolean twig_matches(Object text, Object pattern) {
        return PcreRegex.matcher(PcreRegex.compile(TemplateValues.text(pattern)), TemplateValues.text(text)).find();
    }

    /** {@code a starts with b}: both text, as Twig 1.x (a number or boolean never starts or ends anything). */
    public static boolean twig_starts_with(Object text, Object prefix) {
        return text instanceof CharSequence a && prefix instanceof CharSequence b && a.toString().startsWith(b.toString());
    }

    public static boolean twig_ends_with(Object text, Object suffix) {
        return text instanceof CharSequence a && suffix instanceof CharSequence b && a.toString().endsWith(b.toString());
    }

    /** {@code name is defined}: the variable exists in the render's scope, even when it holds null. */
    public static boolean twig_defined(String name) {
        JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
        if (interpreter == null) {
            return false;
        }
        // the scopes' own maps: Jinjava's lookup treats a null value as absent
        for (com.hubspot.jinjava.interpret.Context c = interpreter.getContext(); c != null; c = c.getParent()) {
            if (c.getScope().containsKey(name)) {
                return true;
            }
        }
        return false;
    }

    /** {@code x.key is defined}: the dict has the key or the list the index. */
    public static boolean twig_has(Object container, Object key) {
        if (container instanceof Map<?, ?> map) {
            return map.containsKey(TemplateValues.text(key)) || map.containsKey(key);
        }
        if (container instanceof List<?> list && TemplateValues.isNumeric(key)) {
            double i = TemplateValues.number(key);
            return i >= 0 && i < list.size();
        }
        return false;
    }

    /** Twig's tests by name ({@code x is even}, {@code x is divisible by(3)}, …). */
    public static boolean twig_test(String name, Object value, Object arg) {
        return switch (name) {
            case "empty" -> isEmpty(value);
            case "even" -> (long) TemplateValues.number(value) % 2 == 0;
            case "odd" -> Math.abs((long) TemplateValues.number(value) % 2) == 1;
            case "divisibleby" -> {
                double by = TemplateValues.number(arg);
                yield by != 0 && TemplateValues.number(value) % by == 0;
            }
            case "sameas" -> same(value, arg);
            case "null", "none" -> value == null;
            case "iterable" -> value instanceof Collection<?> || value instanceof Map<?, ?>;
            case "numeric" -> TemplateValues.isNumeric(value);
            default -> throw new IllegalArgumentException("unknown test '" + name + "'");
        };
    }

    /** Twig's empty: null, '', false, an empty list or dict (0 is not empty). */
    static boolean isEmpty(Object value) {
        if (value instanceof Collection<?> c) {
            return c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return m.isEmpty();
        }
        return value == null || Boolean.FALSE.equals(value) || TemplateValues.text(value).isEmpty()
                && !(value instanceof Number);
    }

    /** PHP's {@code ===}: same type and value (whole and fractional numbers are different types). */
    private static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            boolean wholeA = x instanceof Long || x instanceof Integer;
            boolean wholeB = y instanceof Long || y instanceof Integer;
            return wholeA == wholeB && x.doubleValue() == y.doubleValue();
        }
        if (a instanceof CharSequence && b instanceof CharSequence) {
            return a.toString().equals(b.toString());
        }
        return a.getClass() == b.getClass() && a.equals(b);
    }

    /** A hash literal with computed keys: {@code [k1, v1, k2, v2, …]} as a dict. */
    public static Object twig_hash(List<?> pairs) {
        Map<String, Object> out = TemplateValues.newMap();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            out.put(TemplateValues.text(pairs.get(i)), pairs.get(i + 1));
        }
        return out;
    }

    /** A value as {@code "#{x}"} prints it. */
    public static String twig_text(Object value) {
        JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
        return interpreter != null ? interpreter.getAsString(value) : TemplateValues.text(value);
    }

    /** Unary {@code +}: the number. */
    public static Object twig_plus(Object value) {
        if (value instanceof Number) {
            return value;
        }
        return isWhole(value) ? (Object) (long) TemplateValues.number(value) : (Object) TemplateValues.number(value);
    }

    /** Twig's {@code max(1, 3, 2)} or {@code max([1, 3, 2])} or of a dict's values. */
    public static Object max(Object... values) {
        return extreme(values, 1);
    }

    public static Object min(Object... values) {
        return extreme(values, -1);
    }

    private static Object extreme(Object[] values, int sign) {
        Collection<?> items = values.length == 1 ? items(values[0]) : List.of(values);
        Object best = null;
        for (Object v : items) {
            if (best == null || sign * compare(v, best) > 0) {
                best = v;
            }
        }
        return best;
    }

    private static Collection<?> items(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.values();
        }
        if (value instanceof Collection<?> c) {
            return c;
        }
        return value == null ? List.of() : List.of(value);
    }

    /** PHP's comparison of two numbers, or of text otherwise. */
    private static int compare(Object a, Object b) {
        if (TemplateValues.isNumeric(a) && TemplateValues.isNumeric(b)) {
            return Double.compare(TemplateValues.number(a), TemplateValues.number(b));
        }
        return TemplateValues.text(a).compareTo(TemplateValues.text(b));
    }

    /** {@code cycle(values, position)}: the item at position, going round. */
    public static Object cycle(Object values, Object position) {
        List<Object> items = new ArrayList<>(items(values));
        if (items.isEmpty()) {
            return null;
        }
        return items.get((int) Math.floorMod((long) TemplateValues.number(position), items.size()));
    }

    /** {@code random()}, {@code random(10)}, {@code random('abc')}, {@code random([…])}, {@code random(5, 10)}. */
    public static Object random(Object... args) {
        Object values = args.length > 0 ? args[0] : null;
        if (args.length > 1 && args[1] != null) {
            long lo = values == null ? 0 : (long) TemplateValues.number(values);
            long hi = (long) TemplateValues.number(args[1]);
            return Math.min(lo, hi) + (long) RANDOM.nextInt((int) (Math.abs(hi - lo) + 1));
        }
        if (values == null) {
            return (long) RANDOM.nextInt(Integer.MAX_VALUE);
        }
        if (values instanceof Number n) {
            long hi = n.longValue();
            return hi < 0 ? -(long) RANDOM.nextInt((int) -hi + 1) : (long) RANDOM.nextInt((int) hi + 1);
        }
        if (values instanceof CharSequence text) {
            if (text.isEmpty()) {
                return "";
            }
            int i = RANDOM.nextInt(Character.codePointCount(text, 0, text.length()));
            int at = Character.offsetByCodePoints(text, 0, i);
            return new String(Character.toChars(Character.codePointAt(text, at)));
        }
        List<Object> items = new ArrayList<>(items(values));
        return items.isEmpty() ? null : items.get(RANDOM.nextInt(items.size()));
    }

    /** Cerb's {@code shuffle(list)}: the items in random order. */
    public static Object shuffle(Object values) {
        List<Object> out = TemplateValues.newList();
        out.addAll(items(values));
        Collections.shuffle(out, RANDOM);
        return out;
    }

    /** Twig's {@code date(value, timezone)}: the moment, for {@code |date} to format. */
    public static ZonedDateTime date(Object... args) {
        Object value = args.length > 0 ? args[0] : null;
        Object zone = args.length > 1 ? args[1] : null;
        return PhpDate.moment(value, PhpDate.defaultZone()).withZoneSameInstant(PhpDate.zone(zone));
    }

    /**
     * {@code for vars in seq if cond}: the items for which the condition (a Jinjava expression over the loop
     * variables) holds, as a list or, for a dict, a dict.
     */
    public static Object twig_loop_if(Object sequence, String variables, String condition) {
        JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
        String[] vars = variables.split(",\\s*");
        int line = interpreter.getLineNumber();
        if (sequence instanceof Map<?, ?> map) {
            Map<String, Object> out = TemplateValues.newMap();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (keeps(interpreter, vars, e.getKey(), e.getValue(), condition, line)) {
                    out.put(String.valueOf(e.getKey()), e.getValue());
                }
            }
            return out;
        }
        List<Object> items = TwigCoreFilters.items(sequence);
        boolean indexed = vars.length == 2;
        Map<String, Object> byIndex = indexed ? TemplateValues.newMap() : null;
        List<Object> out = TemplateValues.newList();
        for (int i = 0; i < items.size(); i++) {
            if (keeps(interpreter, vars, (long) i, items.get(i), condition, line)) {
                if (indexed) {
                    byIndex.put(String.valueOf(i), items.get(i));
                } else {
                    out.add(items.get(i));
                }
            }
        }
        return indexed ? byIndex : out;
    }

    private static boolean keeps(JinjavaInterpreter interpreter, String[] vars, Object key, Object value,
            String condition, int line) {
        RenderDeadline.of(interpreter).check();
        try (JinjavaInterpreter.InterpreterScopeClosable scope = interpreter.enterScope()) {
            if (vars.length == 2) {
                interpreter.getContext().put(vars[0], key);
                interpreter.getContext().put(vars[1], value);
            } else {
                interpreter.getContext().put(vars[0], value);
            }
            return CerbFilters.truthy(interpreter.resolveELExpression(condition, line));
        }
    }
}
