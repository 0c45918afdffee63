package dev.switchboard.host.template;

import static dev.switchboard.host.template.TemplateValues.arg;
import static dev.switchboard.host.template.TemplateValues.text;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Twig core filters that Jinjava lacks or spells differently, under Twig's names: {@code date} (PHP formats),
 * {@code format} (sprintf), {@code keys}, {@code merge}, {@code number_format}, {@code url_encode}; and the
 * {@code numeric} test.
 */
final class TwigFilters {
    /** What {@code spaceless} removes: whitespace between HTML tags. */
    private static final java.util.regex.Pattern SPACE_BETWEEN_TAGS = java.util.regex.Pattern.compile(">\\s+<");

    private TwigFilters() {
    }

    static List<NamedFilter> all() {
        return List.of(
                new NamedFilter("raw", (value, args) -> value),
                new NamedFilter("twig_spaceless", (value, args) ->
                        SPACE_BETWEEN_TAGS.matcher(text(value)).replaceAll("><").strip()),
                new NamedFilter("date", (value, args) -> {
                    java.time.ZonedDateTime moment = PhpDate.moment(value, PhpDate.defaultZone());
                    // timezone false: the date keeps its own zone (Twig)
                    Object zone = arg(args, 1, "");
                    return PhpDate.format(Boolean.FALSE.equals(zone)
                            ? value instanceof java.time.ZonedDateTime own ? own : moment
                            : moment.withZoneSameInstant(PhpDate.zone(zone)),
                            text(arg(args, 0, PhpDate.DEFAULT_FORMAT)));
                }),
                new NamedFilter("date_modify", (value, args) -> {
                    java.time.ZonedDateTime base = PhpDate.moment(value, PhpDate.defaultZone());
                    java.time.ZonedDateTime moved = PhpDate.modify(base, text(arg(args, 0, "")));
                    if (moved == null) {
                        throw new IllegalArgumentException("date_modify: cannot read '" + text(arg(args, 0, ""))
                                + "' as a change of date");
                    }
                    return moved;
                }),
                new NamedFilter("format", (value, args) -> PhpSprintf.format(text(value), args,
                        TemplateValues.maxString())),
                new NamedFilter("keys", (value, args) -> keys(value)),
                new NamedFilter("merge", (value, args) -> merge(value, arg(args, 0, null))),
                new NamedFilter("number_format", (value, args) -> numberFormat(TemplateValues.number(value),
                        (int) TemplateValues.number(arg(args, 0, 0)), text(arg(args, 1, ".")),
                        text(arg(args, 2, ",")))),
                new NamedFilter("url_encode", (value, args) ->
                        value instanceof Map<?, ?> map ? PhpUrl.buildQuery(map) : PhpUrl.rawEncode(value)));
    }

    /** {@code x is numeric}: PHP's is_numeric. */
    static ExpTest numericTest() {
        return new ExpTest() {
            @Override
            public boolean evaluate(Object value, JinjavaInterpreter interpreter, Object... args) {
                return TemplateValues.isNumeric(value);
            }

            @Override
            public String getName() {
                return "numeric";
            }
        };
    }

    private static List<Object> keys(Object value) {
        List<Object> out = TemplateValues.newList();
        if (value instanceof Map<?, ?> map) {
            map.keySet().forEach(k -> out.add(String.valueOf(k)));
        } else if (value instanceof List<?> list) {
            for (long i = 0; i < list.size(); i++) {
                out.add(i);
            }
        }
        return out;
    }

    /** Twig's merge (PHP array_merge): two lists concatenate; otherwise keys of the second overwrite the first. */
    private static Object merge(Object value, Object other) {
        if (value instanceof List<?> a && (other == null || other instanceof List<?>)) {
            List<Object> out = TemplateValues.newList();
            out.addAll(a);
            if (other != null) {
                out.addAll((List<?>) other);
            }
            return out;
        }
        Map<String, Object> out = TemplateValues.newMap();
        putAll(out, value);
        putAll(out, other);
        return out;
    }

    private static void putAll(Map<String, Object> out, Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                out.put(String.valueOf(i), list.get(i));
            }
        } else if (value != null) {
            throw new IllegalArgumentException("merge: only lists and dicts can be merged");
        }
    }

    /** PHP's number_format: rounded half away from zero, grouped in thousands. */
    static String numberFormat(double value, int decimals, String point, String thousands) {
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(value)));
        int places = Math.max(decimals, 0);
        // digits past the double's own are zeros: append them instead of scaling by a huge power of ten
        BigDecimal rounded = exact.setScale(Math.min(places, Math.max(exact.scale(), 0)), RoundingMode.HALF_UP);
        String plain = rounded.toPlainString();
        if (places > rounded.scale()) {
            plain += (rounded.scale() == 0 ? "." : "") + "0".repeat(places - rounded.scale());
        }
        int dot = plain.indexOf('.');
        String whole = dot < 0 ? plain : plain.substring(0, dot);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                grouped.append(thousands);
            }
            grouped.append(whole.charAt(i));
        }
        String fraction = dot < 0 ? "" : point + plain.substring(dot + 1);
        boolean negative = value < 0 && rounded.signum() != 0;
        return (negative ? "-" : "") + grouped + fraction;
    }
}
