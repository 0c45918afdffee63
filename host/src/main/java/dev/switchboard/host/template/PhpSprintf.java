package dev.switchboard.host.template;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PHP's sprintf, behind Twig's {@code format} filter: %s %d %u %f %F %e %E %x %X %o %b %c %%, with argnum$, flags,
 * width, precision. As in PHP, a float's precision stops at 53 digits; a width or a result longer than
 * {@code templates.max_string} fails before it is built.
 */
final class PhpSprintf {
    private static final Pattern SPEC =
            Pattern.compile("%(?:(\\d+)\\$)?((?:[-+ 0]|'.)*)(\\d+)?(?:\\.(\\d+))?([bcdeEfFosuxX%])");

    /** PHP's cap on a float conversion's precision ("truncated to PHP maximum of 53 digits"). */
    private static final int MAX_FLOAT_PRECISION = 53;

    private PhpSprintf() {
    }

    /**
     * @param maxChars the longest result allowed ({@code templates.max_string})
     * @throws IllegalArgumentException when there are fewer arguments than conversions
     * @throws LimitExceeded when a width or the result is longer than {@code maxChars}
     */
    static String format(String format, List<Object> args, long maxChars) {
        Matcher m = SPEC.matcher(format);
        StringBuilder out = new StringBuilder();
        int next = 0;
        int last = 0;
        while (m.find()) {
            out.append(format, last, m.start());
            last = m.end();
            char conversion = m.group(5).charAt(0);
            if (conversion == '%') {
                out.append('%');
                continue;
            }
            int index = m.group(1) != null ? Integer.parseInt(m.group(1)) - 1 : next++;
            if (index < 0 || index >= args.size()) {
                throw new IllegalArgumentException("format: too few arguments for '" + format + "'");
            }
            if (m.group(3) != null && (m.group(3).length() > 10 || Long.parseLong(m.group(3)) > maxChars)) {
                throw new LimitExceeded("'format' width " + m.group(3) + " is longer than templates.max_string ("
                        + maxChars + ")");
            }
            out.append(convert(conversion, args.get(index), m.group(2), m.group(3), precision(m.group(4))));
            if (out.length() > maxChars) {
                throw new LimitExceeded("'format' would make a string of more than " + maxChars
                        + " characters (templates.max_string)");
            }
        }
        return out.append(format.substring(last)).toString();
    }

    /** The precision as given, capped to what any conversion can use (so a huge one is never parsed as is). */
    private static String precision(String p) {
        if (p == null) {
            return null;
        }
        return p.length() > 9 ? String.valueOf(Integer.MAX_VALUE) : p;
    }

    private static String convert(char conversion, Object arg, String flags, String width, String precision) {
        boolean left = flags.contains("-");
        boolean plus = flags.contains("+");
        char pad = ' ';
        int quote = flags.indexOf('\'');
        if (quote >= 0) {
            pad = flags.charAt(quote + 1);
        } else if (flags.replaceAll("'.", "").contains("0")) {
            pad = '0';
        }
        double number = TemplateValues.number(arg);
        String body = switch (conversion) {
            case 's' -> {
                String s = TemplateValues.text(arg);
                yield precision != null && Integer.parseInt(precision) < s.length()
                        ? s.substring(0, Integer.parseInt(precision)) : s;
            }
            case 'd', 'u' -> signed((long) number, plus);
            case 'f', 'F' -> {
                String fixed = new BigDecimal(Double.toString(number))
                        .setScale(precision == null ? 6 : floatPrecision(precision), RoundingMode.HALF_UP)
                        .toPlainString();
                yield plus && number >= 0 ? "+" + fixed : fixed;
            }
            case 'e', 'E' -> scientific(number, precision == null ? 6 : floatPrecision(precision), conversion);
            case 'x' -> Long.toHexString((long) number);
            case 'X' -> Long.toHexString((long) number).toUpperCase(Locale.ROOT);
            case 'o' -> Long.toOctalString((long) number);
            case 'b' -> Long.toBinaryString((long) number);
            case 'c' -> String.valueOf((char) (long) number);
            default -> throw new IllegalArgumentException("format: unsupported conversion %" + conversion);
        };
        int w = width == null ? 0 : Integer.parseInt(width);
        if (body.length() >= w) {
            return body;
        }
        String padding = String.valueOf(pad).repeat(w - body.length());
        if (left) {
            return body + (pad == '0' ? " ".repeat(padding.length()) : padding);
        }
        boolean signed = !body.isEmpty() && (body.charAt(0) == '-' || body.charAt(0) == '+');
        return pad == '0' && signed && conversion != 's'
                ? body.charAt(0) + padding + body.substring(1)
                : padding + body;
    }

    private static int floatPrecision(String precision) {
        return Math.min(Integer.parseInt(precision), MAX_FLOAT_PRECISION);
    }

    private static String signed(long n, boolean plus) {
        return plus && n >= 0 ? "+" + n : String.valueOf(n);
    }

    /** PHP's %e: mantissa with the precision, exponent without leading zeros ("1.5e+3"). */
    private static String scientific(double number, int precision, char conversion) {
        String javaForm = String.format(Locale.ROOT, "%." + precision + "e", number);
        int e = javaForm.indexOf('e');
        int exponent = Integer.parseInt(javaForm.substring(e + 1));
        String out = javaForm.substring(0, e) + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
        return conversion == 'E' ? out.toUpperCase(Locale.ROOT) : out;
    }
}
