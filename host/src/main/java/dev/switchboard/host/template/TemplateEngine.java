package dev.switchboard.host.template;

import com.google.common.collect.ImmutableSet;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.errorcategory.BasicTemplateErrorCategory;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import com.hubspot.jinjava.tree.Node;
import dev.switchboard.api.TemplateException;
import dev.switchboard.api.Templates;
import dev.switchboard.host.limits.Deadline;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jinjava.javax.el.ExpressionFactory;

/**
 * Templates for behaviors, written in Twig 1.x as Cerb writes them and rendered by Jinjava: each distinct template
 * is read once by {@link TwigSource} (Twig's lexer, tags and expression grammar, written out as Jinjava) and the
 * parse is cached. Set up like Cerb's Twig: no autoescaping, undefined names print nothing, CR LF and CR read as
 * LF, Twig's whitespace rules, a trailing newline is kept, and Cerb's helpers ({@code dict_set}, {@code json_encode}, {@code json_pretty}, …)
 * are there under their Cerb names.
 *
 * <p>Templates come from admins and packages and run over data strangers sent, so the engine is a sandbox
 * (SECURITY.md 1–7): values expose only dict keys, list items and a few dict/list methods; nothing is loaded from
 * files or the classpath; output, strings, lists, dicts, macro depth and render time are bounded
 * ({@link TemplateLimits}). Any violation fails that render with a {@link TemplateException}. See
 * docs/templates.md.
 */
public final class TemplateEngine implements Templates {
    /**
     * Tags and filters that load or re-render other templates (SECURITY.md 3). Guava's sets: each render's scope
     * takes a copy of them with Guava's {@code ImmutableSet.copyOf}, which for these is the set itself.
     */
    private static final Map<Context.Library, Set<String>> DISABLED = Map.of(
            Context.Library.TAG, ImmutableSet.of("include", "import", "from", "extends"),
            Context.Library.FILTER, ImmutableSet.of("render"));
    /** The name Jinjava binds its interpreter to inside expressions; no template has a reason to say it. */
    static final String INTERPRETER_NAME = "____int3rpr3t3r____";

    /** A template that only prints one variable, e.g. {@code {{va_name}}} (very common in behaviors). */
    private static final Pattern ONE_VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    /** Words the expression language reads as literals or operators, never as variables. */
    static final Set<String> LITERAL_NAMES = Set.of("true", "false", "none", "null", "True", "False", "None",
            "and", "or", "not", "in", "is", "empty");

    private final long maxOutputChars;
    private final RenderDeadline deadline;
    private final ParseCache<Parsed> parsed;
    /** Jinjava configured as above: set up on first use, or by {@link #prepareInBackground()}. */
    private final FutureTask<Jinja> setup;
    private volatile Jinja jinja;
    /** Each thread's interpreter between its renders; empty while one of them runs (see renderNode). */
    private final ThreadLocal<TwigInterpreter> idle = new ThreadLocal<>();

    /** An engine with the default limits. */
    public TemplateEngine() {
        this(TemplateLimits.defaults());
    }

    /**
     * An engine bounded by {@code limits} (see {@link TemplateLimits#from} for the config keys). Jinjava itself is set
     * up by the first render or check, or ahead of it by {@link #prepareInBackground()}.
     */
    public TemplateEngine(TemplateLimits limits) {
        this.setup = new FutureTask<>(() -> Jinja.setUp(limits));
        this.deadline = new RenderDeadline(limits.renderTimeout());
        this.maxOutputChars = limits.maxOutputChars();
        this.parsed = new ParseCache<>(limits.cacheSize());
    }

    /**
     * Sets Jinjava up on a thread of its own (about a tenth of a second of CPU, most of it class loading), so that
     * the host answers {@code /health} without waiting for it; a render that comes first waits for it.
     */
    public void prepareInBackground() {
        Thread thread = new Thread(setup, "template-engine-setup");
        thread.setDaemon(true);
        thread.start();
    }

