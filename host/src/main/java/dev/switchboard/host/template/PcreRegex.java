package dev.switchboard.host.template;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * PHP's preg patterns in Java, for template helpers and behavior conditions alike: delimiters ({@code /x/i},
 * {@code #x#}, {@code {x}}) and the flags i, m, s, x, u; PCRE's U, D and A have no safe Java equivalent and are
 * accepted and ignored. Matching reads the subject through a view that stops once the render's time is up, because a backtracking
 * pattern on untrusted text never looks at the thread's interrupt by itself.
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

    static Matcher matcher(Pattern pattern, String subject) {
        return pattern.matcher(new Interruptible(subject));
    }

    /** A subject that fails the match once the rendering thread is interrupted (the render deadline passed). */
    private record Interruptible(String s) implements CharSequence {
        @Override
        public char charAt(int index) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("template stopped: out of time");
            }
            return s.charAt(index);
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return s.substring(start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }
}
