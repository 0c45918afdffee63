package dev.switchboard.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * A step a behavior can run, referenced in behavior JSON by {@code "action": id}.
 *
 * <pre>{@code
 * @Extension
 * public final class SetHttpBody implements Action {
 *     public String id() { return "set_http_body"; }
 *     public String label() { return "Set HTTP response body"; }
 *     public Set<String> events() { return Set.of(EventIds.WEBHOOK_RECEIVED); }
 *     public List<ActionParam> params() { return List.of(ActionParam.template("value", false, "body")); }
 *     public List<ActionOutput> outputs() { return List.of(ActionOutput.of("_http_body", ParamType.TEXT, "body")); }
 *     public void execute(ActionContext ctx, Map<String, Object> params) {
 *         ctx.dictionary().put("_http_body", params.getOrDefault("value", ""));
 *     }
 * }
 * }</pre>
 *
 * @since 1.0.0
 */
public interface Action extends ExtensionPoint {
    /**
     * Stable id, unique across all plugins.
     *
     * @since 1.0.0
     */
    String id();

    /**
     * Other ids this action answers to (e.g. Cerb's {@code core.va.action.http_request}).
     *
     * @since 1.0.0
     */
    default List<String> aliases() {
        return List.of();
    }

    /**
     * A short label for people.
     *
     * @since 1.0.0
     */
    String label();

    /**
     * Declared params; undeclared keys in the action JSON are passed through untouched as JSON values.
     *
     * @since 1.0.0
     */
    List<ActionParam> params();

    /**
     * The variables this action sets in the dictionary, so the behavior editor can offer them and {@code /api/actions}
     * lists them; empty (the default) declares none. A name may contain {@code {param}}, a declared param whose
     * value forms that part of the name ({@code {object_placeholder}_id}).
     *
     * @since 1.4.0
     */
    default List<ActionOutput> outputs() {
        return List.of();
    }

    /**
     * Ids of the events this action is available in; empty means every event.
     *
     * @since 1.0.0
     */
    default Set<String> events() {
        return Set.of();
    }

    /**
     * True when the action changes something outside the dictionary (sends, writes). The simulator then describes
     * the call with its rendered params instead of running it.
     *
     * @since 1.0.0
     */
    default boolean sideEffects() {
        return false;
    }

    /**
     * True when the action only reads and writes the dictionary and its params — no I/O, no locks, no waiting, no
     * work that grows without bound — so it finishes in microseconds. The engine then runs it on the behavior's own
     * thread; otherwise a plugin's action runs on a pool thread under {@code engine.action_timeout_ms}, which
     * protects the behavior from an action that hangs but costs a thread hand-off per call. Since API 1.2.0.
     *
     * @since 1.2.0
     */
    default boolean runsInline() {
        return false;
    }

    /**
     * Runs the action.
     *
     * @param context the running behavior
     * @param params  declared params validated and prepared per {@link ParamType}, plus undeclared keys as given
     * @throws ActionException when the action fails; the engine records it and continues with the node's next action
     *                         (anything else thrown ends the node)
     * @since 1.0.0
     */
    void execute(ActionContext context, Map<String, Object> params);
}
