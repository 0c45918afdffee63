package dev.switchboard.api;

/**
 * The root of every exception the host and the plugin API throw on purpose. Unchecked, as in Jdbi.
 *
 * <pre>{@code
 * try { host.database().write(sql -> sql.update("...")); }
 * catch (SwitchboardException e) { log.log(ERROR, e.getMessage()); }
 * }</pre>
 *
 * @since 1.0.0
 */
public class SwitchboardException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure with a message.
     *
     * @since 1.0.0
     */
    public SwitchboardException(String message) {
        super(message);
    }

    /**
     * A failure with a message and its cause.
     *
     * @since 1.0.0
     */
    public SwitchboardException(String message, Throwable cause) {
        super(message, cause);
    }
}
