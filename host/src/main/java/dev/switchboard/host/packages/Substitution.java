package dev.switchboard.host.packages;

import dev.switchboard.api.TemplateException;
import dev.switchboard.api.Templates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cerb's package placeholders: every {@code {{{ expression }}}} in every key and string value is replaced by the
 * expression rendered as a template ({@code {{{record_guid|lower}}}}, {@code {{{uid.bot_x}}}},
 * {@code {{{default.base_url}}}}). Ordinary {@code {{ }}} templates are left alone for the behaviors to render at
 * run time. Working value by value (not on the JSON text, as Cerb does) means a substituted value can never break
 * the JSON around it.
 */
final class Substitution {
    private static final Pattern TRIPLE = Pattern.compile("\\{\\{\\{(.+?)\\}\\}\\}", Pattern.DOTALL);
    private static final Pattern UID_REF = Pattern.compile("\\buid\\.([A-Za-z0-9_]+)");

    private final Templates templates;
    private final Map<String, Object> variables;

    /** @param variables prompt and placeholder values, {@code uid → {uid: id}}, {@code default → {base_url}} */
    Substitution(Templates templates, Map<String, Object> variables) {
        this.templates = templates;
        this.variables = variables;
    }

    /** A deep copy of {@code value} with every placeholder replaced. */
    Object apply(Object value, String path) {
        if (value instanceof String s) {
            return string(s, path);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                String childPath = path.isEmpty() ? key : path + "." + key;
                out.put(string(key, childPath), apply(e.getValue(), childPath));
            }
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                out.add(apply(l.get(i), path + "[" + i + "]"));
            }
            return out;
        }
        return value;
    }

    private String string(String s, String path) {
        if (!s.contains("{{{")) {
            return s;
        }
        Matcher m = TRIPLE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String rendered;
            try {
                rendered = templates.render("{{ " + m.group(1).trim() + " }}", variables);
            } catch (TemplateException e) {
                throw new PackageException(422, "Invalid placeholder {{{" + m.group(1) + "}}}: " + e.getMessage(),
                        path);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(rendered));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Refuses {@code {{{uid.x}}}} naming a uid the package does not define. */
    static void checkUidReferences(Object value, String path, Set<String> uids) {
        if (value instanceof String s) {
            Matcher m = TRIPLE.matcher(s);
            while (m.find()) {
                Matcher u = UID_REF.matcher(m.group(1));
                while (u.find()) {
                    if (!uids.contains(u.group(1))) {
                        throw new PackageException(422, "Unknown uid '" + u.group(1) + "' in {{{" + m.group(1)
                                + "}}}", path);
                    }
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String childPath = path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey();
                checkUidReferences(String.valueOf(e.getKey()), childPath, uids);
                checkUidReferences(e.getValue(), childPath, uids);
            }
        } else if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                checkUidReferences(l.get(i), path + "[" + i + "]", uids);
            }
        }
    }
}
