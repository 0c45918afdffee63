package dev.switchboard.host.engine;

import dev.switchboard.host.limits.Deadline;
import dev.switchboard.host.template.PcreRegex;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Cerb's comparison operators: {@code is} (case-insensitive, numeric when both sides are numbers), {@code contains}
 * (case-insensitive), {@code like} ({@code *} wildcard, anchored, case-insensitive), {@code regexp} (PCRE-style
 * with delimiters and flags: {@code /^foo/i}), {@code gt}, {@code lt}. A leading {@code !} negates.
 *
 * <p>Values come from strangers, so no comparison may run away: {@code like} is a wildcard matcher without
 * backtracking blow-up (at most value length × pattern length steps, checking the deadline as it goes), and a
 * regular expression reads its subject through a view that fails after {@link #REGEX_BUDGET} reads or once the
 * run's deadline passed.
 */
public final class Compare {
    /** Operators a condition may use (without the {@code !}). */
    public static final Set<String> OPERATORS = Set.of("is", "contains", "like", "regexp", "gt", "lt");
    /** A regexp match gives up after this many character reads (catastrophic backtracking on untrusted input). */
    static final long REGEX_BUDGET = 5_000_000;
    private static final int CACHE_LIMIT = 1000;
    private static final Map<String, Pattern> REGEX_CACHE = new ConcurrentHashMap<>();

    private Compare() {
    }

    /** Thrown for an operator or a pattern that cannot be evaluated; the engine records it and the check fails. */
    public static final class BadComparison extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadComparison(String message) {
            super(message);
        }
    }

    /** True when {@code oper} (with or without {@code !}) is {@code regexp}. */
    public static boolean isRegexp(String oper) {
        return oper != null && strip(oper).equals("regexp");
    }

    /** True when {@code oper} (with or without {@code !}) is known. */
    public static boolean known(String oper) {
        return oper != null && OPERATORS.contains(strip(oper));
    }

    /**
     * Compares a value with a condition's operand.
     *
     * @param left  the placeholder's value
     * @param oper  the operator, optionally with a leading {@code !}
     * @param right the operand (already rendered)
     */
    public static boolean test(Object left, String oper, Object right) {
        return test(left, oper, right, Deadline.NONE);
    }

    /**
     * As {@link #test(Object, String, Object)}, stopping once {@code deadline} passed.
     *
     * @throws Deadline.Exceeded when the deadline passed during a {@code like} or {@code regexp} match
     */
    public static boolean test(Object left, String oper, Object right, Deadline deadline) {
        String o = oper == null ? "is" : oper.trim();
        boolean negate = o.startsWith("!");
        boolean r = positive(left, strip(o), right, deadline);
        return negate != r;
    }

    private static String strip(String oper) {
        String o = oper.trim();
        while (o.startsWith("!")) {
            o = o.substring(1);
        }
        return o.toLowerCase(Locale.ROOT);
    }

    private static boolean positive(Object left, String oper, Object right, Deadline deadline) {
        switch (oper) {
            case "is": {
                Double a = numberOrNull(left);
                Double b = numberOrNull(right);
                if (a != null && b != null) {
                    return a.doubleValue() == b.doubleValue();
                }
                return Values.text(left).equalsIgnoreCase(Values.text(right));
            }
            case "contains":
                return lower(Values.text(left)).contains(lower(Values.text(right)));
            case "like":
                return like(Values.text(right), Values.text(left), deadline);
            case "regexp":
                return regexp(Values.text(right)).matcher(deadline.guard(Values.text(left), REGEX_BUDGET,
                        () -> new BadComparison("regular expression took too long"))).find();
            case "gt":
            case "lt": {
                Double a = Values.number(left);
                Double b = Values.number(right);
                if (a == null || b == null) {
                    return false;
                }
                return oper.equals("gt") ? a > b : a < b;
            }
            default:
                throw new BadComparison("unknown operator '" + oper + "'");
        }
    }

    private static Double numberOrNull(Object v) {
        if (v instanceof String s && (s.isBlank() || !s.trim().matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?"))) {
            return null;
        }
        if (v == null || v instanceof Boolean) {
            return null;
        }
        return Values.number(v);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * {@code like}: {@code *} is any run of characters, everything else literal (case-insensitive), the whole value
     * must match. The classic two-pointer wildcard match: on a mismatch only the last {@code *} is widened by one, so
     * the work is at most value length × pattern length, never exponential ({@code *a*a*b*} against 10 KB of
     * {@code a}s is a few hundred thousand steps, where a backtracking regular expression never finishes).
     */
    static boolean like(String pattern, String value, Deadline deadline) {
        int p = 0;
        int v = 0;
        int star = -1;
        int resume = 0;
        long steps = 0;
        while (v < value.length()) {
            if ((++steps & 4095) == 0) {
                deadline.check();
            }
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = v;
            } else if (p < pattern.length() && sameIgnoringCase(pattern.charAt(p), value.charAt(v))) {
                p++;
                v++;
            } else if (star >= 0) {
                p = star + 1;
                v = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean sameIgnoringCase(char a, char b) {
        if (a == b) {
            return true;
        }
        char ua = Character.toUpperCase(a);
        char ub = Character.toUpperCase(b);
        return ua == ub || Character.toLowerCase(ua) == Character.toLowerCase(ub);
    }

    /** A PCRE-style pattern with delimiters ({@code /x/i}, {@code #x#}, {@code {x}}) and flags imsxu. */
    static Pattern regexp(String spec) {
        return cached(REGEX_CACHE, spec, () -> compilePcre(spec));
    }

    private static Pattern compilePcre(String spec) {
        try {
            return PcreRegex.compile(spec);
        } catch (IllegalArgumentException e) {
            throw new BadComparison(e.getMessage());
        }
    }

    private static Pattern cached(Map<String, Pattern> cache, String key, java.util.function.Supplier<Pattern> make) {
        Pattern p = cache.get(key);
        if (p == null) {
            p = make.get();
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(key, p);
        }
        return p;
    }
}
