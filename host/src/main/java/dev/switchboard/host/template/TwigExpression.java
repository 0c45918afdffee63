package dev.switchboard.host.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Twig 1.x expression read with Twig's own grammar (its operators, precedences and associativity, tests, filters,
 * named arguments, {@code "#{…}"} interpolation, hash keys, trailing commas) and written out as a fully
 * parenthesised Jinjava expression. Operators Jinjava lacks or reads differently become calls of the
 * {@link TwigOperators} functions, so Jinjava's own precedences never matter. Runs when a template is parsed (the
 * result is cached with the parsed template), never per render.
 *
 * <p>Text that is not a Twig expression throws {@link NotTwig}; the caller then passes it to Jinjava as written.
 */
final class TwigExpression {
    /** Not a Twig expression (the caller hands the text to Jinjava unchanged). */
    static final class NotTwig extends Exception {
        private static final long serialVersionUID = 1L;

        NotTwig(String message) {
            super(message, null, false, false);
        }
    }

    /** The parts of a {@code for} tag. */
    record ForHead(String variables, String sequence, String condition) {
    }

    /** Twig 1.x binary operators: precedence, and whether right-associative. */
    private record Op(int precedence, boolean right) {
    }

    private static final Map<String, Op> BINARY = Map.ofEntries(
            Map.entry("or", new Op(10, false)), Map.entry("and", new Op(15, false)),
            Map.entry("b-or", new Op(16, false)), Map.entry("b-xor", new Op(17, false)),
            Map.entry("b-and", new Op(18, false)),
            Map.entry("==", new Op(20, false)), Map.entry("!=", new Op(20, false)), Map.entry("<", new Op(20, false)),
            Map.entry(">", new Op(20, false)), Map.entry(">=", new Op(20, false)), Map.entry("<=", new Op(20, false)),
            Map.entry("not in", new Op(20, false)), Map.entry("in", new Op(20, false)),
            Map.entry("matches", new Op(20, false)), Map.entry("starts with", new Op(20, false)),
            Map.entry("ends with", new Op(20, false)),
            Map.entry("..", new Op(25, false)), Map.entry("+", new Op(30, false)), Map.entry("-", new Op(30, false)),
            Map.entry("~", new Op(40, false)), Map.entry("*", new Op(60, false)), Map.entry("/", new Op(60, false)),
            Map.entry("//", new Op(60, false)), Map.entry("%", new Op(60, false)),
            Map.entry("is", new Op(100, false)), Map.entry("is not", new Op(100, false)),
            Map.entry("**", new Op(200, true)), Map.entry("??", new Op(300, true)));
    /** Longest first, so {@code not in} wins over {@code not} and {@code **} over {@code *}. */
    private static final String[] OPERATORS = {"starts with", "ends with", "not in", "is not", "b-and", "b-xor",
        "b-or", "matches", "and", "not", "or", "in", "is", "..", "==", "!=", "<=", ">=", "//", "**", "??", "<", ">",
        "+", "-", "~", "*", "/", "%"};
    /** Jinjava's names for Twig's operators that it has with the same meaning. */
    private static final Set<String> NATIVE = Set.of("==", "!=", "<", ">", ">=", "<=", "in", "+", "-", "~", "*", "/",
            "%");
    /** Names the expression language reserves, which cannot follow a dot. */
    private static final Set<String> RESERVED = Set.of("and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge", "div",
            "mod", "empty", "instanceof", "true", "false", "null", "in", "is");

