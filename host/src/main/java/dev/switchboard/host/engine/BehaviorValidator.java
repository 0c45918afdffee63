package dev.switchboard.host.engine;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.ParamType;
import dev.switchboard.api.TemplateException;
import dev.switchboard.api.Templates;
import dev.switchboard.host.plugins.Extensions;
import dev.switchboard.host.plugins.Registered;
import dev.switchboard.host.template.PcreRegex;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks a behavior against the registry before it is saved: the event exists, the tree parses, every action is
 * known and available in that event with its required params, every operator is known, every subroutine called
 * exists, every template parses (action params that are rendered, condition values and scripts, loop sources,
 * variable values) and every pattern of a {@code regexp} condition that is not a template compiles. Errors name the JSON path.
 */
public final class BehaviorValidator {
    private final Supplier<Extensions> extensions;
    private final Templates templates;

    public BehaviorValidator(Supplier<Extensions> extensions, Templates templates) {
        this.extensions = extensions;
        this.templates = templates;
    }

    /**
     * @param path the behavior's JSON path (e.g. {@code bots[0].behaviors[1]}), prefixed to every error path
     * @return the parsed tree
     * @throws InvalidBehaviorException naming the offending element
     */
    public List<Node> validate(String eventId, Map<String, Object> variables, Object nodes, String path) {
        return checked(eventId, variables, nodes, path + ".");
    }

    /**
     * Checks a tree written through the editor API ({@code PUT /api/behaviors/{id}/tree}) more strictly than an
     * import: besides everything {@link #validate} checks, every condition must test something the run has (see
     * {@link Placeholders#check}). Error paths start at {@code nodes}.
     *
     * @return the parsed tree
     * @throws InvalidBehaviorException naming the offending element
     */
    public List<Node> validateTree(String eventId, Map<String, Object> variables, Object nodes) {
        List<Node> tree = checked(eventId, variables, nodes, "");
        Placeholders.check(tree, extensions.get().event(eventId).orElseThrow().extension(), variables,
                extensions.get());
        return tree;
    }

    /** @param prefix the behavior's JSON path and a dot, or "" when the document is the behavior */
    private List<Node> checked(String eventId, Map<String, Object> variables, Object nodes, String prefix) {
        Extensions ext = extensions.get();
        if (ext.event(eventId).isEmpty()) {
            throw new InvalidBehaviorException("Unknown event '" + eventId
                    + "' (is the plugin that provides it installed and enabled?)", prefix + "event.key");
        }
        variables.forEach((key, def) -> {
            if (!(def instanceof Map)) {
                throw new InvalidBehaviorException("a variable must be a JSON object", prefix + "variables." + key);
            }
        });
        List<Node> tree = TreeParser.parse(nodes, prefix + "nodes");
        check(tree, tree, eventId, variables, ext);
        return tree;
    }

    private void check(List<Node> nodes, List<Node> root, String eventId, Map<String, Object> variables,
                       Extensions ext) {
        for (Node n : nodes) {
            if (n.type() == Node.Type.LOOP) {
                template(n.params().get("foreach_json"), n.path() + ".params.foreach_json");
            }
            for (int i = 0; i < n.actions().size(); i++) {
                checkAction(n.actions().get(i), n.path() + ".params.actions[" + i + "]", root, eventId, variables, ext);
            }
            for (int g = 0; g < n.groups().size(); g++) {
                List<Map<String, Object>> conds = n.groups().get(g).conditions();
                for (int c = 0; c < conds.size(); c++) {
                    Map<String, Object> cond = conds.get(c);
                    String at = n.path() + ".params.groups[" + g + "].conditions[" + c + "]";
                    Object oper = cond.get("oper");
                    boolean dated = DateConditions.IDS.contains(String.valueOf(cond.get("condition")));
                    if (oper != null && !dated && !Compare.known(String.valueOf(oper))) {
                        throw new InvalidBehaviorException("Unknown operator '" + oper + "' (is, contains, like, "
                                + "regexp, gt, lt; ! negates)", at + ".oper");
                    }
                    template(cond.get("tpl"), at + ".tpl");
                    template(cond.get("value"), at + ".value");
                    if (!dated && oper != null && Compare.isRegexp(String.valueOf(oper))
                            && cond.get("value") instanceof String pattern && !pattern.contains("{{")
                            && !pattern.contains("{%")) {
                        try {
                            PcreRegex.compile(pattern);
                        } catch (IllegalArgumentException e) {
                            throw new InvalidBehaviorException("Condition pattern: " + e.getMessage(), at + ".value");
                        }
                    }
                }
            }
            check(n.nodes(), root, eventId, variables, ext);
        }
    }

    private void checkAction(Map<String, Object> raw, String path, List<Node> root, String eventId,
                             Map<String, Object> variables, Extensions ext) {
        String id = String.valueOf(raw.get("action"));
        Optional<Registered<Action>> reg = ext.action(id);
        if (reg.isEmpty()) {
            if (id.startsWith("var_")) {
                if (!variables.containsKey(id)) {
                    throw new InvalidBehaviorException("Unknown variable '" + id + "' (declare it in variables)",
                            path + ".action");
                }
                template(raw.get("value"), path + ".value");
                return;
            }
            throw new InvalidBehaviorException("Unknown action '" + id
                    + "' (is the plugin that provides it installed and enabled?)", path + ".action");
        }
        Action action = reg.get().extension();
        if (!action.events().isEmpty() && !action.events().contains(eventId)) {
            throw new InvalidBehaviorException("Action '" + id + "' is not available in event '" + eventId + "'",
                    path + ".action");
        }
        String problem = ActionParams.check(action, raw);
        if (problem != null) {
            throw new InvalidBehaviorException("Action '" + id + "': " + problem, path);
        }
        for (ActionParam p : action.params()) {
            if (p.type() != ParamType.JSON && p.type() != ParamType.TEXT) {
                template(raw.get(p.name()), path + "." + p.name());
            }
        }
        if (id.equals("_run_subroutine")) {
            String title = String.valueOf(raw.get("subroutine"));
            boolean exists = root.stream().anyMatch(n -> n.type() == Node.Type.SUBROUTINE
                    && n.title().trim().equalsIgnoreCase(title.trim()));
            if (!exists && !title.contains("{")) {
                throw new InvalidBehaviorException("No subroutine titled '" + title + "'", path + ".subroutine");
            }
        }
    }

    /** A rendered value: text that must parse as a template, or a JSON object whose text values are templates. */
    private void template(Object value, String path) {
        if (value instanceof String text) {
            try {
                templates.check(text);
            } catch (TemplateException e) {
                throw new InvalidBehaviorException("Template does not parse: " + e.getMessage(), path);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> template(v, path + "." + k));
        }
    }
}
