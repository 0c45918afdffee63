package dev.switchboard.host.engine;

import dev.switchboard.api.Action;
import dev.switchboard.host.plugins.Extensions;
import dev.switchboard.host.plugins.Registered;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks a behavior against the registry before it is saved: the event exists, the tree parses, every action is
 * known and available in that event with its required params, every operator is known, every subroutine called
 * exists. Errors name the JSON path.
 */
public final class BehaviorValidator {
    private final Supplier<Extensions> extensions;

    public BehaviorValidator(Supplier<Extensions> extensions) {
        this.extensions = extensions;
    }

    /**
     * @param path the behavior's JSON path (e.g. {@code bots[0].behaviors[1]}), prefixed to every error path
     * @return the parsed tree
     * @throws InvalidBehaviorException naming the offending element
     */
    public List<Node> validate(String eventId, Map<String, Object> variables, Object nodes, String path) {
        Extensions ext = extensions.get();
        if (ext.event(eventId).isEmpty()) {
            throw new InvalidBehaviorException("Unknown event '" + eventId
                    + "' (is the plugin that provides it installed and enabled?)", path + ".event.key");
        }
        variables.forEach((key, def) -> {
            if (!(def instanceof Map)) {
                throw new InvalidBehaviorException("a variable must be a JSON object", path + ".variables." + key);
            }
        });
        List<Node> tree = TreeParser.parse(nodes, path + ".nodes");
        check(tree, tree, eventId, variables, ext);
        return tree;
    }

    private void check(List<Node> nodes, List<Node> root, String eventId, Map<String, Object> variables,
                       Extensions ext) {
        for (Node n : nodes) {
            for (int i = 0; i < n.actions().size(); i++) {
                checkAction(n.actions().get(i), n.path() + ".params.actions[" + i + "]", root, eventId, variables, ext);
            }
            for (int g = 0; g < n.groups().size(); g++) {
                List<Map<String, Object>> conds = n.groups().get(g).conditions();
                for (int c = 0; c < conds.size(); c++) {
                    Map<String, Object> cond = conds.get(c);
                    Object oper = cond.get("oper");
                    if (oper != null && !DateConditions.IDS.contains(String.valueOf(cond.get("condition")))
                            && !Compare.known(String.valueOf(oper))) {
                        throw new InvalidBehaviorException("Unknown operator '" + oper + "' (is, contains, like, "
                                + "regexp, gt, lt; ! negates)",
                                n.path() + ".params.groups[" + g + "].conditions[" + c + "].oper");
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
        if (id.equals("_run_subroutine")) {
            String title = String.valueOf(raw.get("subroutine"));
            boolean exists = root.stream().anyMatch(n -> n.type() == Node.Type.SUBROUTINE
                    && n.title().trim().equalsIgnoreCase(title.trim()));
            if (!exists && !title.contains("{")) {
                throw new InvalidBehaviorException("No subroutine titled '" + title + "'", path + ".subroutine");
            }
        }
    }
}
