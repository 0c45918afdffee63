package dev.switchboard.host.packages;

import java.util.ArrayList;
import java.util.List;

/**
 * PHP's {@code version_compare}, which Cerb's importer uses for {@code requires.cerb_version}: {@code -}, {@code _}
 * and {@code +} separate like {@code .}, a change between digits and letters separates too, numbers compare as
 * numbers, and words rank by prefix {@code dev < alpha = a < beta = b < RC = rc < # < pl = p} (a number is
 * {@code #}; any other word ranks below {@code dev}). So {@code 8.3.10 > 8.3.4} and {@code 9.0.0-beta < 9.0.0}.
 */
final class PhpVersion {
    private static final String[] FORMS = {"dev", "alpha", "a", "beta", "b", "RC", "rc", "#", "pl", "p"};
    private static final int[] RANKS = {0, 1, 1, 2, 2, 3, 3, 4, 5, 5};

    private PhpVersion() {
    }

    /** @return negative, zero or positive as {@code a} is older than, equal to or newer than {@code b} */
    static int compare(String a, String b) {
        List<String> x = parts(a);
        List<String> y = parts(b);
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            // A missing part is older than a number and ranks as "#" against a word (so 9.0 > 9.0-beta).
            if (i >= x.size()) {
                return isNumber(y.get(i)) ? -1 : Integer.compare(rank("#"), rank(y.get(i)));
            }
            if (i >= y.size()) {
                return isNumber(x.get(i)) ? 1 : Integer.compare(rank(x.get(i)), rank("#"));
            }
            int c = part(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int part(String p, String q) {
        boolean pn = isNumber(p);
        boolean qn = isNumber(q);
        if (pn && qn) {
            return new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q));
        }
        return Integer.compare(rank(pn ? "#" : p), rank(qn ? "#" : q));
    }

    /** PHP's special forms, matched as prefixes in PHP's order; any other word ranks lowest. */
    private static int rank(String word) {
        for (int i = 0; i < FORMS.length; i++) {
            if (word.startsWith(FORMS[i])) {
                return RANKS[i];
            }
        }
        return -1;
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    /** PHP's canonical form, split: separators become one break, and digits and non-digits are broken apart. */
    private static List<String> parts(String version) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int kind = 0; // 1 digit, 2 other
        for (char c : version.trim().toCharArray()) {
            if (c == '.' || c == '-' || c == '_' || c == '+') {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                kind = 0;
                continue;
            }
            int k = Character.isDigit(c) ? 1 : 2;
            if (kind != 0 && k != kind && cur.length() > 0) {
                out.add(cur.toString());
                cur.setLength(0);
            }
            cur.append(c);
            kind = k;
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }
}
