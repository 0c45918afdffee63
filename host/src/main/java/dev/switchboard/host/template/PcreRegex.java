package dev.switchboard.host.template;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * PHP's preg patterns in Java, for template helpers and behavior conditions alike: delimiters ({@code /x/i},
 * {@code #x#}, {@code {x}}) and the flags i, m, s, x, u; PCRE's U, D and A have no safe Java equivalent and are
 * accepted and ignored. Matching reads the subject through a view that stops once the render's (or the condition's)
 * deadline passed, because a backtracking pattern on untrusted text never looks at the clock by itself.
 */
public final class PcreRegex {
    private PcreRegex() {
    }

    /** @throws IllegalArgumentException naming what is wrong with the pattern */
    public static Pattern compile(String spec) {
        String s = spec.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty regular expression");
        }
        char open = s.charAt(0);
        if (Character.isLetterOrDigit(open) || open == '\\' || Character.isWhitespace(open)) {
            throw new IllegalArgumentException("regular expression needs delimiters, e.g. /" + s + "/");
        }
        char close = switch (open) {
            case '(' -> ')';
            case '[' -> ']';
            case '{' -> '}';
            case '<' -> '>';
            default -> open;
        };
        int end = s.lastIndexOf(close);
        if (end <= 0) {
            throw new IllegalArgumentException("regular expression has no ending delimiter '" + close + "'");
        }
        int flags = 0;
        for (char f : s.substring(end + 1).toCharArray()) {
            flags |= switch (f) {
                case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> Pattern.MULTILINE;
                case 's' -> Pattern.DOTALL;
                case 'x' -> Pattern.COMMENTS;
                case 'u' -> Pattern.UNICODE_CHARACTER_CLASS;
                case 'U', 'D', 'A' -> 0;
                default -> throw new IllegalArgumentException("unknown regular expression modifier '" + f + "'");
            };
        }
        try {
            return Pattern.compile(s.substring(1, end), flags);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression: " + e.getDescription());
        }
    }

    /** A matcher over the subject that stops when the current render's time is up. */
    static Matcher matcher(Pattern pattern, String subject) {
        return pattern.matcher(RenderDeadline.current().guard(subject));
    }
}
