package dev.switchboard.host.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.SafeString;
import java.util.Collection;
import java.util.Map;

/**
 * Any filter, held to the render's size limits (SECURITY.md 5): {@code templates.max_string} for text and
 * {@code templates.max_collection} for lists and dicts. Every filter the engine has is wrapped in one.
 *
 * <p>Two checks. Before the call, for the filters whose result can be far larger than their input and
 * arguments ({@code center(100000000)}, {@code indent}, {@code replace}, {@code regex_replace},
 * {@code wordwrap}, {@code urlize}, {@code join} (Jinjava's would cut the text short silently), {@code batch}, {@code list}, {@code number_format}, {@code bytes_pretty}), the size
 * of the result is worked out from the arguments and refused when over the limit, so no 100-million-character
 * string or million-item list is ever built. After the call, whatever any filter returned is measured. Either
 * way the render fails with a {@link LimitExceeded} naming the filter and the setting.
 */
final class LimitedFilter implements Filter {
    private final Filter filter;

    LimitedFilter(Filter filter) {
        this.filter = filter;
    }

    @Override
    public String getName() {
        return filter.getName();
    }

    @Override
    public boolean preserveSafeString() {
        return filter.preserveSafeString();
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        before(var, interpreter, args, Map.of());
        return after(filter.filter(var, interpreter, args), interpreter);
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        before(var, interpreter, args, kwargs == null ? Map.of() : kwargs);
        return after(filter.filter(var, interpreter, args, kwargs), interpreter);
    }

    @Override
    public Object filter(SafeString var, JinjavaInterpreter interpreter, String... args) {
        before(var, interpreter, args, Map.of());
        return after(filter.filter(var, interpreter, args), interpreter);
    }

    private void before(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        long maxString = interpreter.getConfig().getMaxStringLength();
        long maxItems = interpreter.getConfig().getMaxListSize();
        String text = var instanceof CharSequence || var instanceof SafeString ? TemplateValues.text(var) : null;
        int length = text == null ? 0 : text.length();
        switch (getName()) {
            case "center" -> string(maxString, number(args, kwargs, 0, "width", 80));
            case "indent" -> {
                boolean first = CerbFilters.truthy(arg(args, kwargs, 1, "indentfirst", false));
                string(maxString, length + number(args, kwargs, 0, "width", 4) * (lines(text) + (first ? 1 : 0)));
            }
            case "wordwrap" -> {
                long width = Math.max(1, number(args, kwargs, 0, "width", 79));
                long wrap = TemplateValues.text(arg(args, kwargs, 2, "wrapstring", "\n")).length();
                string(maxString, length + (length / width + 1) * Math.max(wrap, 1));
            }
            case "urlize" -> {
                long extra = 64 + TemplateValues.text(arg(args, kwargs, 2, "target", "")).length();
                string(maxString, 2L * length + (tokens(text) + 1) * extra);
            }
            case "replace" -> {
                if (text != null) {
                    string(maxString, Replacements.literal(text, TemplateValues.text(arg(args, kwargs, 0, "old", "")),
                            TemplateValues.text(arg(args, kwargs, 1, "new", ""))));
                }
            }
            case "regex_replace" -> {
                if (text != null) {
                    string(maxString, Replacements.regex(text, TemplateValues.text(arg(args, kwargs, 0, "regex", "")),
                            TemplateValues.text(arg(args, kwargs, 1, "new", ""))));
                }
            }
            case "number_format" -> {
                long decimals = number(args, kwargs, 0, "decimals", 0);
                long separators = TemplateValues.text(arg(args, kwargs, 1, "point", ".")).length()
                        + 103L * TemplateValues.text(arg(args, kwargs, 2, "thousands", ",")).length();
                string(maxString, 310 + decimals + separators);
            }
            case "bytes_pretty" -> string(maxString, 320 + number(args, kwargs, 0, "precision", 0));
            case "join" -> {
                if (var instanceof Collection<?> items) {
                    long separator = TemplateValues.text(arg(args, kwargs, 0, "d", "")).length();
                    long total = 0;
                    for (Object item : items) {
                        total += TemplateValues.text(item).length() + separator;
                    }
                    string(maxString, Math.max(0, total - separator));
                }
            }
            case "batch" -> items(maxItems, number(args, kwargs, 0, "linecount", 0));
            case "list" -> items(maxItems, length);
            default -> {
            }
        }
    }

    private Object after(Object result, JinjavaInterpreter interpreter) {
        if (result instanceof CharSequence || result instanceof SafeString) {
            string(interpreter.getConfig().getMaxStringLength(), TemplateValues.text(result).length());
        } else if (result instanceof Collection<?> c) {
            items(interpreter.getConfig().getMaxListSize(), c.size());
        } else if (result instanceof Map<?, ?> m) {
            items(interpreter.getConfig().getMaxMapSize(), m.size());
        }
        return result;
    }

    private void string(long max, long chars) {
        if (chars > max) {
            throw new LimitExceeded("'" + getName() + "' would make a string of " + chars
                    + " characters; templates.max_string allows " + max);
        }
    }

    private void items(long max, long count) {
        if (count > max) {
            throw new LimitExceeded("'" + getName() + "' would make " + count
                    + " items; templates.max_collection allows " + max);
        }
    }

    private static Object arg(Object[] args, Map<String, Object> kwargs, int index, String name, Object fallback) {
        if (args != null && args.length > index && args[index] != null) {
            return args[index];
        }
        Object named = kwargs.get(name);
        return named != null ? named : fallback;
    }

    /** A whole-number argument; clamped to 0 when negative, to a huge value when it does not fit a long. */
    private static long number(Object[] args, Map<String, Object> kwargs, int index, String name, long fallback) {
        Object v = arg(args, kwargs, index, name, fallback);
        double d = TemplateValues.number(v);
        if (!TemplateValues.isNumeric(v) || Double.isNaN(d) || d <= 0) {
            return 0;
        }
        return d >= Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 4 : (long) d;
    }

    private static long lines(String text) {
        return text == null ? 0 : text.chars().filter(c -> c == '\n').count();
    }

    private static long tokens(String text) {
        return text == null ? 0 : text.chars().filter(Character::isWhitespace).count();
    }
}
