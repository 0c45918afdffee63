package dev.switchboard.host.storage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.SqlParser;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The SQL parser of the host's Jdbi instances: a hand-written scanner with exactly the rules of Jdbi's default
 * {@code ColonPrefixSqlParser} of Jdbi 3.50 (its ANTLR grammar {@code ColonStatementLexer.g4}, as compiled into
 * that jar), so every statement binds as before. {@code TestColonSqlParser} checks it against Jdbi's parser.
 *
 * <p>Why it exists: a start profile (issue 16, item 5) showed the default parser's ANTLR lexer costing the start
 * about 40 ms of main-thread CPU for its ~100 distinct statements, and its ATN simulation getting hot enough that C2
 * spent 100+ ms compiling it, on a 2-core machine where the compiler threads compete with the start. A direct
 * scan is a few small methods instead of an ATN simulation.
 *
 * <p>The rules (ANTLR's longest match, the earlier rule winning a tie), tried at each position:
 * <ul>
 *   <li>{@code /*} up to the first following {@code *&#47;} is copied as is (a comment; colons inside are text);
 *       without a closing {@code *&#47;} the {@code /} is plain text and scanning goes on after it;
 *   <li>{@code --} and {@code //} up to the end of the line (the line break not included): copied as is;
 *   <li>{@code '} up to the last closing {@code '} reachable, where a {@code '} preceded by a backslash may also be
 *       part of the text: copied as is; with none, the {@code '} is plain text;
 *   <li>{@code "} followed by one or more characters other than {@code "} and a closing {@code "}: copied as is;
 *       otherwise the {@code "} is plain text;
 *   <li>a backslash followed by any character: that character, the backslash dropped (a trailing backslash stays);
 *   <li>{@code ::} and {@code ??}: copied as is;
 *   <li>{@code :} followed by one or more name parts ({@code a-z A-Z 0-9 $ _ .}, the pair {@code ?.},
 *       or any character outside ASCII but an unpaired high surrogate; not {@code #}): a named parameter,
 *       replaced by {@code ?};
 *   <li>{@code ?}: a positional parameter;
 *   <li>anything else: one character copied as is.
 * </ul>
 * Nothing is a lexing error, as in Jdbi's lexer: an unterminated quote or comment leaves its opening character as
 * plain text and the scan goes on after it (parameters after it still count). A statement mixing named and
 * positional parameters fails as it does with Jdbi's parser, when {@link ParsedSql.Builder#build()} refuses it.
 *
 * <p>Parsed statements are cached per SQL string, as Jdbi's caching parser does; the statements come from code, so
 * the cache holds a few hundred at most, and a bound keeps a bug that builds SQL from data from growing the heap.
 */
final class ColonSqlParser implements SqlParser {
    /** Jdbi's own cache size for parsed SQL. */
    static final int CACHE_SIZE = 1_000;

    private final Map<String, ParsedSql> cache = new ConcurrentHashMap<>();

    @Override
    public ParsedSql parse(String sql, StatementContext ctx) {
        ParsedSql parsed = cache.get(sql);
        if (parsed == null) {
            parsed = parse(sql);
            if (cache.size() >= CACHE_SIZE) {
                cache.clear(); // only reached if SQL is built from data: start over rather than grow
            }
            cache.put(sql, parsed);
        }
        return parsed;
    }

    @Override
    public String nameParameter(String rawName, StatementContext ctx) {
        return ":" + rawName;
    }

    /** Parses without the cache. */
    static ParsedSql parse(String sql) {
        ParsedSql.Builder out = ParsedSql.builder();
        int n = sql.length();
        int text = 0; // start of the plain text not yet appended
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int end; // end (exclusive) of a token copied as is, or -1
            switch (c) {
                case '/' -> end = i + 1 < n && sql.charAt(i + 1) == '/' ? lineEnd(sql, i) : commentEnd(sql, i);
                case '-' -> end = i + 1 < n && sql.charAt(i + 1) == '-' ? lineEnd(sql, i) : -1;
                case '\'' -> end = quotedEnd(sql, i);
                case '"' -> end = doubleQuotedEnd(sql, i);
                case '\\' -> {
                    if (i + 1 < n) {
                        flush(out, sql, text, i);
                        text = i + 1; // the escaped character starts the next plain text
                        i += 2;
                        continue;
                    }
                    end = -1;
                }
                case ':' -> {
                    if (i + 1 < n && sql.charAt(i + 1) == ':') {
                        end = i + 2;
                    } else {
                        int nameEnd = nameEnd(sql, i + 1);
                        if (nameEnd > i + 1) {
                            flush(out, sql, text, i);
                            out.appendNamedParameter(sql.substring(i + 1, nameEnd));
                            text = i = nameEnd;
                            continue;
                        }
                        end = -1;
                    }
                }
                case '?' -> {
                    if (i + 1 < n && sql.charAt(i + 1) == '?') {
                        end = i + 2;
                    } else {
                        flush(out, sql, text, i);
                        out.appendPositionalParameter();
                        text = ++i;
                        continue;
                    }
                }
                default -> end = -1;
            }
            i = end < 0 ? i + 1 : end;
        }
        flush(out, sql, text, n);
        return out.build();
    }

    private static void flush(ParsedSql.Builder out, String sql, int from, int to) {
        if (to > from) {
            out.append(sql.substring(from, to));
        }
    }

    /** The end of the line comment starting at {@code i}: the line's end, its line break excluded. */
    private static int lineEnd(String sql, int i) {
        int j = i + 2;
        while (j < sql.length() && sql.charAt(j) != '\n' && sql.charAt(j) != '\r') {
            j++;
        }
        return j;
    }

    /** The end of the block comment starting at {@code i}, or -1 if none starts there. */
    private static int commentEnd(String sql, int i) {
        if (i + 1 >= sql.length() || sql.charAt(i + 1) != '*') {
            return -1;
        }
        int close = sql.indexOf("*/", i + 2);
        return close < 0 ? -1 : close + 2;
    }

    /**
     * The end of the quoted text starting at {@code i}: the grammar's text is any mix of {@code \'} and characters
     * other than {@code '}, so a quote preceded by a backslash may close the text or belong to it (the longest
     * match wins), and the first quote without a backslash before it must close it.
     */
    private static int quotedEnd(String sql, int i) {
        int end = -1;
        for (int j = i + 1; j < sql.length(); j++) {
            if (sql.charAt(j) == '\'') {
                end = j + 1;
                if (j - 1 <= i || sql.charAt(j - 1) != '\\') {
                    break;
                }
            }
        }
        return end;
    }

    /** The end of the quoted identifier (at least one character) starting at {@code i}, or -1. */
    private static int doubleQuotedEnd(String sql, int i) {
        int close = sql.indexOf('"', i + 1);
        return close > i + 1 ? close + 1 : -1;
    }

    /** The end of the parameter name starting at {@code i} ({@code i} itself if there is none). */
    private static int nameEnd(String sql, int i) {
        int j = i;
        for (int part = namePart(sql, j); part > 0; part = namePart(sql, j)) {
            j += part;
        }
        return j;
    }

    /**
     * The length of the name part at {@code j}, or 0: {@code [a-zA-Z0-9$_.]}, the pair {@code ?.}, or (the
     * grammar's Java letter) any code point outside ASCII but an unpaired high surrogate.
     */
    private static int namePart(String sql, int j) {
        if (j >= sql.length()) {
            return 0;
        }
        char c = sql.charAt(j);
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                || c == '$') {
            return 1;
        }
        if (c == '?') {
            return j + 1 < sql.length() && sql.charAt(j + 1) == '.' ? 2 : 0;
        }
        if (c < 0x80) {
            return 0;
        }
        if (Character.isHighSurrogate(c)) {
            return j + 1 < sql.length() && Character.isLowSurrogate(sql.charAt(j + 1)) ? 2 : 0;
        }
        return 1;
    }
}
