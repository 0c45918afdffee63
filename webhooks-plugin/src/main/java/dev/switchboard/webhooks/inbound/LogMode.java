package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.HttpStatusException;
import java.util.Locale;

/** How a listener's calls reach the request log (the {@code log_mode} field). */
enum LogMode {
    /** The answer is sent after the call's row is committed; when the log cannot be written, 503 + Retry-After. */
    DURABLE,
    /** The row is written in the background; the answer never waits and a row may be lost (crash, full disk). */
    BEST_EFFORT;

    /** {@code durable} or {@code best_effort}. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code value}. @throws HttpStatusException 422 naming {@code log_mode} */
    static LogMode of(Object value) {
        if (value instanceof String s) {
            for (LogMode m : values()) {
                if (m.id().equals(s)) {
                    return m;
                }
            }
        }
        throw new HttpStatusException(422, "log_mode must be \"durable\" or \"best_effort\"", "log_mode");
    }

    /** A stored value; anything unknown reads as durable (the safe side). */
    static LogMode stored(String value) {
        return "best_effort".equals(value) ? BEST_EFFORT : DURABLE;
    }
}