    private Jinja jinja() {
        Jinja ready = jinja;
        if (ready == null) {
            setup.run(); // sets it up here, unless another thread is at it (then get() waits for that one)
            try {
                ready = jinja = setup.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the template engine could not be set up", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TemplateException("interrupted while the template engine was being set up", e);
            }
        }
        return ready;
    }

    /** Jinjava set up for Twig and the sandbox, with what is derived from it once. */
    private record Jinja(TwigJinjava jinjava, JinjavaConfig config, LibraryContext library, TemplateSyntax syntax) {
        static Jinja setUp(TemplateLimits limits) {
            JinjavaConfig config = JinjavaConfig.newBuilder()
                    .withTrimBlocks(false) // Twig's whitespace rules are applied by TwigSource
                    .withKeepTrailingNewline(true)
                    .withFailOnUnknownTokens(false)
                    .withNestedInterpretationEnabled(false)
                    .withElResolver(new SandboxResolver())
                    .withDisabled(DISABLED)
                    .withMaxOutputSize(limits.maxOutputChars())
                    .withMaxStringLength(limits.maxStringChars())
                    .withMaxListSize(limits.maxCollection())
                    .withMaxMapSize(limits.maxCollection())
                    .withMaxRenderDepth(limits.maxDepth())
                    .withEnableRecursiveMacroCalls(true)
                    .withMaxMacroRecursionDepth(limits.maxDepth())
                    .withInterperterFactory(TwigInterpreter.FACTORY)
                    .withNodePreProcessor(RenderDeadline.nodeCheck())
                    .build();
            TwigJinjava jinjava = new TwigJinjava(config, limits.cacheSize());
            jinjava.setResourceLocator((name, encoding, interpreter) -> {
                throw new ResourceNotFoundException("templates cannot load other templates ('" + name + "')");
            });
            Context global = jinjava.getGlobalContext();
            global.registerTag(new TwigForTag());
            global.registerTag(new TwigWithTag());
            CerbFilters.all().forEach(global::registerFilter);
            TwigFilters.all().forEach(global::registerFilter);
            TwigCoreFilters.all().forEach(global::registerFilter);
            global.registerExpTest(TwigFilters.numericTest());
            // every filter, Jinjava's and ours, answers to the size limits (SECURITY.md 5)
            List.copyOf(global.getAllFilters()).forEach(f -> global.registerFilter(new LimitedFilter(f)));
            Stream.of(CerbFunctions.class, TwigOperators.class).flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
                    .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                    .forEach(m -> {
                        m.setAccessible(true);
                        global.registerFunction(new ELFunctionDefinition("", m.getName(), m));
                    });
            // the check binds with an empty function table: Jinjava's own factory, nothing kept
            return new Jinja(jinjava, config, new LibraryContext(jinjava.getGlobalContextCopy()),
                    new TemplateSyntax(jinjava.jinjavaExpressions()));
        }

        JinjavaInterpreter newInterpreter(Context context) {
            return config.getInterpreterFactory().newInstance(jinjava, context, config);
        }
    }

    /** Jinjava whose expression factory keeps bound expressions ({@link BoundExpressions}). */
    private static final class TwigJinjava extends Jinjava {
        private final BoundExpressions expressions;

        TwigJinjava(JinjavaConfig config, int cacheSize) {
            super(config);
            this.expressions = new BoundExpressions(super.getExpressionFactory(), cacheSize);
        }

        @Override
        public ExpressionFactory getExpressionFactory() {
            // null only while Jinjava's own constructor runs
            return expressions == null ? super.getExpressionFactory() : expressions;
        }

        /** Jinjava's factory itself, keeping nothing. */
        ExpressionFactory jinjavaExpressions() {
            return super.getExpressionFactory();
        }
    }

    /** The filters every render sees (each a {@link LimitedFilter}). */
    java.util.Collection<com.hubspot.jinjava.lib.filter.Filter> filters() {
        return jinja().library().getAllFilters();
    }

