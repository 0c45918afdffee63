package dev.switchboard.api;

import java.util.Objects;

/**
 * One variable an {@link Action} sets in the dictionary, declared next to its params ({@link Action#outputs()}).
 *
 * <pre>{@code
 * ActionOutput.of("word_count", ParamType.NUMBER, "how many words the text has");
 * ActionOutput.of("{object_placeholder}_id", ParamType.NUMBER, "the new ticket's id");
 * }</pre>
 *
 * @param name        the variable's name; {@code {param}} stands for the value of that declared param
 * @param type        what the value is: {@code TEXT}, {@code NUMBER}, {@code BOOLEAN} or {@code JSON} (a list or a
 *                    map); the template types are for params only
 * @param description one line for people
 * @since 1.4.0
 */
public record ActionOutput(String name, ParamType type, String description) {
    /**
     * Checks name and type; a null description is empty.
     *
     * @throws IllegalArgumentException for a blank name or a template type
     * @since 1.4.0
     */
    public ActionOutput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an action output needs a variable name");
        }
        if (type == ParamType.TEMPLATE || type == ParamType.TEMPLATE_MAP) {
            throw new IllegalArgumentException("output " + name + ": " + type
                    + " is a param type; an output is TEXT, NUMBER, BOOLEAN or JSON");
        }
        description = description == null ? "" : description;
    }

    /**
     * The same as the constructor.
     *
     * @since 1.4.0
     */
    public static ActionOutput of(String name, ParamType type, String description) {
        return new ActionOutput(name, type, description);
    }
}