    /** Twig's parameter names of the core filters and functions, for named arguments. */
    private static final Map<String, List<String>> FILTER_PARAMS = Map.ofEntries(
            Map.entry("date", List.of("format", "timezone")), Map.entry("date_modify", List.of("modifier")),
            Map.entry("replace", List.of("from", "to")),
            Map.entry("number_format", List.of("decimal", "decimal_point", "thousand_sep")),
            Map.entry("round", List.of("precision", "method")), Map.entry("json_encode", List.of("options")),
            Map.entry("convert_encoding", List.of("to", "from")), Map.entry("striptags", List.of("allowable_tags")),
            Map.entry("trim", List.of("character_mask", "side")), Map.entry("join", List.of("glue")),
            Map.entry("split", List.of("delimiter", "limit")), Map.entry("merge", List.of("arr")),
            Map.entry("batch", List.of("size", "fill")), Map.entry("reverse", List.of("preserve_keys")),
            Map.entry("slice", List.of("start", "length", "preserve_keys")), Map.entry("default", List.of("default")),
            Map.entry("escape", List.of("strategy", "charset")), Map.entry("e", List.of("strategy", "charset")));
    private static final Map<String, List<String>> FUNCTION_PARAMS = Map.of(
            "date", List.of("date", "timezone"), "range", List.of("low", "high", "step"),
            "cycle", List.of("values", "position"), "random", List.of("values", "max"),
            "attribute", List.of("object", "item", "arguments"));
    /** Twig functions whose Jinjava name differs (Jinjava's own {@code range} excludes the end). */
    private static final Map<String, String> FUNCTION_NAMES = Map.of("range", "twig_range");

    /** A translated expression; name / object+key are set when it is a plain variable / an attribute read. */
    /**
     * A translated expression; name / object+key are set when it is a plain variable / an attribute read, and safe
     * is the same read that gives null instead of failing on a missing level (for {@code ??}).
     */
    private record Node(String code, String name, String object, String key, String safe) {
        static Node of(String code) {
            return new Node(code, null, null, null, code);
        }

        static Node attribute(String code, Node object, String key) {
            return new Node(code, null, object.code(), key, "twig_attr(" + object.safe() + ", " + key + ")");
        }
    }

    private final String s;
    private int pos;
    /** The last {@code x|json_encode} read (without arguments) and its {@code x}, to spot {@code |json_pretty} after it. */
    private Node jsonEncoded;
    private String jsonEncodedInput;

    private TwigExpression(String s) {
        this.s = s;
    }

    /** A whole expression in Jinjava's terms. */
    static String translate(String twig) throws NotTwig {
        TwigExpression p = new TwigExpression(twig);
        String code = p.parseExpression(0).code();
        p.expectEnd();
        return code;
    }

    /** A comma-separated list of expressions ({@code set a, b = x, y}). */
    static List<String> translateList(String twig) throws NotTwig {
        TwigExpression p = new TwigExpression(twig);
        List<String> out = new ArrayList<>();
        do {
            out.add(p.parseExpression(0).code());
        } while (p.punct(','));
        p.expectEnd();
        return out;
    }

    /** {@code k, v in seq if cond}. */
    static ForHead forHead(String twig) throws NotTwig {
        TwigExpression p = new TwigExpression(twig);
        List<String> vars = new ArrayList<>();
        do {
            vars.add(p.name());
        } while (p.punct(','));
        if (!p.word("in")) {
            throw new NotTwig("expected 'in'");
        }
        String seq = p.parseExpression(0).code();
        String cond = null;
        if (p.word("if")) {
            cond = p.parseExpression(0).code();
        }
        p.expectEnd();
        return new ForHead(String.join(", ", vars), seq, cond);
    }

    // ------------------------------------------------------------------------------------------------- lexing

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private void expectEnd() throws NotTwig {
        skipSpace();
        if (pos < s.length()) {
            throw new NotTwig("unexpected '" + s.substring(pos) + "'");
        }
    }

