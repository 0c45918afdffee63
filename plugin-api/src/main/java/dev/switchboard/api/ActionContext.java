package dev.switchboard.api;

import java.util.Map;

/**
 * What an {@link Action} sees while it runs.
 *
 * <pre>{@code
 * public void execute(ActionContext ctx, Map<String, Object> params) {
 *     ctx.dictionary().put("_http_status", 201);
 *     ctx.note("status set to 201");
 * }
 * }</pre>
 */
public interface ActionContext {
    /** The id of the event the behavior runs on. */
    String eventId();

    /** The behavior that is running. */
    BehaviorInfo behavior();

    /** The behavior's dictionary: placeholders and variables. Mutable; changes are seen by later nodes. */
    Map<String, Object> dictionary();

    /** True in the simulator: do not touch the outside world unless the behavior asked for it. */
    boolean simulating();

    /** Renders a template against the current dictionary. */
    String render(String template);

    /** Adds a line to the run's trace (shown by the simulator and the request log). */
    void note(String message);
}
