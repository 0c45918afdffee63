package dev.switchboard.api;

/**
 * An outbound request did not get an HTTP answer.
 *
 * <pre>{@code
 * catch (OutboundException e) { if (e.kind() == OutboundException.Kind.BLOCKED) ... }
 * }</pre>
 */
public class OutboundException extends SwitchboardException {
    private static final long serialVersionUID = 1L;

    /** Why no answer came. */
    public enum Kind {
        /** The URL is not a valid absolute http(s) URL. */
        INVALID_URL,
        /** The destination address is not allowed (SSRF guard). */
        BLOCKED,
        /** The host name did not resolve. */
        DNS,
        /** The connection failed or was reset. */
        CONNECT,
        /** The total timeout passed. */
        TIMEOUT
    }

    private final Kind kind;

    public OutboundException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public OutboundException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
