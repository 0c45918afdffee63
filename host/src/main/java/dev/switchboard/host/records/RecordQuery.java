package dev.switchboard.host.records;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The part of Cerb's search query language ({@code isDisabled:n name:"Acme Inc" importance:>50}) that record
 * searches here understand: {@code key:value} terms joined by AND, a value quoted, a list {@code [a,b]}, negated
 * with {@code !}, compared with {@code > < >= <=} (numbers and dates), {@code *} as a wildcard in text; words without
 * a key match the record's label (contains); and {@code limit:}, {@code page:}, {@code sort:} ({@code -} for
 * descending). Anything else (OR, parentheses, unknown keys) is refused naming the term, never read as "match all".
 */
record RecordQuery(List<Term> terms, int limit, int page, String sort, boolean descending) {
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 500;

    /** One condition; {@code key} null for the label search. */
    record Term(String key, String op, List<String> values, boolean negated) {
    }

    /** A WHERE clause (starting with {@code WHERE}, or empty) and its arguments. */
    record Where(String sql, List<Object> args) {
    }

    static RecordQuery parse(String text) {
        List<Term> terms = new ArrayList<>();
        int limit = DEFAULT_LIMIT;
        int page = 1;
        String sort = null;
        boolean descending = false;
        String q = text == null ? "" : text;
        int i = 0;
        while (i < q.length()) {
            if (Character.isWhitespace(q.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            String key = null;
            int colon = -1;
            while (i < q.length() && !Character.isWhitespace(q.charAt(i)) && q.charAt(i) != '"'
                    && q.charAt(i) != '[') {
                if (q.charAt(i) == ':' && colon < 0) {
                    colon = i;
                    i++;
                    break;
                }
                i++;
            }
            if (colon >= 0) {
                key = q.substring(start, colon);
            } else {
                i = start;
            }
            int[] end = new int[1];
            List<String> values = new ArrayList<>();
            boolean negated = false;
            String op = "=";
            if (i < q.length() && q.charAt(i) == '!') {
                negated = true;
                i++;
            }
            if (key != null) {
                for (String o : List.of(">=", "<=", ">", "<")) {
                    if (q.startsWith(o, i)) {
                        op = o;
                        i += o.length();
                        break;
                    }
                }
            }
            if (i < q.length() && q.charAt(i) == '[') {
                int close = q.indexOf(']', i);
                if (close < 0) {
                    throw new BadRecordException("search query: '[' without ']' in '" + q.substring(start) + "'");
                }
                for (String v : q.substring(i + 1, close).split(",")) {
                    values.add(unquote(v.strip()));
                }
                i = close + 1;
            } else {
                values.add(value(q, i, end));
                i = end[0];
            }
            String term = q.substring(start, i);
            if (key == null) {
                String word = values.get(0);
                if (!negated && (word.equals("OR") || word.equals("AND") || word.startsWith("(")
                        || word.endsWith(")"))) {
                    throw new BadRecordException("search query: '" + term + "' is not supported here (terms are"
                            + " joined by AND; no OR or parentheses)");
                }
                if (!word.equals("AND")) {
                    terms.add(new Term(null, "=", values, negated));
                }
                continue;
            }
            switch (key.toLowerCase(Locale.ROOT)) {
                case "limit" -> limit = number(term, values, 1, MAX_LIMIT);
                case "page" -> page = number(term, values, 1, 1_000_000);
                case "sort" -> {
                    String s = values.get(0);
                    descending = s.startsWith("-");
                    sort = s.replaceFirst("^[-+]", "");
                }
                default -> {
                    if (key.isEmpty()) {
                        throw new BadRecordException("search query: '" + term + "' has no key before ':'");
                    }
                    terms.add(new Term(key, op, values, negated));
                }
            }
        }
        return new RecordQuery(List.copyOf(terms), limit, page, sort, descending);
    }

    private static String value(String q, int i, int[] end) {
        if (i < q.length() && q.charAt(i) == '"') {
            int close = q.indexOf('"', i + 1);
            if (close < 0) {
                throw new BadRecordException("search query: a quote is not closed in '" + q.substring(i) + "'");
            }
            end[0] = close + 1;
            return q.substring(i + 1, close);
        }
        int j = i;
        while (j < q.length() && !Character.isWhitespace(q.charAt(j))) {
            j++;
        }
        end[0] = j;
        return q.substring(i, j);
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private static int number(String term, List<String> values, int min, int max) {
        String v = values.get(0);
        if (values.size() != 1 || !v.matches("\\d{1,7}") || Integer.parseInt(v) < min || Integer.parseInt(v) > max) {
            throw new BadRecordException("search query: '" + term + "' must be a number from " + min + " to " + max);
        }
        return Integer.parseInt(v);
    }

    /**
     * The WHERE clause over {@code fields} (by their search keys, case-insensitive, and {@code id}); the label
     * words search {@code labelColumn}.
     */
    Where where(Map<String, RecordField> bySearchKey, String labelColumn, String type, Clock clock) {
        List<String> parts = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        for (Term t : terms) {
            if (t.key() == null) {
                parts.add((t.negated() ? "NOT " : "") + "LOWER(" + labelColumn + ") LIKE ? ESCAPE '!'");
                args.add("%" + like(t.values().get(0).toLowerCase(Locale.ROOT)) + "%");
                continue;
            }
            RecordField f = bySearchKey.get(t.key().toLowerCase(Locale.ROOT));
            if (f == null) {
                throw new BadRecordException("search query: " + type + " has no search key '" + t.key()
                        + "'; its keys are " + String.join(", ", bySearchKey.values().stream()
                        .map(RecordField::searchKey).toList()));
            }
            boolean text = f.kind() instanceof RecordField.Text || f.kind() instanceof RecordField.Email;
            if (!t.op().equals("=") && text) {
                throw new BadRecordException("search query: '" + t.key() + t.op() + "' compares text; use "
                        + t.key() + ":value");
            }
            List<String> alternatives = new ArrayList<>();
            for (String v : t.values()) {
                if (text) {
                    alternatives.add("LOWER(" + f.column() + ") LIKE ? ESCAPE '!'");
                    args.add(like(v.toLowerCase(Locale.ROOT)).replace('*', '%'));
                } else {
                    alternatives.add(f.column() + " " + t.op() + " ?");
                    args.add(parse(f, v, clock));
                }
            }
            String any = alternatives.size() == 1 ? alternatives.get(0) : "(" + String.join(" OR ", alternatives) + ")";
            parts.add(t.negated() ? "NOT " + any : any);
        }
        return new Where(parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts), args);
    }

    private static Object parse(RecordField f, String value, Clock clock) {
        try {
            return f.parse(value, clock);
        } catch (BadRecordException e) {
            throw new BadRecordException("search query: " + e.getMessage());
        }
    }

    /**
     * Escapes LIKE's own wildcards with {@code !} (not a backslash, which Jdbi's statement lexer reads as escaping
     * the closing quote when a clause has two); {@code *} stays for the caller to turn into {@code %}.
     */
    private static String like(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
