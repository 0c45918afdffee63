package dev.switchboard.host.template;

import java.util.Map;

/** One engine with the default limits, for tests that render short templates. */
final class TwigRender {
    private static final TemplateEngine TEMPLATES = new TemplateEngine();

    private TwigRender() {
    }

    static TemplateEngine engine() {
        return TEMPLATES;
    }

    static String render(String template) {
        return TEMPLATES.render(template, Map.of());
    }

    static String render(String template, Map<String, Object> vars) {
        return TEMPLATES.render(template, vars);
    }
}
