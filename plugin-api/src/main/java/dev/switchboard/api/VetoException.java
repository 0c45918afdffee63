package dev.switchboard.api;

/**
 * Thrown by {@link EventListener#inTransaction} to refuse a change: the transaction rolls back and the caller of the
 * API gets the status and message.
 *
 * <pre>{@code
 * throw new VetoException(403, "CRM refused: customer is locked");
 * }</pre>
 *
 * @since 1.0.0
 */
public class VetoException extends SwitchboardException {
    private static final long serialVersionUID = 1L;
    private final int status;

    /**
     * @param status  the HTTP status the caller gets (403 refused, 502 the other system failed …)
     * @param message the reason, shown to the caller
     * @since 1.0.0
     */
    public VetoException(int status, String message) {
        super(message);
        this.status = status;
    }

    /**
     * The HTTP status the caller gets.
     *
     * @since 1.0.0
     */
    public int status() {
        return status;
    }
}