    private boolean punct(char c) {
        skipSpace();
        if (pos < s.length() && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean peekPunct(char c) {
        skipSpace();
        return pos < s.length() && s.charAt(pos) == c;
    }

    private void expect(char c) throws NotTwig {
        if (!punct(c)) {
            throw new NotTwig("expected '" + c + "'");
        }
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_' || c >= 0x7f;
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c >= 0x7f;
    }

    private String name() throws NotTwig {
        skipSpace();
        if (pos >= s.length() || !isNameStart(s.charAt(pos))) {
            throw new NotTwig("expected a name");
        }
        int start = pos;
        while (pos < s.length() && isNamePart(s.charAt(pos))) {
            pos++;
        }
        return s.substring(start, pos);
    }

    /** The keyword {@code w} as a whole word. */
    private boolean word(String w) {
        skipSpace();
        if (s.startsWith(w, pos) && (pos + w.length() >= s.length() || !isNamePart(s.charAt(pos + w.length())))) {
            pos += w.length();
            return true;
        }
        return false;
    }

    /** The binary operator at the cursor (not consumed), with the length it spans, or null. */
    private String[] peekOperator() {
        skipSpace();
        for (String op : OPERATORS) {
            int end = matchOperator(op, pos);
            if (end > 0) {
                return new String[] {op, String.valueOf(end)};
            }
        }
        return null;
    }

    /** Where {@code op} ends when it starts at {@code at}, or -1; word operators need word boundaries. */
    private int matchOperator(String op, int at) {
        if (Character.isLetter(op.charAt(0))) {
            if (at > 0 && (isNamePart(s.charAt(at - 1)) || s.charAt(at - 1) == '.' || s.charAt(at - 1) == '|')) {
                return -1;
            }
            int i = at;
            for (String part : op.split(" ")) {
                if (i > at) {
                    int spaces = i;
                    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                        i++;
                    }
                    if (i == spaces) {
                        return -1;
                    }
                }
                if (!s.startsWith(part, i)) {
                    return -1;
                }
                i += part.length();
            }
            if (i < s.length() && isNamePart(s.charAt(i))) {
                return -1;
            }
            return i;
        }
        if (!s.startsWith(op, at)) {
            return -1;
        }
        // '..' is not the start of a number's fraction; '-' of 'b-and' is handled as a word above
        return at + op.length();
    }

    // ------------------------------------------------------------------------------------------------- parsing

    private Node parseExpression(int precedence) throws NotTwig {
        Node left = primary();
        while (true) {
            String[] op = peekOperator();
            if (op == null) {
                break;
            }
            Op info = BINARY.get(op[0]);
            if (info == null || info.precedence() < precedence) {
                break;
            }
            pos = Integer.parseInt(op[1]);
            if (op[0].equals("is") || op[0].equals("is not")) {
                left = test(left, op[0].equals("is not"));
                continue;
            }
            Node right = parseExpression(info.right() ? info.precedence() : info.precedence() + 1);
            left = binary(op[0], left, right);
        }
        if (precedence == 0) {
            left = conditional(left);
        }
        return left;
    }

    private Node conditional(Node cond) throws NotTwig {
        while (punct('?')) {
            Node then;
            Node otherwise;
            if (punct(':')) {
                then = cond;
                otherwise = parseExpression(0);
            } else {
                then = parseExpression(0);
                otherwise = punct(':') ? parseExpression(0) : Node.of("''");
            }
            cond = Node.of("(" + cond.code() + " ? " + then.code() + " : " + otherwise.code() + ")");
        }
        return cond;
    }

    private static Node binary(String op, Node l, Node r) {
        String a = l.code();
        String b = r.code();
        if (NATIVE.contains(op)) {
            return Node.of("(" + a + " " + op + " " + b + ")");
        }
        return Node.of(switch (op) {
            case "or", "and" -> "((" + a + " " + op + " " + b + ") ? true : false)";
            case "not in" -> "(not (" + a + " in " + b + "))";
            case ".." -> "twig_range(" + a + ", " + b + ")";
            case "//" -> "twig_floordiv(" + a + ", " + b + ")";
            case "**" -> "twig_pow(" + a + ", " + b + ")";
            case "??" -> "twig_coalesce(" + l.safe() + ", " + b + ")";
            case "b-and" -> "twig_bitwise('and', " + a + ", " + b + ")";
            case "b-or" -> "twig_bitwise('or', " + a + ", " + b + ")";
            case "b-xor" -> "twig_bitwise('xor', " + a + ", " + b + ")";
            case "matches" -> "twig_matches(" + a + ", " + b + ")";
            case "starts with" -> "twig_starts_with(" + a + ", " + b + ")";
            case "ends with" -> "twig_ends_with(" + a + ", " + b + ")";
            default -> throw new IllegalStateException(op);
        });
    }

    /** {@code x is [not] name[(args)]}; two-word tests ({@code divisible by}, {@code same as}) included. */
    private Node test(Node value, boolean negated) throws NotTwig {
        String name = name();
        int mark = pos;
        if (name.equals("divisible") && word("by")) {
            name = "divisibleby";
        } else if (name.equals("same") && word("as")) {
            name = "sameas";
        } else {
            pos = mark;
        }
        List<String> args = new ArrayList<>();
        if (peekPunct('(')) {
            pos++;
            args = arguments(null).positional();
        }
        String code;
        String lower = name.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "defined" -> {
                if (value.name() != null) {
                    code = "twig_defined('" + value.name() + "')";
                } else if (value.object() != null) {
                    code = "twig_has(" + value.object() + ", " + value.key() + ")";
                } else {
                    code = "(" + value.code() + " != null)";
                }
            }
            case "empty", "even", "odd", "divisibleby", "sameas", "null", "none", "iterable", "numeric" ->
                    code = "twig_test('" + lower + "', " + value.code() + ", "
                            + (args.isEmpty() ? "null" : args.get(0)) + ")";
            default -> {
                if (args.size() > 1) {
                    throw new NotTwig("unknown test '" + name + "'");
                }
                code = "(" + value.code() + " is " + name + (args.isEmpty() ? "" : " " + args.get(0)) + ")";
            }
        }
        return Node.of(negated ? "(not " + code + ")" : code);
    }

