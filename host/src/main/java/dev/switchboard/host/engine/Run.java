package dev.switchboard.host.engine;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.BehaviorRun;
import dev.switchboard.api.EventCondition;
import dev.switchboard.api.EventType;
import dev.switchboard.api.TemplateException;
import dev.switchboard.host.limits.Deadline;
import dev.switchboard.host.plugins.Extensions;
import dev.switchboard.host.plugins.Registered;
import dev.switchboard.host.template.TemplateEngine;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of one behavior: the dictionary, the trace, the errors, and the traversal itself. A run has a deadline
 * that every step, condition, loop item, subroutine call, template render and action respects; once it passed the
 * run ends where it is, says so in its errors and trace, and reports {@link BehaviorRun#timedOut()}.
 */
final class Run {
    /** Subroutines calling subroutines deeper than this are refused (a subroutine calling itself). */
    static final int MAX_CALL_DEPTH = 16;
    /** Items a loop may iterate (SECURITY.md 5: list/map ≤ 10k entries). */
    static final int MAX_LOOP_ITEMS = 10_000;
    /** Nodes, conditions and actions visited per run, all loops included: a runaway tree stops here. */
    static final long MAX_STEPS = 200_000;

    private final Engine engine;
    private final CompiledBehavior behavior;
    private final Extensions extensions;
    private final boolean simulate;
    private final List<EventCondition> eventConditions;
    private final Deadline deadline;
    private final List<Map<String, Object>> trace = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private volatile Map<String, Object> dict;
    private boolean exited;
    private int callDepth;
    private long steps;
    private boolean timedOut;

    Run(Engine engine, CompiledBehavior behavior, Extensions extensions, Map<String, Object> dict, boolean simulate,
        Deadline deadline) {
        this.engine = engine;
        this.deadline = deadline;
        this.behavior = behavior;
        this.extensions = extensions;
        this.dict = dict;
        this.simulate = simulate;
        this.eventConditions = extensions.event(behavior.behavior().eventId()).map(Registered::extension)
                .map(EventType::conditions).orElse(List.of());
    }

    void start() {
        try {
            runNodes(behavior.tree(), 0);
        } catch (StepLimit e) {
            errors.add("the run stopped after " + MAX_STEPS + " steps (a loop or subroutine runs away?)");
            trace(0, "error", Map.of("message", errors.get(errors.size() - 1)));
        } catch (Deadline.Exceeded e) {
            stopped();
        }
        // the last node may have failed for want of time with no step left to notice it
        if (!timedOut && deadline.passed()) {
            stopped();
        }
    }

    private void stopped() {
        timedOut = true;
        errors.add("the run stopped: it ran longer than " + deadline.limit());
        trace(0, "stopped", Map.of("message", errors.get(errors.size() - 1)));
    }

    BehaviorRun result() {
        return new BehaviorRun(dict, exited, errors, trace, timedOut);
    }

    // --- traversal ---------------------------------------------------------------------------------------------

    private void runNodes(List<Node> nodes, int depth) {
        for (Node n : nodes) {
            if (exited) {
                return;
            }
            visit(n, depth);
        }
    }

    private void visit(Node n, int depth) {
        step();
        if (n.type() == Node.Type.SUBROUTINE) {
            return; // runs only when _run_subroutine calls it
        }
        if (skipped(n, depth)) {
            return;
        }
        switch (n.type()) {
            case ACTION -> {
                trace(depth, "node", nodeFields(n));
                List<Map<String, Object>> actions = n.actions();
                for (int i = 0; i < actions.size(); i++) {
                    if (exited) {
                        return;
                    }
                    if (!action(n, actions.get(i), depth + 1) && i + 1 < actions.size()) {
                        // As in Cerb, where an exception leaves the node's actions: the rest of the node does not
                        // run; the behavior goes on with the next node. (A reported failure, ActionException, is
                        // Cerb's action that records an error and returns: the node goes on.)
                        Map<String, Object> skip = new LinkedHashMap<>();
                        skip.put("skipped", (actions.size() - i - 1) + " more action(s) of this node: an action"
                                + " crashed");
                        trace(depth + 1, "skipped", skip);
                        break;
                    }
                }
            }
            case SWITCH -> {
                trace(depth, "node", nodeFields(n));
                for (Node outcome : n.nodes()) {
                    if (exited) {
                        return;
                    }
                    step();
                    if (skipped(outcome, depth + 1)) {
                        continue;
                    }
                    if (passes(outcome, depth + 1)) {
                        runNodes(outcome.nodes(), depth + 2);
                        return; // a switch takes the first passing outcome only
                    }
                }
            }
            case OUTCOME -> {
                if (passes(n, depth)) {
                    runNodes(n.nodes(), depth + 1);
                }
            }
            case LOOP -> loop(n, depth);
            default -> {
            }
        }
    }

    private boolean skipped(Node n, int depth) {
        String reason = null;
        if (n.status() == Node.Status.DISABLED) {
            reason = "disabled";
        } else if (n.status() == Node.Status.SIMULATOR && !simulate) {
            reason = "simulator only";
        }
        if (reason != null) {
            Map<String, Object> f = nodeFields(n);
            f.put("skipped", reason);
            trace(depth, "node", f);
            return true;
        }
        return false;
    }

    private boolean passes(Node outcome, int depth) {
        Map<String, Object> entry = trace(depth, "node", nodeFields(outcome));
        boolean pass = true;
        for (Node.ConditionGroup g : outcome.groups()) {
            boolean group = !g.any() || g.conditions().isEmpty();
            for (Map<String, Object> c : g.conditions()) {
                boolean r = condition(outcome, c, depth + 1);
                if (g.any() && r) {
                    group = true;
                    break;
                }
                if (!g.any() && !r) {
                    group = false;
                    break;
                }
            }
            if (!group) {
                pass = false;
                break;
            }
        }
        entry.put("passed", pass);
        return pass;
    }

    private boolean condition(Node n, Map<String, Object> c, int depth) {
        step();
        Map<String, Object> f = new LinkedHashMap<>(c);
        try {
            Conditions.Result r = Conditions.evaluate(c, dict, this::render, eventConditions, engine.clock(),
                    deadline);
            f.put("actual", r.actual());
            if (r.expected() != null && !(r.expected() instanceof String s && s.equals(c.get("value")))) {
                f.put("rendered_value", r.expected());
            }
            f.put("passed", r.passed());
            trace(depth, "condition", f);
            return r.passed();
        } catch (Compare.BadComparison | TemplateException e) {
            fail(n, "condition '" + c.get("condition") + "'", e.getMessage(), depth, f);
            return false;
        } catch (RuntimeException | LinkageError e) {
            fail(n, "condition '" + c.get("condition") + "'", describe(e), depth, f);
            return false;
        }
    }

    private void loop(Node n, int depth) {
        Map<String, Object> entry = trace(depth, "node", nodeFields(n));
        String ph = String.valueOf(n.params().get("as_placeholder"));
        Object items;
        try {
            String rendered = render(String.valueOf(n.params().get("foreach_json")), dict).trim();
            items = rendered.isEmpty() ? null : engine.json().parse(rendered);
        } catch (TemplateException | IllegalArgumentException e) {
            fail(n, "foreach_json", e.getMessage(), depth + 1, new LinkedHashMap<>());
            return;
        }
        List<Map.Entry<Object, Object>> pairs = new ArrayList<>();
        if (items instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                pairs.add(Map.entry(i, l.get(i) == null ? NULL : l.get(i)));
            }
        } else if (items instanceof Map<?, ?> m) {
            m.forEach((k, v) -> pairs.add(Map.entry(k, v == null ? NULL : v)));
        } else {
            entry.put("skipped", "foreach_json is not a JSON array or object");
            return;
        }
        if (pairs.size() > MAX_LOOP_ITEMS) {
            fail(n, "foreach_json", "has " + pairs.size() + " items; at most " + MAX_LOOP_ITEMS, depth + 1,
                    new LinkedHashMap<>());
            return;
        }
        entry.put("items", pairs.size());
        int counter = 0;
        for (Map.Entry<Object, Object> p : pairs) {
            if (exited) {
                return;
            }
            step();
            counter++;
            Object value = p.getValue() == NULL ? null : p.getValue();
            dict.put(ph, value);
            dict.put(ph + "__key", p.getKey());
            dict.put(ph + "__counter", counter);
            Map<String, Object> it = new LinkedHashMap<>();
            it.put("placeholder", ph);
            it.put("key", p.getKey());
            it.put("counter", counter);
            trace(depth + 1, "iteration", it);
            runNodes(n.nodes(), depth + 2);
        }
    }

    private static final Object NULL = new Object();

    // --- actions -----------------------------------------------------------------------------------------------

    /**
     * Runs one action of a node.
     *
     * @return false when the action crashed (threw anything but a {@code SwitchboardException}, an Error, or ran
     *         past its deadline), which ends its node: the node's remaining actions are skipped. Any failed action's
     *         dictionary writes are undone.
     */
    private boolean action(Node n, Map<String, Object> raw, int depth) {
        step();
        String id = String.valueOf(raw.get("action"));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("action", id);
        Optional<Registered<Action>> reg = extensions.action(id);
        if (reg.isEmpty() && id.startsWith("var_")) {
            setVariable(n, id, raw, depth, f);
            return true;
        }
        if (reg.isEmpty()) {
            f.put("missing", true); // callers can tell a missing action from a failed one
            fail(n, id, "unknown action (is the plugin that provides it enabled?)", depth, f);
            return true;
        }
        Action action = reg.get().extension();
        if (!action.events().isEmpty() && !action.events().contains(behavior.behavior().eventId())) {
            fail(n, id, "not available in " + behavior.behavior().eventId(), depth, f);
            return true;
        }
        Map<String, Object> params;
        try {
            params = ActionParams.prepare(action, raw, t -> render(t, dict));
        } catch (ActionException | TemplateException e) {
            fail(n, id, e.getMessage(), depth, f);
            return true;
        }
        f.put("params", ActionParams.forTrace(params));
        if (simulate && action.sideEffects()) {
            f.put("result", "not run in the simulator (side effects); would run with these params");
            trace(depth, "action", f);
            return true;
        }
        f = trace(depth, "action", f);
        Step ctx = new Step(this, depth + 1, dict);
        Map<String, Object> before = new LinkedHashMap<>(dict);
        boolean endsNode = false;
        try {
            engine.runner().execute(reg.get(), ctx, params, () -> {
                ctx.close();
                dict = detach(dict); // the abandoned action may still write to the old map
            }, deadline);
            f.put("result", "ok");
        } catch (StepLimit | Deadline.Exceeded e) {
            throw e;
        } catch (ActionRunner.TimedOut | ActionRunner.Crashed e) {
            f.put("result", "failed");
            endsNode = true;
            error(n, id, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            f.put("result", "failed");
            boolean reported = e instanceof dev.switchboard.api.SwitchboardException;
            endsNode = !reported;
            error(n, id, reported ? e.getMessage() : describe(e));
        } finally {
            ctx.close();
        }
        if (f.get("result") != "failed") {
            return true;
        }
        f.put("error", errors.get(errors.size() - 1));
        dict.clear(); // a failed action sets nothing
        dict.putAll(before);
        return !endsNode;
    }

    private void setVariable(Node n, String id, Map<String, Object> raw, int depth, Map<String, Object> f) {
        Object def = behavior.variables().get(id);
        Object value = raw.get("value");
        try {
            if (value instanceof String s && !TemplateEngine.isConstant(s)) {
                value = render(s, dict);
            }
        } catch (TemplateException e) {
            fail(n, id, e.getMessage(), depth, f);
            return;
        }
        value = Variables.convert(def, value);
        dict.put(id, value);
        f.put("params", java.util.Collections.singletonMap("value", value));
        f.put("result", "ok");
        trace(depth, "action", f);
    }

    private static Map<String, Object> detach(Map<String, Object> old) {
        for (int attempt = 0; ; attempt++) {
            try {
                return new LinkedHashMap<>(old);
            } catch (ConcurrentModificationException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    // --- what the global actions steer ---------------------------------------------------------------------------

    void exit(String mode, int depth) {
        exited = true;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("mode", mode == null ? "" : mode);
        trace(depth, "exit", f);
    }

    void callSubroutine(String title, int depth) {
        Node sub = behavior.subroutine(title).orElseThrow(() -> new ActionException("no subroutine titled '"
                + title + "'"));
        if (callDepth >= MAX_CALL_DEPTH) {
            throw new ActionException("subroutine calls nested deeper than " + MAX_CALL_DEPTH);
        }
        if (sub.status() == Node.Status.DISABLED || (sub.status() == Node.Status.SIMULATOR && !simulate)) {
            skipped(sub, depth);
            return;
        }
        callDepth++;
        try {
            trace(depth, "node", nodeFields(sub));
            runNodes(sub.nodes(), depth + 1);
        } finally {
            callDepth--;
        }
    }

    // --- bookkeeping -------------------------------------------------------------------------------------------

    String render(String template, Map<String, Object> variables) {
        return engine.templates().render(template, variables, deadline);
    }

    Map<String, Object> dictionary() {
        return dict;
    }

    long remainingMillis() {
        return deadline.remainingMillis();
    }

    boolean simulating() {
        return simulate;
    }

    CompiledBehavior behavior() {
        return behavior;
    }

    /** Adds a trace entry and returns it, so the caller can add the outcome once known. */
    synchronized Map<String, Object> trace(int depth, String kind, Map<String, Object> fields) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("depth", depth);
        e.put("kind", kind);
        e.putAll(fields);
        trace.add(e);
        return e;
    }

    private void step() {
        if (++steps > MAX_STEPS) {
            throw new StepLimit();
        }
        deadline.check();
    }

    private void fail(Node n, String what, String message, int depth, Map<String, Object> fields) {
        error(n, what, message);
        fields.put("error", errors.get(errors.size() - 1));
        trace(depth, fields.containsKey("action") ? "action" : "error", fields);
    }

    private void error(Node n, String what, String message) {
        errors.add("node '" + n.title() + "' (" + what + "): " + message);
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static Map<String, Object> nodeFields(Node n) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", n.type().jsonName());
        f.put("title", n.title());
        return f;
    }

    /** Unwinds the whole run when it exceeds {@link #MAX_STEPS}. */
    static final class StepLimit extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepLimit() {
            super(null, null, false, false);
        }
    }
}
