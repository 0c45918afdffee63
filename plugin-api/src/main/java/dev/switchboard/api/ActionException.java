package dev.switchboard.api;

/**
 * Thrown by {@link Action#execute} when the action cannot do its work. The engine records the message with the
 * node's title and goes on with the sibling nodes; it is never shown to an outside caller.
 *
 * <pre>{@code
 * if (name.indexOf('\n') >= 0) throw new ActionException("header name contains a line break");
 * }</pre>
 *
 * @since 1.0.0
 */
public class ActionException extends SwitchboardException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure with a message for the behavior author.
     *
     * @since 1.0.0
     */
    public ActionException(String message) {
        super(message);
    }

    /**
     * A failure with a message for the behavior author and its cause.
     *
     * @since 1.0.0
     */
    public ActionException(String message, Throwable cause) {
        super(message, cause);
    }
}