    private Node primary() throws NotTwig {
        skipSpace();
        if (pos >= s.length()) {
            throw new NotTwig("expression ends early");
        }
        if (word("not")) {
            return Node.of("(not " + parseExpression(50).code() + ")");
        }
        char c = s.charAt(pos);
        if (c == '-' || c == '+') {
            pos++;
            Node operand = parseExpression(500);
            return Node.of(c == '-' ? "(-" + operand.code() + ")" : "twig_plus(" + operand.code() + ")");
        }
        if (c == '(') {
            pos++;
            Node inner = parseExpression(0);
            expect(')');
            return postfix(Node.of("(" + inner.code() + ")"));
        }
        return postfix(primaryLiteral());
    }

    private Node primaryLiteral() throws NotTwig {
        char c = s.charAt(pos);
        if (Character.isDigit(c)) {
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (pos + 1 < s.length() && s.charAt(pos) == '.' && Character.isDigit(s.charAt(pos + 1))) {
                pos++;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
            }
            return Node.of(s.substring(start, pos));
        }
        if (c == '\'' || c == '"') {
            return string();
        }
        if (c == '[') {
            pos++;
            List<String> items = new ArrayList<>();
            while (!punct(']')) {
                items.add(parseExpression(0).code());
                if (!punct(',')) {
                    expect(']');
                    break;
                }
            }
            return Node.of("[" + String.join(", ", items) + "]");
        }
        if (c == '{') {
            return hash();
        }
        if (!isNameStart(c)) {
            throw new NotTwig("unexpected '" + c + "'");
        }
        String name = name();
        switch (name.toLowerCase(Locale.ROOT)) {
            case "true" -> {
                return Node.of("true");
            }
            case "false" -> {
                return Node.of("false");
            }
            case "null", "none" -> {
                return Node.of("null");
            }
            default -> {
                // a name
            }
        }
        if (peekPunct('(')) {
            pos++;
            return call(name);
        }
        if (RESERVED.contains(name)) {
            throw new NotTwig("'" + name + "' is an operator");
        }
        return new Node(name, name, null, null, name);
    }

