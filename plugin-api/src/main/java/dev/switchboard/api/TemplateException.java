package dev.switchboard.api;

/**
 * A template failed to parse or render; the message says where (line, and the offending expression).
 *
 * <pre>{@code
 * try { host.templates().render("{% if open %}no endif", dict); }
 * catch (TemplateException e) { ctx.note(e.getMessage()); }
 * }</pre>
 *
 * @since 1.0.0
 */
public class TemplateException extends SwitchboardException {
    private static final long serialVersionUID = 1L;

    /**
     * A template that does not parse or render; the message says where.
     *
     * @since 1.0.0
     */
    public TemplateException(String message) {
        super(message);
    }

    /**
     * A template that does not parse or render, with the cause.
     *
     * @since 1.0.0
     */
    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
