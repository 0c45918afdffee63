package dev.switchboard.api;

import java.util.Objects;

/**
 * One HTTP header, in the order it was sent or is to be sent. Lists of headers keep repeats.
 *
 * <pre>{@code
 * new Header("X-Bot", "Webhook Bot")
 * }</pre>
 *
 * @param name  as given (compare case-insensitively)
 * @param value the value
 * @since 1.0.0
 */
public record Header(String name, String value) {
    /**
     * Checks that name and value are given.
     *
     * @since 1.0.0
     */
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
