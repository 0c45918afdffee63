package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.SwitchboardException;

/**
 * A durable listener's call could not be committed to the request log (queue over budget, write failed, commit took
 * too long); the call answers 503 with {@code Retry-After} instead of what the behavior set.
 */
final class LogUnavailableException extends SwitchboardException {
    private static final long serialVersionUID = 1L;

    LogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
