package dev.switchboard.host.template;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twig 1.x template text rewritten, once per distinct template (the result is parsed and cached), into text
 * Jinjava parses with the same meaning. This is the layer that reads Twig's lexical rules, which Jinjava cannot be
 * configured into:
 * <ul>
 * <li>whitespace exactly as Twig's lexer: {@code {%-}, {@code {{-}, {@code {#-} drop the whitespace before,
 * {@code -%}}, {@code -}}}, {@code -#}} the whitespace after, and one newline after {@code %}} and {@code #}} is
 * dropped (Twig's trim_blocks). Removed newlines are kept inside an empty comment so Jinjava's line numbers (in
 * error messages) stay those of the source;</li>
 * <li>{@code verbatim} and {@code raw} blocks, comments;</li>
 * <li>{@code elseif}, {@code for … if cond}, {@code filter} and {@code spaceless} blocks (rewritten into a block
 * {@code set} and a filtered print), {@code with};</li>
 * <li>every expression in {@code {{ }}}, {@code if}, {@code elseif}, {@code for}, {@code set}, {@code do} and
 * {@code with}, read by {@link TwigExpression}. Text that is not Twig (Jinja forms that templates written for
 * this host used before) is passed through unchanged for Jinjava to read as before.</li>
 * </ul>
 */
final class TwigSource {
    /** Names of the capture variables a {@code filter} or {@code spaceless} block is rewritten into. */
    static final String CAPTURE_PREFIX = "__twig_capture_";
    private static final Pattern RAW_OPEN = Pattern.compile("\\s*(raw|verbatim)\\s*(-?)%}");
    private static final Pattern END_RAW = Pattern.compile("\\{%(-?)\\s*endraw\\s*(-?)%}");
    private static final Pattern END_VERBATIM = Pattern.compile("\\{%(-?)\\s*endverbatim\\s*(-?)%}");
    private static final Pattern TAG_NAME = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)");

    private final String src;
    private final StringBuilder out = new StringBuilder();
    /** Open {@code if} and {@code for} blocks: "if", "for", or "for?" for a loop with a condition still open. */
    private final Deque<String> blocks = new ArrayDeque<>();
    /** Open {@code filter} / {@code spaceless} blocks: the capture name and the filters to apply at the end. */
    private final Deque<String[]> captures = new ArrayDeque<>();
    private int captureCount;
    private int pos;
    /** Whether the text that follows loses its leading whitespace (after a {@code -}} marker). */
    private boolean trimNext;

    private TwigSource(String src) {
        this.src = src;
    }

    /** The Jinjava text for a Twig template (line breaks already LF). */
    static String translate(String template) {
        TwigSource t = new TwigSource(template);
        t.run();
        return t.out.toString();
    }

    private void run() {
        while (pos < src.length()) {
            int open = nextOpen(pos);
            if (open < 0) {
                text(src.substring(pos), false);
                return;
            }
            char kind = src.charAt(open + 1);
            boolean trimBefore = open + 2 < src.length() && src.charAt(open + 2) == '-';
            text(src.substring(pos, open), trimBefore);
            int inner = open + 2 + (trimBefore ? 1 : 0);
            if (kind == '#') {
                comment(open, inner);
            } else if (kind == '{') {
                print(open, inner);
            } else {
                tag(open, inner);
            }
        }
    }

    private int nextOpen(int from) {
        for (int i = src.indexOf('{', from); i >= 0 && i + 1 < src.length(); i = src.indexOf('{', i + 1)) {
            char c = src.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') {
                return i;
            }
        }
        return -1;
    }

    /** Plain text: trimmed at the start after a {@code -}} marker, at the end before a {@code {-} marker. */
    private void text(String text, boolean trimEnd) {
        String[] parts = trim(text, trimNext, trimEnd);
        trimNext = false;
        lines(parts[0]);
        out.append(parts[1]);
        lines(parts[2]);
    }

    /** The whitespace a marker removes at the start, what is kept, and the whitespace removed at the end. */
    private static String[] trim(String text, boolean start, boolean end) {
        int i = 0;
        while (start && i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        int j = text.length();
        while (end && j > i && isSpace(text.charAt(j - 1))) {
            j--;
        }
        return new String[] {text.substring(0, i), text.substring(i, j), text.substring(j)};
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0' || c == 0x0B;
    }

    /** Keeps the line breaks of removed text as an empty comment, so later line numbers stay right. */
    private void lines(String removed) {
        long n = removed.chars().filter(c -> c == '\n').count();
        if (n > 0) {
            out.append("{#").append("\n".repeat((int) n)).append("#}");
        }
    }

    /**
     * Where a tag closes ({@code close} is "}}", "%}" or "#}"): as Twig's lexer, outside strings and brackets, so
     * {@code {{ {'a': {'b': 1}} }}} ends at the last {@code }}}. When brackets never balance, the first close
     * outside strings; -1 when there is none.
     */
    private int closing(int from, String close) {
        boolean expression = !close.equals("#}");
        char quote = 0;
        int depth = 0;
        int firstClose = -1;
        for (int i = from; i < src.length(); i++) {
            char c = src.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (src.startsWith(close, i)) {
                if (depth <= 0 || !expression) {
                    return i;
                }
                if (firstClose < 0) {
                    firstClose = i;
                }
            }
            if (!expression) {
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        return firstClose;
    }

    /** The unclosed rest is kept as text: {@link TemplateSyntax} names it. */
    private void unclosed(int open) {
        out.append(src.substring(open));
        pos = src.length();
    }

    /** The end of a tag whose body is {@code [inner, end)}: returns the body without a trailing {@code -}. */
    private String body(int inner, int end) {
        boolean trimAfter = end > inner && src.charAt(end - 1) == '-';
        trimNext = trimAfter;
        return src.substring(inner, trimAfter ? end - 1 : end);
    }

    /** After {@code %}} or {@code #}} without {@code -}: one newline is dropped (kept as a comment). */
    private void dropNewline() {
        if (!trimNext && pos < src.length() && src.charAt(pos) == '\n') {
            pos++;
            lines("\n");
        }
    }

    /** The body of the tag opened at {@code open}, the cursor moved past its close; null when it is never closed. */
    private String enclosed(int open, int inner, String close) {
        int end = closing(inner, close);
        if (end < 0) {
            unclosed(open);
            return null;
        }
        String body = body(inner, end);
        pos = end + close.length();
        return body;
    }

    private void comment(int open, int inner) {
        String body = enclosed(open, inner, "#}");
        if (body != null) {
            lines(body);
            dropNewline();
        }
    }

    private void print(int open, int inner) {
        String body = enclosed(open, inner, "}}");
        if (body != null) {
            out.append("{{ ").append(expression(body)).append(newlines(body)).append(" }}");
        }
    }

    private static String newlines(String text) {
        return "\n".repeat((int) text.chars().filter(c -> c == '\n').count());
    }

    /** The expression in Jinjava's terms, or as written when it is not Twig (Jinjava then reads or refuses it). */
    private static String expression(String twig) {
        try {
            return TwigExpression.translate(twig);
        } catch (TwigExpression.NotTwig e) {
            return twig.trim();
        }
    }

    private void tag(int open, int inner) {
        Matcher raw = RAW_OPEN.matcher(src).region(inner, src.length());
        if (raw.lookingAt()) {
            verbatim(raw);
            return;
        }
        String body = enclosed(open, inner, "%}");
        if (body == null) {
            return;
        }
        Matcher nameMatch = TAG_NAME.matcher(body);
        String name = nameMatch.lookingAt() ? nameMatch.group(1) : "";
        String args = nameMatch.lookingAt() ? body.substring(nameMatch.end()) : body;
        String nl = newlines(body);
        switch (name) {
            case "if" -> {
                blocks.push("if");
                emitTag("if " + expression(args) + nl);
            }
            case "elseif", "elif" -> emitTag("elif " + expression(args) + nl);
            case "else" -> {
                if ("for?".equals(blocks.peek())) {
                    blocks.pop();
                    blocks.push("for");
                    emitTag("endif");
                }
                emitTag("else" + nl);
            }
            case "endif" -> {
                popBlock("if");
                emitTag("endif" + nl);
            }
            case "for" -> forTag(args, nl);
            case "endfor" -> {
                if ("for?".equals(popBlock("for"))) {
                    emitTag("endif");
                }
                emitTag("endfor" + nl);
            }
            case "set" -> emitTag("set " + setArgs(args) + nl);
            case "do" -> emitTag("do " + expression(args) + nl);
            case "with" -> emitTag("with " + (args.isBlank() ? "" : withArgs(args)) + nl);
            case "filter" -> capture(args, nl);
            case "spaceless" -> capture("spaceless", nl);
            case "endfilter", "endspaceless" -> endCapture(nl);
            default -> emitTag(body.strip());
        }
        dropNewline();
    }

    private String popBlock(String kind) {
        String top = blocks.peek();
        if (top != null && top.startsWith(kind)) {
            return blocks.pop();
        }
        return null;
    }

    private void emitTag(String body) {
        out.append("{% ").append(body).append(" %}");
    }

    /** {@code for k, v in seq if cond}: the items are those the condition keeps, so {@code loop} counts them. */
    private void forTag(String args, String nl) {
        TwigExpression.ForHead head;
        try {
            head = TwigExpression.forHead(args);
        } catch (TwigExpression.NotTwig e) {
            blocks.push("for");
            emitTag("for " + args.strip() + nl);
            return;
        }
        String sequence = head.condition() == null ? head.sequence()
                : "twig_loop_if(" + head.sequence() + ", " + TwigExpression.literal(head.variables()) + ", "
                        + TwigExpression.literal(head.condition()) + ")";
        emitTag("for " + head.variables() + " in " + sequence + nl);
        blocks.push("for");
    }

    /** {@code set a = x}, {@code set a, b = x, y}, or the block form {@code set a}. */
    private static String setArgs(String args) {
        int eq = assignment(args);
        if (eq < 0) {
            return args.strip();
        }
        String targets = args.substring(0, eq).strip();
        String value = args.substring(eq + 1);
        if (!targets.contains(",")) {
            return targets + " = " + expression(value);
        }
        try {
            return targets + " = " + String.join(", ", TwigExpression.translateList(value));
        } catch (TwigExpression.NotTwig e) {
            return args.strip();
        }
    }

    /** {@code with expr [only]}: the expression translated, {@code only} kept for the tag. */
    private static String withArgs(String args) {
        String a = args.strip();
        boolean only = a.endsWith(" only") || a.equals("only");
        if (only) {
            a = a.substring(0, a.length() - 4).strip();
        }
        return (a.isEmpty() ? "" : expression(a)) + (only ? " only" : "");
    }

    /** The {@code =} of {@code set name = value} outside strings, or -1. */
    private static int assignment(String args) {
        char quote = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '=' && (i + 1 >= args.length() || args.charAt(i + 1) != '=')
                    && (i == 0 || "=!<>".indexOf(args.charAt(i - 1)) < 0)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code filter f|g} / {@code spaceless}: the body is captured in a block set, printed filtered at the end. */
    private void capture(String filters, String nl) {
        String name = CAPTURE_PREFIX + (++captureCount);
        captures.push(new String[] {name, filters.strip()});
        emitTag("set " + name + nl);
    }

    private void endCapture(String nl) {
        String[] open = captures.poll();
        if (open == null) {
            emitTag("endfilter" + nl); // Jinjava refuses the stray end tag, naming it
            return;
        }
        emitTag("endset" + nl);
        String filters = open[1].equals("spaceless") ? "twig_spaceless" : open[1];
        out.append("{{ ").append(expression(open[0] + "|" + filters)).append(" }}");
    }

    /** {@code verbatim} / {@code raw}: the text up to the end tag, printed as written (Twig eats no newline here). */
    private void verbatim(Matcher openTag) {
        String kind = openTag.group(1);
        trimNext = !openTag.group(2).isEmpty();
        Matcher m = (kind.equals("raw") ? END_RAW : END_VERBATIM).matcher(src).region(openTag.end(), src.length());
        if (!m.find()) {
            emitTag("raw"); // Jinjava names the missing end tag
            pos = openTag.end();
            return;
        }
        String[] parts = trim(src.substring(openTag.end(), m.start()), trimNext, !m.group(1).isEmpty());
        trimNext = false;
        lines(parts[0]);
        if (!parts[1].isEmpty()) {
            out.append("{% raw %}").append(parts[1]).append("{% endraw %}");
        }
        lines(parts[2]);
        trimNext = !m.group(2).isEmpty();
        pos = m.end();
    }
}
