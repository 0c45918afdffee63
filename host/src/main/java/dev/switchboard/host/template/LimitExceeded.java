package dev.switchboard.host.template;

/**
 * A template asked for more than a size limit allows (a string past {@code templates.max_string}, a list past
 * {@code templates.max_collection}); the message names the filter or function and the setting. Fails the render.
 */
final class LimitExceeded extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    LimitExceeded(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
