package dev.switchboard.host.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import dev.switchboard.api.TemplateException;
import dev.switchboard.api.Templates;
import java.util.Map;

/**
 * Jinja templates for behaviors (Jinjava), configured like Cerb's Twig. This first cut renders plain Jinja; the
 * hardened configuration, Cerb's helpers and the parse cache come with the template work (issue 3).
 */
public final class TemplateEngine implements Templates {
    private final Jinjava jinjava;

    public TemplateEngine() {
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withFailOnUnknownTokens(false)
                .withNestedInterpretationEnabled(false)
                .build();
        this.jinjava = new Jinjava(config);
    }

    /** True when the text has no template syntax, so rendering it would return it unchanged. */
    public static boolean isConstant(String template) {
        return template.indexOf('{') < 0;
    }

    @Override
    public String render(String template, Map<String, Object> variables) {
        if (isConstant(template)) {
            return template;
        }
        RenderResult result = jinjava.renderForResult(template.replace("\r\n", "\n").replace('\r', '\n'), variables);
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new TemplateException("template error at line " + error.getLineno() + ": " + error.getMessage());
            }
        }
        return result.getOutput();
    }

    @Override
    public void check(String template) {
        render(template, Map.of());
    }
}
