package dev.switchboard.testkit;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionOutput;
import dev.switchboard.api.BehaviorInfo;
import dev.switchboard.api.SwitchboardException;
import dev.switchboard.api.TemplateException;
import dev.switchboard.host.engine.ActionParams;
import dev.switchboard.host.template.TemplateEngine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@link ActionContext} for unit tests of an action: no host, no database, no HTTP. Give it the dictionary the
 * behavior would have, then {@link #run} the action with its params as a package writes them; the answer says what
 * the action set, noted and failed with, as the engine would record it.
 *
 * <pre>{@code
 * FakeActionContext ctx = FakeActionContext.on(EventIds.TICKET_CREATED).with("ticket_subject", "Where is #A-10442?");
 * FakeActionContext.Call call = ctx.run(new ExtractOrderNumber(), Map.of("text", "{{ ticket_subject }}", "var", "order"));
 * assertThat(call.error()).isNull();
 * assertThat(call.set()).containsExactly(Map.entry("order", "A-10442"));
 * assertThat(call.undeclared()).isEmpty();
 * }</pre>
 *
 * <p>{@link #run} does what the engine does around one action: refuses it outside its {@link Action#events()},
 * prepares the params per their {@link dev.switchboard.api.ParamType} (templates rendered by the host's template
 * engine against the dictionary, numbers and booleans converted, required params and choices checked), skips an
 * action with {@link Action#sideEffects()} when simulating, and on a failure undoes the action's dictionary writes.
 * It runs the action on the calling thread, without the engine's timeout. The context can also be passed to
 * {@link Action#execute} directly; {@link #notes()} and {@link #dictionary()} then show what it did.
 */
public final class FakeActionContext implements ActionContext {
    private static final TemplateEngine TEMPLATES = new TemplateEngine();
    private static final Pattern PARAM_IN_NAME = Pattern.compile("\\{(\\w+)}");

    private final String eventId;
    private BehaviorInfo behavior;
    private final Map<String, Object> dictionary = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private boolean simulating;

    private FakeActionContext(String eventId) {
        this.eventId = Objects.requireNonNull(eventId, "eventId");
        this.behavior = new BehaviorInfo(1, "behavior_test", "Test behavior", eventId, 1, "Test bot", false, 50);
    }

    /** A context of a behavior on this event ({@link dev.switchboard.api.EventIds}), with an empty dictionary. */
    public static FakeActionContext on(String eventId) {
        return new FakeActionContext(eventId);
    }

    /** Puts a placeholder or variable in the dictionary. */
    public FakeActionContext with(String name, Object value) {
        dictionary.put(name, value);
        return this;
    }

    /** Puts all of these in the dictionary. */
    public FakeActionContext with(Map<String, ?> values) {
        dictionary.putAll(values);
        return this;
    }

    /** Runs as the simulator does ({@link #simulating()} true): actions with side effects are described, not run. */
    public FakeActionContext simulating(boolean simulate) {
        this.simulating = simulate;
        return this;
    }

    /** The running behavior (default: id 1, "Test behavior" of bot 1 "Test bot", on this context's event). */
    public FakeActionContext behavior(BehaviorInfo info) {
        this.behavior = Objects.requireNonNull(info, "info");
        return this;
    }

    @Override
    public String eventId() {
        return eventId;
    }

    @Override
    public BehaviorInfo behavior() {
        return behavior;
    }

    @Override
    public Map<String, Object> dictionary() {
        return dictionary;
    }

    @Override
    public boolean simulating() {
        return simulating;
    }

    /**
     * Renders with the host's template engine against the dictionary.
     *
     * @throws TemplateException when the template does not parse or fails, as in a host
     */
    @Override
    public String render(String template) {
        return TEMPLATES.render(template, dictionary);
    }

    @Override
    public void note(String message) {
        notes.add(message == null ? "" : message);
    }

    /** Every note added so far, by {@link #run} calls or direct {@link Action#execute} calls. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * Runs the action as a behavior's action node does.
     *
     * @param params the action's params as in a package's JSON (templates unrendered, numbers as JSON numbers or
     *               text); an {@code "action"} key is ignored
     * @return what happened; a failure is in {@link Call#error()}, never thrown
     */
    public Call run(Action action, Map<String, ?> params) {
        Objects.requireNonNull(action, "action");
        Map<String, Object> raw = new LinkedHashMap<>(params);
        if (!action.events().isEmpty() && !action.events().contains(eventId)) {
            return refused("not available in " + eventId);
        }
        Map<String, Object> prepared;
        try {
            prepared = ActionParams.prepare(action, raw, this::render);
        } catch (SwitchboardException e) {
            return refused(e.getMessage());
        }
        if (simulating && action.sideEffects()) {
            return new Call(prepared, false, Map.of(), List.of(), null, false, List.of());
        }
        Map<String, Object> before = new LinkedHashMap<>(dictionary);
        int notesBefore = notes.size();
        String error = null;
        boolean crashed = false;
        try {
            action.execute(this, prepared);
        } catch (SwitchboardException e) {
            error = e.getMessage();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // what the engine contains; an OutOfMemoryError or InternalError ends a host, and this test
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            crashed = true;
        }
        List<String> noted = List.copyOf(notes.subList(notesBefore, notes.size()));
        if (error != null) {
            dictionary.clear(); // a failed action sets nothing
            dictionary.putAll(before);
            return new Call(prepared, true, Map.of(), noted, error, crashed, List.of());
        }
        Map<String, Object> set = new LinkedHashMap<>();
        dictionary.forEach((k, v) -> {
            if (!before.containsKey(k) || !Objects.equals(before.get(k), v)) {
                set.put(k, v);
            }
        });
        return new Call(prepared, true, set, noted, null, false, undeclared(action, prepared, set.keySet()));
    }

    /** Refused before {@code execute}, as the engine refuses it: nothing ran, nothing set. */
    private static Call refused(String error) {
        return new Call(Map.of(), false, Map.of(), List.of(), error, false, List.of());
    }

    /** The names set that no {@link Action#outputs()} entry declares, its {@code {param}} parts filled in. */
    private static List<String> undeclared(Action action, Map<String, Object> params, Set<String> set) {
        List<String> declared = new ArrayList<>();
        for (ActionOutput o : action.outputs()) {
            Matcher m = PARAM_IN_NAME.matcher(o.name());
            StringBuilder name = new StringBuilder();
            while (m.find()) {
                Object v = params.get(m.group(1));
                m.appendReplacement(name, Matcher.quoteReplacement(v == null ? "" : String.valueOf(v).trim()));
            }
            declared.add(m.appendTail(name).toString());
        }
        return set.stream().filter(n -> !declared.contains(n)).toList();
    }

    /**
     * One {@link #run} of an action.
     *
     * @param params     the params as the action received them (rendered, converted), or empty when they were refused
     * @param ran        whether {@code execute} was called (false: refused before, or skipped in the simulator)
     * @param set        the variables the action added or changed, in dictionary order; empty when it failed
     * @param notes      what it noted during this run
     * @param error      the failure the engine would record for the node (without the node's title), or null
     * @param crashed    true when it threw something other than an {@code ActionException} (or another
     *                   {@code SwitchboardException}): in a host that also ends its node
     * @param undeclared names in {@code set} that {@link Action#outputs()} does not declare
     */
    public record Call(Map<String, Object> params, boolean ran, Map<String, Object> set, List<String> notes,
                       String error, boolean crashed, List<String> undeclared) {
        /** Read-only views; values may be null (an action may set a variable to null). */
        public Call {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
            set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
            notes = List.copyOf(notes);
            undeclared = List.copyOf(undeclared);
        }

        /** True when the action did not fail (one skipped in the simulator did not: see {@link #ran}). */
        public boolean ok() {
            return error == null;
        }
    }
}
