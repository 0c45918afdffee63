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
 *
 * @since 1.0.0
 */
public interface ActionContext {
    /**
     * The id of the event the behavior runs on.
     *
     * @since 1.0.0
     */
    String eventId();

    /**
     * The behavior that is running.
     *
     * @since 1.0.0
     */
    BehaviorInfo behavior();

    /**
     * The behavior's dictionary: placeholders and variables. Mutable; changes are seen by later nodes.
     *
     * @since 1.0.0
     */
    Map<String, Object> dictionary();

    /**
     * True in the simulator: do not touch the outside world unless the behavior asked for it.
     *
     * @since 1.0.0
     */
    boolean simulating();

    /**
     * Renders a template against the current dictionary.
     *
     * @since 1.0.0
     */
    String render(String template);

    /**
     * Adds a line to the run's trace (shown by the simulator and the request log).
     *
     * @since 1.0.0
     */
    void note(String message);
}
