package dev.switchboard.api;

/**
 * The type of an {@link ActionParam}; the engine validates params at import time and renders templates before
 * {@link Action#execute} is called.
 *
 * <pre>{@code
 * ActionParam.of("timeout", ParamType.NUMBER, false, "seconds")
 * }</pre>
 *
 * @since 1.0.0
 */
public enum ParamType {
    /**
     * A template rendered against the dictionary; arrives as a {@code String}.
     *
     * @since 1.0.0
     */
    TEMPLATE,
    /**
     * A literal string, not rendered.
     *
     * @since 1.0.0
     */
    TEXT,
    /**
     * A number (a JSON number or a numeric string); arrives as a {@code Long} or {@code Double}.
     *
     * @since 1.0.0
     */
    NUMBER,
    /**
     * A boolean ({@code true}, {@code 1}, {@code "1"}); arrives as a {@code Boolean}.
     *
     * @since 1.0.0
     */
    BOOLEAN,
    /**
     * A JSON object whose string values are templates, each rendered; arrives as a {@code Map<String, Object>}.
     *
     * @since 1.0.0
     */
    TEMPLATE_MAP,
    /**
     * Any JSON value, passed as is ({@code Map}, {@code List}, {@code String}, number, boolean or null).
     *
     * @since 1.0.0
     */
    JSON
}
