package dev.switchboard.api;

/**
 * A template failed to parse or render; the message says where (line, and the offending expression).
 *
 * <pre>{@code
 * try { host.templates().render("{{ a }", dict); }
 * catch (TemplateException e) { ctx.note(e.getMessage()); }
 * }</pre>
 */
public class TemplateException extends SwitchboardException {
    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
