package dev.switchboard.host.template;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.DeferredValue;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.objects.collections.SizeLimitingPyMap;
import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.TextNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import com.hubspot.jinjava.tree.parse.TextToken;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A compiled form of the simplest templates, rendered without Jinjava's expression machinery. A template qualifies
 * when it is only text, {@code {% set name = … %}} and {@code {{ … }}}, and its expressions are only variables,
 * {@code '…'} literals, the empty dict {@code {}}, calls of the engine's functions (each argument a String where the
 * function takes a String) and filters with {@code '…'} arguments, nested and in parentheses: the seed bot's body
 * and the common {@code dict_set} chains of Cerb behaviors.
 *
 * <p>It renders on the render's own interpreter, in the render's scope, exactly as Jinjava 2.8 evaluates those nodes
 * (the same variable lookup and value wrapping, the same function methods and filter objects with the same
 * arguments, {@code set} writing the same scope, the interpreter's printing of values), but without a new
 * expression object per expression, the list {@code set} wraps its value in, reflection to find and call each
 * filter, or the per-node render stack. Whenever something falls outside what is mirrored here (a value that is not
 * text, a number, a boolean, a dict or a list; a value printed that is null; an exception; an error Jinjava would
 * record; the render's deadline or output limit reached), it gives up, and the render starts again from the
 * beginning in Jinjava, so every failure and every limit is Jinjava's own. The functions and filters must therefore
 * have no effect but their result, which holds for the engine's own.
 */
final class FlatTemplate {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /**
     * Words Jinjava's expression language reads as literals or operators ({@link TemplateEngine#LITERAL_NAMES}, its
     * other operator words), and names it gives a meaning.
     */
    private static final Set<String> RESERVED = Stream.concat(TemplateEngine.LITERAL_NAMES.stream(),
            Stream.of("div", "mod", "eq", "ne", "lt", "gt", "le", "ge", "instanceof", "loop", "caller", "varargs",
                    "kwargs", "__ignored__", TemplateEngine.INTERPRETER_NAME)).collect(Collectors.toUnmodifiableSet());

    private final List<Step> steps;

    private FlatTemplate(List<Step> steps) {
        this.steps = steps;
    }

    private sealed interface Step permits Text, Assign, Print {
    }

    private record Text(String text) implements Step {
    }

    private record Assign(String name, Expr expr, int line, int position) implements Step {
    }

    private record Print(Expr expr, int line, int position) implements Step {
    }

    private sealed interface Expr permits Variable, Literal, EmptyDict, Call, Filtered {
    }

    private record Variable(String name) implements Expr {
    }

    private record Literal(String text) implements Expr {
    }

    private record EmptyDict() implements Expr {
    }

    private record Call(Method method, List<Expr> arguments) implements Expr {
    }

    private record Filtered(Expr input, Filter filter, List<Expr> arguments) implements Expr {
    }

    /** Thrown inside a render to give it up to Jinjava. */
    private static final class GiveUp extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final GiveUp INSTANCE = new GiveUp();

        private GiveUp() {
            super(null, null, false, false);
        }
    }

    /**
     * The compiled form of a parsed template, or null when it is not made only of what this class renders.
     *
     * @param library  the engine's filters and functions
     * @param disabled the filters a render may not use
     */
    static FlatTemplate compile(Node root, Context library, Set<String> disabled) {
        List<Step> steps = new ArrayList<>();
        for (Node node : root.getChildren()) {
            Step step = step(node, library, disabled);
            if (step == null) {
                return null;
            }
            steps.add(step);
        }
        return steps.isEmpty() ? null : new FlatTemplate(List.copyOf(steps));
    }

    private static Step step(Node node, Context library, Set<String> disabled) {
        if (!node.getChildren().isEmpty()) {
            return null;
        }
        if (node instanceof TextNode && node.getMaster() instanceof TextToken text) {
            return new Text(text.output());
        }
        if (node instanceof ExpressionNode && node.getMaster() instanceof ExpressionToken token) {
            Expr expr = new Parser(token.getExpr(), library, disabled).whole();
            return expr == null ? null : new Print(expr, token.getLineNumber(), node.getStartPosition());
        }
        if (node instanceof TagNode tag && tag.getName().equals("set")) {
            String helpers = tag.getHelpers();
            int eq = helpers.indexOf('=');
            if (eq < 0) {
                return null;
            }
            String name = helpers.substring(0, eq).trim();
            if (!NAME.matcher(name).matches() || RESERVED.contains(name)) {
                return null;
            }
            Expr expr = new Parser(helpers.substring(eq + 1), library, disabled).whole();
            return expr == null ? null : new Assign(name, expr, tag.getMaster().getLineNumber(), node.getStartPosition());
        }
        return null;
    }

    /**
     * Renders in the interpreter's current context (the render's scope, holding the variables).
     *
     * @return the output, or null when the render must be done by Jinjava (nothing of this attempt is kept by the
     *         caller: it renders again in a new scope)
     */
    String render(JinjavaInterpreter interpreter, long maxOutputChars) {
        int errors = interpreter.getErrors().size();
        Context scope = interpreter.getContext();
        if (scope.isValidationMode() || scope.isAutoEscape()) {
            return null;
        }
        try {
            StringBuilder out = new StringBuilder();
            for (Step step : steps) {
                RenderDeadline.of(interpreter).check();
                if (step instanceof Text text) {
                    out.append(text.text());
                } else if (step instanceof Assign assign) {
                    interpreter.setLineNumber(assign.line());
                    interpreter.setPosition(assign.position());
                    Object value = eval(assign.expr(), interpreter);
                    if (scope.get(assign.name()) instanceof DeferredValue) {
                        return giveUp(interpreter, errors);
                    }
                    scope.put(assign.name(), value);
                } else if (step instanceof Print print) {
                    interpreter.setLineNumber(print.line());
                    interpreter.setPosition(print.position());
                    Object value = eval(print.expr(), interpreter);
                    if (value == null) {
                        return giveUp(interpreter, errors);
                    }
                    out.append(interpreter.getAsString(value));
                }
                if (out.length() > maxOutputChars || interpreter.getErrors().size() != errors) {
                    return giveUp(interpreter, errors);
                }
            }
            return out.toString();
        } catch (RuntimeException | LinkageError e) {
            return giveUp(interpreter, errors);
        }
    }

    private static String giveUp(JinjavaInterpreter interpreter, int errors) {
        while (interpreter.getErrors().size() > errors) {
            interpreter.removeLastError();
        }
        return null;
    }

    private static Object eval(Expr expr, JinjavaInterpreter interpreter) {
        if (expr instanceof Literal literal) {
            return literal.text();
        }
        if (expr instanceof Variable variable) {
            // as Jinjava's resolver reads a name: the scope chain, then its wrapping of dicts and lists
            Object value = interpreter.retraceVariable(variable.name(), interpreter.getLineNumber(), -1);
            return plain(interpreter.wrap(value));
        }
        if (expr instanceof EmptyDict) {
            return new SizeLimitingPyMap(new LinkedHashMap<>(), interpreter.getConfig().getMaxMapSize());
        }
        if (expr instanceof Call call) {
            Class<?>[] types = call.method().getParameterTypes();
            Object[] args = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                Object arg = eval(call.arguments().get(i), interpreter);
                // what the expression language would convert: only a String for a String, as it is
                if (types[i] == String.class && !(arg instanceof String)) {
                    throw GiveUp.INSTANCE;
                }
                args[i] = arg;
            }
            try {
                return plain(call.method().invoke(null, args));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw GiveUp.INSTANCE;
            }
        }
        Filtered filtered = (Filtered) expr;
        Object input = eval(filtered.input(), interpreter);
        Object[] args = new Object[filtered.arguments().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = eval(filtered.arguments().get(i), interpreter);
        }
        // Jinjava calls every filter as filter(value, interpreter, positional args, named args)
        return plain(filtered.filter().filter(input, interpreter, args, new LinkedHashMap<>()));
    }

    /** The value when it is one of the kinds mirrored here; otherwise the render goes to Jinjava. */
    private static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Integer
                || value instanceof Double || value instanceof Boolean || value instanceof Map<?, ?>
                || value instanceof List<?>) {
            return value;
        }
        throw GiveUp.INSTANCE;
    }

    /** Reads one expression of the subset (Jinjava's text of it, after TwigSource); null when it is anything else. */
    private static final class Parser {
        private final String s;
        private final Context library;
        private final Set<String> disabled;
        private int at;
        /** Operands read so far: an expression of more than 64 (however nested) is left to Jinjava. */
        private int operands;

        Parser(String s, Context library, Set<String> disabled) {
            this.s = s;
            this.library = library;
            this.disabled = disabled;
        }

        Expr whole() {
            Expr e = chain();
            space();
            return e != null && at == s.length() ? e : null;
        }

        private Expr chain() {
            Expr e = atom();
            while (e != null && peek('|')) {
                at++;
                String name = name();
                Filter filter = name == null || disabled.contains(name) ? null : library.getFilter(name);
                if (filter == null) {
                    return null;
                }
                List<Expr> args = List.of();
                if (peek('(')) {
                    at++;
                    args = arguments();
                    if (args == null || args.stream().anyMatch(a -> !(a instanceof Literal))) {
                        return null;
                    }
                }
                e = new Filtered(e, filter, args);
            }
            return e;
        }

        private Expr atom() {
            space();
            if (at >= s.length() || ++operands > 64) {
                return null;
            }
            char c = s.charAt(at);
            if (c == '(') {
                at++;
                Expr e = chain();
                if (e == null || !peek(')')) {
                    return null;
                }
                at++;
                return e;
            }
            if (c == '{') {
                at++;
                if (!peek('}')) {
                    return null;
                }
                at++;
                return new EmptyDict();
            }
            if (c == '\'') {
                int end = s.indexOf('\'', at + 1);
                if (end < 0 || s.substring(at + 1, end).indexOf('\\') >= 0) {
                    return null;
                }
                String text = s.substring(at + 1, end);
                at = end + 1;
                return new Literal(text);
            }
            String name = name();
            if (name == null) {
                return null;
            }
            if (!peek('(')) {
                return new Variable(name);
            }
            at++;
            Method method = function(name);
            List<Expr> args = arguments();
            return method == null || args == null || args.size() != method.getParameterCount() ? null
                    : new Call(method, args);
        }

        /** After '(': the arguments to the closing ')'. */
        private List<Expr> arguments() {
            List<Expr> args = new ArrayList<>();
            if (peek(')')) {
                at++;
                return args;
            }
            while (true) {
                Expr e = chain();
                if (e == null) {
                    return null;
                }
                args.add(e);
                if (peek(',')) {
                    at++;
                } else if (peek(')')) {
                    at++;
                    return args;
                } else {
                    return null;
                }
            }
        }

        /** The engine's function of that name, when it takes only Objects and Strings, no varargs. */
        private Method function(String name) {
            Method found = null;
            for (ELFunctionDefinition f : library.getAllFunctions()) {
                if (f.getNamespace().isEmpty() && f.getLocalName().equals(name)) {
                    if (found != null) {
                        return null;
                    }
                    found = f.getMethod();
                }
            }
            if (found == null || found.isVarArgs() || !Modifier.isStatic(found.getModifiers())) {
                return null;
            }
            for (Class<?> type : found.getParameterTypes()) {
                if (type != Object.class && type != String.class) {
                    return null;
                }
            }
            return found;
        }

        private String name() {
            space();
            int start = at;
            while (at < s.length() && (Character.isLetterOrDigit(s.charAt(at)) || s.charAt(at) == '_')) {
                at++;
            }
            String name = s.substring(start, at);
            return NAME.matcher(name).matches() && !RESERVED.contains(name) ? name : null;
        }

        private boolean peek(char c) {
            space();
            return at < s.length() && s.charAt(at) == c;
        }

        private void space() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }
    }
}
