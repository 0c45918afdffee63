package dev.switchboard.api;

import java.util.Objects;

/**
 * A value an {@link EventType} puts in the behavior's dictionary, documented for the admin and the simulator.
 *
 * <pre>{@code
 * new Placeholder("http_verb", "text", "Request method, upper case")
 * }</pre>
 *
 * @param name        the dictionary key, e.g. {@code http_verb}
 * @param type        {@code text}, {@code number}, {@code boolean}, {@code map}, {@code list} or {@code any}
 * @param description one line for people
 * @since 1.0.0
 */
public record Placeholder(String name, String type, String description) {
    /**
     * Checks name and type; a null description is empty.
     *
     * @since 1.0.0
     */
    public Placeholder {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
    }
}
