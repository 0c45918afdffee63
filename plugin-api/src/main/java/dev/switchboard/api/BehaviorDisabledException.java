package dev.switchboard.api;

/**
 * The behavior (or its bot) is disabled, so it was not run. The webhooks plugin answers 503.
 *
 * <pre>{@code
 * try { host.behaviors().run(id, dict, false); }
 * catch (BehaviorDisabledException e) { return HttpResponse.text(503, "..."); }
 * }</pre>
 *
 * @since 1.0.0
 */
public class BehaviorDisabledException extends SwitchboardException {
    private static final long serialVersionUID = 1L;

    /**
     * The behavior is disabled; the message names it.
     *
     * @since 1.0.0
     */
    public BehaviorDisabledException(String message) {
        super(message);
    }
}
