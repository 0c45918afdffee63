package dev.switchboard.host.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** PHP-flavoured conversions of JSON-like values, because Cerb's behaviors were written against PHP's rules. */
public final class Values {
    private Values() {
    }

    /** PHP truthiness: null, false, 0, "", "0", empty list/map are false. */
    public static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty() && !s.equals("0");
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        return true;
    }

    /** The value as text the way a template would print it: null → "", true → "1", false → "". */
    public static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "";
        }
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        if (v instanceof BigDecimal bd) {
            return bd.stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }

    /** The value as a number, or null when it is not numeric. */
    public static Double number(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (v instanceof String s) {
            String t = s.trim();
            if (t.isEmpty()) {
                return null;
            }
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Reads a placeholder, following dots into nested maps and lists when the flat key is absent. */
    public static Object lookup(Map<String, Object> dict, String key) {
        if (dict.containsKey(key) || key.indexOf('.') < 0) {
            return dict.get(key);
        }
        Object cur = dict;
        for (String part : key.split("\\.")) {
            if (cur instanceof Map<?, ?> m) {
                cur = m.get(part);
            } else if (cur instanceof List<?> l && part.matches("\\d{1,9}")) {
                int i = Integer.parseInt(part);
                cur = i < l.size() ? l.get(i) : null;
            } else {
                return null;
            }
        }
        return cur;
    }
}