    /** True when the text has no template syntax, so rendering it would return it unchanged. */
    public static boolean isConstant(String template) {
        return template.indexOf('{') < 0;
    }

    @Override
    public String render(String template, Map<String, Object> variables) {
        return render(template, variables, Deadline.NONE);
    }

    /**
     * Renders within the earlier of the render limit and {@code outer} (the deadline of the behavior run the render
     * is part of).
     *
     * @throws TemplateException when it does not parse, fails, exceeds a limit or runs out of time
     */
    public String render(String template, Map<String, Object> variables, Deadline outer) {
        return render(template, variables, outer, true);
    }

    private String render(String template, Map<String, Object> variables, Deadline outer, boolean compiled) {
        if (isConstant(template)) {
            return template;
        }
        String printed = printedVariable(template, variables);
        if (printed != null) {
            return printed;
        }
        Parsed parse = parsed(template);
        if (!compiled && parse.flat() != null) {
            parse = new Parsed(parse.root(), null, parse.keepsState(), null);
        }
        Deadline until = deadline.start(outer);
        Rendered rendered;
        try {
            rendered = renderNode(parse, variables, until);
        } catch (TemplateException e) {
            throw until.passed() ? timedOut(until, e) : e;
        }
        // Jinjava records a failed node and goes on, so a render that ran out of time may still "succeed"
        if (until.passed()) {
            throw timedOut(until, null);
        }
        throwIfFatal(rendered.errors());
        return rendered.output();
    }

    /**
     * What {@code {{name}}} prints when the variable holds text or a whole number: the same as rendering it, without
     * building an interpreter. Null when the template is anything else or the value needs Twig's printing rules.
     */
    private String printedVariable(String template, Map<String, Object> variables) {
        if (template.length() > 64 || !template.startsWith("{{")) {
            return null;
        }
        Matcher m = ONE_VARIABLE.matcher(template);
        if (!m.matches() || LITERAL_NAMES.contains(m.group(1))) {
            return null;
        }
        Object value = variables.get(m.group(1));
        String text = value instanceof String str ? str
                : value instanceof Long || value instanceof Integer ? value.toString() : null;
        return text != null && text.length() <= maxOutputChars ? text : null;
    }

    /**
     * Parses a template as a save or an import needs: beyond what a render would refuse, a tag or expression that
     * is never closed and an expression that does not parse fail here ({@link TemplateSyntax}).
     */
    @Override
    public void check(String template) {
        if (!isConstant(template)) {
            Node root = parse(template);
            JinjavaInterpreter interpreter = newInterpreter();
            JinjavaInterpreter.pushCurrent(interpreter);
            try {
                jinja().syntax().check(root, interpreter);
            } finally {
                JinjavaInterpreter.popCurrent();
            }
        }
    }

    private record Rendered(String output, List<TemplateError> errors) {
    }

    private static TemplateException timedOut(Deadline until, Throwable cause) {
        return new TemplateException("template stopped: it ran longer than " + until.limit(), cause);
    }

    /**
     * Renders in a scope of its own (the variables, and whatever the template sets or defines) on this thread's
     * interpreter, which is built once and kept between renders: building one copies Jinjava's whole function
     * table, which cost more than rendering a small template. Nothing of a render outlives it: the scope is left
     * and the errors are cleared. A template with a {@code block} (kept by the interpreter itself) and a render
     * on a thread whose interpreter is busy (a render within a render) get a new interpreter, not kept.
     */
    private Rendered renderNode(Parsed template, Map<String, Object> variables, Deadline until) {
        Jinja jinja = jinja();
        TwigInterpreter interpreter = idle.get();
        if (interpreter == null) {
            interpreter = (TwigInterpreter) jinja.newInterpreter(jinja.library());
        } else {
            idle.set(null);
        }
        interpreter.deadline(until);
        JinjavaInterpreter.pushCurrent(interpreter);
        boolean keep = false;
        try {
            String output = null;
            if (template.flat() != null) {
                try (JinjavaInterpreter.InterpreterScopeClosable scope = interpreter.enterScope(DISABLED)) {
                    interpreter.getContext().putAll(variables);
                    output = template.flat().render(interpreter, maxOutputChars);
                }
            }
            if (output == null) {
                // not compiled, or given up: Jinjava renders it from the start in a new scope
                try (JinjavaInterpreter.InterpreterScopeClosable scope = interpreter.enterScope(DISABLED)) {
                    interpreter.getContext().putAll(variables);
                    output = interpreter.render(template.root(), true);
                }
            }
            keep = !template.keepsState();
            return new Rendered(output, interpreter.getErrorsCopy());
        } catch (RuntimeException e) {
            throw new TemplateException(where(interpreter.getLineNumber()) + rootMessage(e), e);
        } finally {
            JinjavaInterpreter.popCurrent();
            if (keep && interpreter.getContext() == jinja.library()) {
                interpreter.clearAfterRender();
                idle.set(interpreter);
            }
        }
    }