    private Node hash() throws NotTwig {
        pos++;
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        while (!punct('}')) {
            skipSpace();
            char c = pos < s.length() ? s.charAt(pos) : 0;
            String key;
            if (c == '\'' || c == '"') {
                key = string().code();
            } else if (Character.isDigit(c)) {
                key = "'" + primaryLiteral().code() + "'";
            } else if (c == '(') {
                pos++;
                key = parseExpression(0).code();
                expect(')');
            } else {
                key = "'" + name() + "'";
            }
            expect(':');
            keys.add(key);
            values.add(parseExpression(0).code());
            if (!punct(',')) {
                expect('}');
                break;
            }
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            parts.add(keys.get(i) + ", " + values.get(i));
        }
        // a hash literal as a call: Jinjava misreads a dict literal followed by a filter inside parentheses
        return Node.of(parts.isEmpty() ? "{}" : "twig_hash([" + String.join(", ", parts) + "])");
    }

    /** A Twig string: escapes as PHP's stripcslashes; in double quotes, {@code #{expr}} interpolated. */
    private Node string() throws NotTwig {
        char quote = s.charAt(pos++);
        List<String> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw new NotTwig("unclosed string");
            }
            char c = s.charAt(pos);
            if (c == quote) {
                pos++;
                break;
            }
            if (c == '\\' && pos + 1 < s.length()) {
                pos = unescape(text, pos + 1);
                continue;
            }
            if (quote == '"' && c == '#' && pos + 1 < s.length() && s.charAt(pos + 1) == '{') {
                pos += 2;
                if (!text.isEmpty()) {
                    parts.add(literal(text.toString()));
                    text.setLength(0);
                }
                parts.add("twig_text(" + parseExpression(0).code() + ")");
                expect('}');
                continue;
            }
            text.append(c);
            pos++;
        }
        if (parts.isEmpty()) {
            return Node.of(literal(text.toString()));
        }
        if (!text.isEmpty()) {
            parts.add(literal(text.toString()));
        }
        return Node.of(parts.size() == 1 ? parts.get(0) : "(" + String.join(" ~ ", parts) + ")");
    }

    /** PHP's stripcslashes for the escape at {@code at} (just after the backslash); returns where it ends. */
    private int unescape(StringBuilder out, int at) {
        char c = s.charAt(at);
        switch (c) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case 'v' -> out.append('\u000B');
            case 'f' -> out.append('\f');
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'x' -> {
                int end = at + 1;
                while (end < s.length() && end < at + 3 && Character.digit(s.charAt(end), 16) >= 0) {
                    end++;
                }
                if (end == at + 1) {
                    out.append('x');
                    return at + 1;
                }
                out.append((char) Integer.parseInt(s.substring(at + 1, end), 16));
                return end;
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    int end = at;
                    while (end < s.length() && end < at + 3 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
                        end++;
                    }
                    out.append((char) (Integer.parseInt(s.substring(at, end), 8) & 0xFF));
                    return end;
                }
                out.append(c);
            }
        }
        return at + 1;
    }

    /** A Jinjava string literal. */
    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private record Arguments(List<String> positional, Map<String, String> named) {
    }

    /** Arguments after the opening parenthesis up to the closing one; {@code name=value} collected by name. */
    private Arguments arguments(List<String> params) throws NotTwig {
        List<String> positional = new ArrayList<>();
        Map<String, String> named = new java.util.LinkedHashMap<>();
        while (!punct(')')) {
            skipSpace();
            int mark = pos;
            String argName = null;
            if (pos < s.length() && isNameStart(s.charAt(pos))) {
                String n = name();
                skipSpace();
                if (pos < s.length() && s.charAt(pos) == '=' && (pos + 1 >= s.length() || s.charAt(pos + 1) != '=')) {
                    pos++;
                    argName = n;
                } else {
                    pos = mark;
                }
            }
            String value = parseExpression(0).code();
            if (argName != null) {
                named.put(argName, value);
            } else {
                if (!named.isEmpty()) {
                    throw new NotTwig("positional argument after a named one");
                }
                positional.add(value);
            }
            if (!punct(',')) {
                expect(')');
                break;
            }
        }
        if (named.isEmpty()) {
            return new Arguments(positional, named);
        }
        if (params == null) {
            throw new NotTwig("named arguments to an unknown signature");
        }
        List<String> all = new ArrayList<>(positional);
        for (Map.Entry<String, String> e : named.entrySet()) {
            // Twig matches names in snake case: preserveKeys is preserve_keys
            int i = params.indexOf(e.getKey().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT));
            if (i < 0) {
                throw new NotTwig("unknown argument '" + e.getKey() + "'");
            }
            while (all.size() <= i) {
                all.add("null");
            }
            all.set(i, e.getValue());
        }
        return new Arguments(all, Map.of());
    }

    private Node call(String name) throws NotTwig {
        List<String> args = arguments(FUNCTION_PARAMS.get(name)).positional();
        if (name.equals("attribute") && (args.size() == 2)) {
            return Node.attribute(args.get(0) + "[" + args.get(1) + "]", Node.of(args.get(0)), args.get(1));
        }
        String target = name.equals("range") && args.size() < 2 ? name : FUNCTION_NAMES.getOrDefault(name, name);
        return Node.of(target + "(" + String.join(", ", args) + ")");
    }

    private Node postfix(Node node) throws NotTwig {
        while (true) {
            skipSpace();
            if (pos >= s.length()) {
                return node;
            }
            char c = s.charAt(pos);
            if (c == '.' && !(pos + 1 < s.length() && s.charAt(pos + 1) == '.')) {
                pos++;
                skipSpace();
                if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    int start = pos;
                    while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                        pos++;
                    }
                    String key = s.substring(start, pos);
                    node = Node.attribute(node.code() + "[" + key + "]", node, key);
                    continue;
                }
                String attr = name();
                if (peekPunct('(')) {
                    pos++;
                    List<String> args = arguments(null).positional();
                    node = Node.of(node.code() + "." + attr + "(" + String.join(", ", args) + ")");
                } else {
                    String key = literal(attr);
                    String code = RESERVED.contains(attr) ? node.code() + "[" + key + "]" : node.code() + "." + attr;
                    node = Node.attribute(code, node, key);
                }
            } else if (c == '[') {
                pos++;
                node = subscript(node);
            } else if (c == '|') {
                pos++;
                node = filter(node);
            } else {
                return node;
            }
        }
    }

    /** {@code x[key]} or the slice {@code x[start:length]}. */
    private Node subscript(Node node) throws NotTwig {
        String start = null;
        if (!peekPunct(':')) {
            start = parseExpression(0).code();
        }
        if (punct(':')) {
            String length = peekPunct(']') ? "null" : parseExpression(0).code();
            expect(']');
            return Node.of("(" + node.code() + "|slice(" + (start == null ? "0" : start) + ", " + length + "))");
        }
        expect(']');
        return Node.attribute(node.code() + "[" + start + "]", node, start);
    }

    private Node filter(Node node) throws NotTwig {
        String name = name();
        List<String> args = List.of();
        if (peekPunct('(')) {
            pos++;
            args = arguments(FILTER_PARAMS.get(name)).positional();
        }
        if (name.equals("json_pretty") && args.isEmpty() && node == jsonEncoded) {
            // json_encode|json_pretty: one filter that builds the text once (CerbFilters.jsonEncodePretty)
            return Node.of("(" + jsonEncodedInput + "|" + CerbFilters.JSON_ENCODE_PRETTY + ")");
        }
        Node filtered = Node.of("(" + node.code() + "|" + name
                + (args.isEmpty() ? "" : "(" + String.join(", ", args) + ")") + ")");
        if (name.equals("json_encode") && args.isEmpty()) {
            jsonEncoded = filtered;
            jsonEncodedInput = node.code();
        }
        return filtered;
    }
}
