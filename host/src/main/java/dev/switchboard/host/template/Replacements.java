package dev.switchboard.host.template;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * How long the text of a {@code replace} or {@code regex_replace} would become, counted before anything is built:
 * replacing each {@code a} of a megabyte with a megabyte is a terabyte.
 */
final class Replacements {
    private Replacements() {
    }

    /** The length after replacing every {@code old} with {@code replacement} (nothing changes when old is empty). */
    static long literal(String text, String old, String replacement) {
        if (old.isEmpty()) {
            return text.length();
        }
        long count = 0;
        for (int i = text.indexOf(old); i >= 0; i = text.indexOf(old, i + old.length())) {
            count++;
        }
        return text.length() + count * (replacement.length() - (long) old.length());
    }

    /**
     * At most the length after {@code regex_replace} (RE2 syntax, as Jinjava's filter; linear time): each match
     * becomes the replacement, whose {@code $n} references are counted as the whole match. 0 when the pattern does
     * not compile (the filter itself reports that).
     */
    static long regex(String text, String regex, String replacement) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return 0;
        }
        long references = 0;
        for (int i = 0; i + 1 < replacement.length(); i++) {
            char next = replacement.charAt(i + 1);
            if (replacement.charAt(i) == '$' && (Character.isDigit(next) || next == '{')) {
                references++;
            }
        }
        long literal = replacement.length() - 2 * references;
        long total = text.length();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            long matched = m.end() - m.start();
            total += literal + references * matched - matched;
        }
        return total;
    }
}