    /** The same render by Jinjava alone, never by the compiled form (tests compare the two). */
    String renderByJinjava(String template, Map<String, Object> variables) {
        return render(template, variables, Deadline.NONE, false);
    }

    /** True when the template renders by its compiled form ({@link FlatTemplate}) unless that gives up. */
    boolean isCompiled(String template) {
        return parsed(template).flat() != null;
    }

    /**
     * A parsed template, or why it does not parse (kept too, so a broken template is not re-parsed per render).
     * {@code keepsState}: it may define a block, which Jinjava keeps in the interpreter, not in the render's scope.
     * {@code flat}: its compiled form, or null when it has none.
     */
    private record Parsed(Node root, String error, boolean keepsState, FlatTemplate flat) {
    }

    private Node parse(String template) {
        return parsed(template).root();
    }

    private Parsed parsed(String template) {
        Parsed result = parsed.get(template, this::parseUncached);
        if (result.error() != null) {
            throw new TemplateException(result.error());
        }
        return result;
    }

    private Parsed parseUncached(String template) {
        if (template.contains(INTERPRETER_NAME)) {
            return new Parsed(null, "template error: '" + INTERPRETER_NAME + "' is a reserved name", false, null);
        }
        JinjavaInterpreter interpreter = newInterpreter();
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            Node root = interpreter.parse(TwigSource.translate(template.replace("\r\n", "\n").replace('\r', '\n')));
            throwIfFatal(interpreter.getErrorsCopy());
            TwigForTag.attachElseBranches(root);
            boolean keepsState = template.contains("block");
            FlatTemplate flat = keepsState ? null
                    : FlatTemplate.compile(root, jinja().library(), DISABLED.get(Context.Library.FILTER));
            return new Parsed(root, null, keepsState, flat);
        } catch (TemplateException e) {
            return new Parsed(null, e.getMessage(), false, null);
        } finally {
            JinjavaInterpreter.popCurrent();
        }
    }

    private JinjavaInterpreter newInterpreter() {
        Jinja jinja = jinja();
        return jinja.newInterpreter(new Context(jinja.library(), null, DISABLED));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Fatal errors, and the macro-recursion limit that Jinjava only reports as a warning, fail the render. */
    private static void throwIfFatal(List<TemplateError> errors) {
        for (TemplateError error : errors) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL
                    || error.getCategory() == BasicTemplateErrorCategory.CYCLE_DETECTED) {
                throw new TemplateException(where(error.getLineno()) + message(error));
            }
        }
    }

    private static String where(int line) {
        return line > 0 ? "template error at line " + line + ": " : "template error: ";
    }

    /** Jinjava's message, or ours alone when the sandbox refused an access (Jinjava wraps it in class names). */
    private static String message(TemplateError error) {
        Throwable cause = error.getException();
        while (cause != null && !(cause instanceof SandboxResolver.Denied) && !(cause instanceof LimitExceeded)) {
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return cause != null ? cause.getMessage() : error.getMessage();
    }
}
