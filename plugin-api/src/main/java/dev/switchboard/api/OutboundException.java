package dev.switchboard.api;

/**
 * An outbound request did not get an HTTP answer.
 *
 * <pre>{@code
 * catch (OutboundException e) { if (e.kind() == OutboundException.Kind.BLOCKED) ... }
 * }</pre>
 *
 * @since 1.0.0
 */
public class OutboundException extends SwitchboardException {
    private static final long serialVersionUID = 1L;

    /**
     * Why no answer came.
     *
     * @since 1.0.0
     */
    public enum Kind {
        /**
         * The URL is not a valid absolute http(s) URL.
         *
         * @since 1.0.0
         */
        INVALID_URL,
        /**
         * The destination address is not allowed (SSRF guard).
         *
         * @since 1.0.0
         */
        BLOCKED,
        /**
         * The host name did not resolve.
         *
         * @since 1.0.0
         */
        DNS,
        /**
         * The connection failed or was reset.
         *
         * @since 1.0.0
         */
        CONNECT,
        /**
         * The total timeout passed.
         *
         * @since 1.0.0
         */
        TIMEOUT
    }

    private final Kind kind;

    /**
     * A failure of the given kind.
     *
     * @since 1.0.0
     */
    public OutboundException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /**
     * A failure of the given kind, with its cause.
     *
     * @since 1.0.0
     */
    public OutboundException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /**
     * Why no answer came.
     *
     * @since 1.0.0
     */
    public Kind kind() {
        return kind;
    }
}
