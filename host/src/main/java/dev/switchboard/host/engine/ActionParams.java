package dev.switchboard.host.engine;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.ParamType;
import dev.switchboard.api.Secrets;
import dev.switchboard.host.secrets.Redaction;
import dev.switchboard.host.template.TemplateEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Prepares an action's params per {@link ParamType} before {@code execute}: templates rendered (constant text
 * skips the template engine), numbers and booleans converted, choices checked; undeclared keys passed as given.
 * {@link #check} is the same without rendering, for validation at import.
 */
public final class ActionParams {
    private ActionParams() {
    }

    /**
     * @param raw    the action's JSON object ({@code action} plus params)
     * @param render renders one template against the current dictionary
     * @throws ActionException naming the param when a value is missing or of the wrong type
     */
    public static Map<String, Object> prepare(Action action, Map<String, Object> raw, UnaryOperator<String> render) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> declared = new ArrayList<>();
        for (ActionParam p : action.params()) {
            declared.add(p.name());
            Object v = raw.get(p.name());
            if (v == null) {
                if (p.required()) {
                    throw new ActionException("param '" + p.name() + "' is required");
                }
                continue;
            }
            out.put(p.name(), convert(p, v, render));
        }
        raw.forEach((k, v) -> {
            if (!k.equals("action") && !declared.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** What a trace shows instead of a secret param's value. */
    public static final String MASK = Secrets.MASK;

    /**
     * The params as a trace records them, by the one {@link Redaction} policy: a param named like a credential (e.g.
     * {@code verify_hmac_signature}'s {@code secret}) shows {@value #MASK}, and so does every credential inside the
     * others ({@code Authorization: Bearer ...} in {@code http_request}'s headers, {@code ?api_key=} in a URL, a
     * {@code password} key in a map), so the request log and the simulator never keep them.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> forTrace(Map<String, Object> params) {
        return (Map<String, Object>) Redaction.maskTree(params);
    }

    /** Validates params without rendering; returns the problem with the param name, or null when fine. */
    public static String check(Action action, Map<String, Object> raw) {
        for (ActionParam p : action.params()) {
            Object v = raw.get(p.name());
            if (v == null) {
                if (p.required()) {
                    return "param '" + p.name() + "' is required";
                }
                continue;
            }
            try {
                boolean templated = v instanceof String s && !TemplateEngine.isConstant(s);
                if (!templated) {
                    convert(p, v, UnaryOperator.identity());
                } else if (p.type() == ParamType.TEMPLATE_MAP) {
                    return "param '" + p.name() + "' must be a JSON object";
                }
            } catch (ActionException e) {
                return e.getMessage();
            }
        }
        return null;
    }

    private static Object convert(ActionParam p, Object v, UnaryOperator<String> render) {
        String name = p.name();
        switch (p.type()) {
            case TEMPLATE:
                return renderText(Values.text(v), render);
            case TEXT: {
                String s = Values.text(v);
                if (!p.choices().isEmpty() && p.choices().stream().noneMatch(c -> c.equalsIgnoreCase(s))) {
                    throw new ActionException("param '" + name + "' must be one of " + p.choices() + ", not '" + s
                            + "'");
                }
                return s;
            }
            case NUMBER: {
                Object n = v instanceof String s ? renderText(s, render).trim() : v;
                if (n instanceof Number num) {
                    return integral(num.doubleValue()) && !(num instanceof Double d && d % 1 != 0)
                            ? (Object) num.longValue() : (Object) num.doubleValue();
                }
                Double d = Values.number(n);
                if (d == null || !(n instanceof String)) {
                    throw new ActionException("param '" + name + "' must be a number, not '" + Values.text(n) + "'");
                }
                return integral(d) && !((String) n).contains(".") ? (Object) d.longValue() : (Object) d;
            }
            case BOOLEAN: {
                if (v instanceof String s) {
                    String t = renderText(s, render).trim().toLowerCase(Locale.ROOT);
                    return t.equals("1") || t.equals("true") || t.equals("yes") || t.equals("on");
                }
                return Values.truthy(v);
            }
            case TEMPLATE_MAP: {
                if (!(v instanceof Map<?, ?> m)) {
                    throw new ActionException("param '" + name + "' must be a JSON object");
                }
                return renderMap(m, render);
            }
            case JSON:
            default:
                return v;
        }
    }

    private static boolean integral(double d) {
        return d == Math.rint(d) && Math.abs(d) < 9.0e15;
    }

    private static String renderText(String s, UnaryOperator<String> render) {
        return TemplateEngine.isConstant(s) ? s : render.apply(s);
    }

    private static Map<String, Object> renderMap(Map<?, ?> m, UnaryOperator<String> render) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            Object r = v;
            if (v instanceof String s) {
                r = renderText(s, render);
            } else if (v instanceof Map<?, ?> inner) {
                r = renderMap(inner, render);
            }
            out.put(String.valueOf(k), r);
        });
        return out;
    }
}
