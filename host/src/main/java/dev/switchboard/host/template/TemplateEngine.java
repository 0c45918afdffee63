package dev.switchboard.host.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.switchboard.api.TemplateException;
import dev.switchboard.api.Templates;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;

/**
 * Jinja templates for behaviors (Jinjava), set up like Cerb's Twig: no autoescaping, undefined names print
 * nothing, CR LF and CR read as LF, the first newline after a block tag is dropped ({@code trim_blocks}), a
 * trailing newline is kept, and Cerb's helpers ({@code dict_set}, {@code json_encode}, {@code json_pretty}, …)
 * are there under their Cerb names. See docs/templates.md.
 */
public final class TemplateEngine implements Templates {
    private final Jinjava jinjava;

    public TemplateEngine() {
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withKeepTrailingNewline(true)
                .withFailOnUnknownTokens(false)
                .withNestedInterpretationEnabled(false)
                .build();
        this.jinjava = new Jinjava(config);
        CerbFilters.all().forEach(jinjava.getGlobalContext()::registerFilter);
        Arrays.stream(CerbFunctions.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                .forEach(this::registerFunction);
    }

    private void registerFunction(Method method) {
        method.setAccessible(true);
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", method.getName(), method));
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
