package dev.switchboard.api;

import java.util.Map;

/**
 * The host's template engine: Jinja (Jinjava) configured like Cerb's Twig, with Cerb's helpers and hard limits.
 *
 * <pre>{@code
 * String body = host.templates().render("Hello {{ name|upper }}", Map.of("name", "joe"));
 * }</pre>
 *
 * @since 1.0.0
 */
public interface Templates {
    /**
     * Renders a template.
     *
     * @throws TemplateException when it does not parse, fails, or exceeds a limit
     * @since 1.0.0
     */
    String render(String template, Map<String, Object> variables);

    /**
     * Parses a template without rendering it. @throws TemplateException when it does not parse
     *
     * @since 1.0.0
     */
    void check(String template);
}
