package dev.switchboard.api;

/**
 * Ends an {@link HttpEndpoint} call with an error status. The host answers
 * {@code {"error": {"status", "message", "path"?}}} for admin endpoints and a short text body for public ones.
 *
 * <pre>{@code
 * throw new HttpStatusException(422, "behavior 12 is not on event.webhook.received", "behavior_id");
 * }</pre>
 *
 * @since 1.0.0
 */
public class HttpStatusException extends SwitchboardException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String path;

    /**
     * An error answer about no field in particular.
     *
     * @since 1.0.0
     */
    public HttpStatusException(int status, String message) {
        this(status, message, null);
    }

    /**
     * @param status HTTP status, 400–599
     * @param message what went wrong, for the caller
     * @param path   the JSON path or field of the offending input, or null
     * @since 1.0.0
     */
    public HttpStatusException(int status, String message, String path) {
        super(message);
        this.status = status;
        this.path = path;
    }

    /**
     * The HTTP status of the answer.
     *
     * @since 1.0.0
     */
    public int status() {
        return status;
    }

    /**
     * The JSON path or field name the error is about, or null.
     *
     * @since 1.0.0
     */
    public String path() {
        return path;
    }
}
