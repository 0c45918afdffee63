package dev.switchboard.api;

import java.util.List;
import java.util.Objects;

/**
 * One declared parameter of an {@link Action}. Params are the keys of the action's JSON object next to
 * {@code "action"}: {@code {"action": "set_http_header", "name": "X-Bot", "value": "{{va_name}}"}}.
 *
 * <pre>{@code
 * ActionParam.template("value", true, "Response body");
 * ActionParam.of("mode", ParamType.TEXT, false, "exit mode").withChoices(List.of("", "suspend"));
 * }</pre>
 *
 * @param name        key in the action's JSON object
 * @param type        how the value is validated and prepared
 * @param required    whether import refuses an action without it
 * @param description one line for people
 * @param choices     allowed literal values (empty: any); checked for {@code TEXT} params, case-insensitively
 * @since 1.0.0
 */
public record ActionParam(String name, ParamType type, boolean required, String description, List<String> choices) {
    /**
     * Checks name and type; a null description is empty, null choices none (the list is copied).
     *
     * @since 1.0.0
     */
    public ActionParam {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /**
     * A param of the given type with no choices.
     *
     * @since 1.0.0
     */
    public static ActionParam of(String name, ParamType type, boolean required, String description) {
        return new ActionParam(name, type, required, description, List.of());
    }

    /**
     * A templated text param.
     *
     * @since 1.0.0
     */
    public static ActionParam template(String name, boolean required, String description) {
        return of(name, ParamType.TEMPLATE, required, description);
    }

    /**
     * This param, restricted to the given literal values.
     *
     * @since 1.0.0
     */
    public ActionParam withChoices(List<String> allowed) {
        return new ActionParam(name, type, required, description, allowed);
    }
}
