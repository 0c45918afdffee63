package dev.switchboard.host.engine;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.EventCondition;
import dev.switchboard.api.EventType;
import dev.switchboard.api.ParamType;
import dev.switchboard.api.Placeholder;
import dev.switchboard.host.plugins.Extensions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a condition of a tree may test, for trees written through the editor API: the event's placeholders and
 * conditions, the behavior's variables, the bot's and the behavior's own placeholders ({@code va_*},
 * {@code behavior_*}), Cerb's {@code _custom_script} and date conditions, names starting with {@code _} (what
 * response actions write, e.g. {@code _http_status}), and every placeholder the tree itself sets: a loop's
 * {@code as_placeholder} (with its {@code __key} and {@code __counter}) and the constant value of an action's text
 * param named {@code var}, {@code *_var} or {@code *_placeholder} (e.g. {@code _set_custom_var}'s {@code var},
 * {@code http.request}'s {@code response_placeholder}). A dotted key is checked by its first part.
 */
public final class Placeholders {
    /** What {@link Engine} puts in every run's dictionary. */
    static final List<String> BUILT_IN = List.of("va_id", "va_name", "va_config", "behavior_id", "behavior_name",
            "behavior_priority");

    private Placeholders() {
    }

    /**
     * The names a condition of this tree may test.
     *
     * @param tree may be empty (then only what the event, the variables and the host give)
     */
    public static Set<String> known(List<Node> tree, EventType event, Map<String, Object> variables,
                                    Extensions ext) {
        Set<String> names = new TreeSet<>(BUILT_IN);
        event.placeholders().stream().map(Placeholder::name).forEach(names::add);
        event.conditions().stream().map(EventCondition::id).forEach(names::add);
        names.addAll(variables.keySet());
        collectSet(tree, ext, names);
        return names;
    }

    /** @throws InvalidBehaviorException naming the first condition on a placeholder nothing provides */
    static void check(List<Node> tree, EventType event, Map<String, Object> variables, Extensions ext) {
        Set<String> names = known(tree, event, variables, ext);
        checkConditions(tree, event, names);
    }

    private static void checkConditions(List<Node> nodes, EventType event, Set<String> names) {
        for (Node n : nodes) {
            for (int g = 0; g < n.groups().size(); g++) {
                List<Map<String, Object>> conds = n.groups().get(g).conditions();
                for (int c = 0; c < conds.size(); c++) {
                    String id = String.valueOf(conds.get(c).get("condition"));
                    String first = id.split("\\.", 2)[0];
                    boolean ok = id.startsWith("_") || DateConditions.IDS.contains(id) || names.contains(id)
                            || names.contains(first);
                    if (!ok) {
                        throw new InvalidBehaviorException("Condition on '" + id + "': event '" + event.id()
                                + "' has no such placeholder (it has " + String.join(", ",
                                event.placeholders().stream().map(Placeholder::name).toList()) + ")",
                                n.path() + ".params.groups[" + g + "].conditions[" + c + "].condition");
                    }
                }
            }
            checkConditions(n.nodes(), event, names);
        }
    }

    private static void collectSet(List<Node> nodes, Extensions ext, Set<String> names) {
        for (Node n : nodes) {
            if (n.type() == Node.Type.LOOP && n.params().get("as_placeholder") instanceof String as) {
                names.add(as);
                names.add(as + "__key");
                names.add(as + "__counter");
            }
            for (Map<String, Object> raw : n.actions()) {
                String id = String.valueOf(raw.get("action"));
                Optional<Action> action = ext.action(id).map(r -> r.extension());
                for (ActionParam p : action.map(Action::params).orElse(List.of())) {
                    boolean setsOne = p.name().equals("var") || p.name().endsWith("_var")
                            || p.name().endsWith("_placeholder");
                    if (p.type() == ParamType.TEXT && setsOne && raw.get(p.name()) instanceof String v && !v.isBlank()) {
                        names.add(v.trim());
                    }
                }
            }
            collectSet(n.nodes(), ext, names);
        }
    }
}
