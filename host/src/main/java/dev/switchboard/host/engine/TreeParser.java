package dev.switchboard.host.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a behavior's {@code nodes} JSON into {@link Node}s, checking the shape (types, statuses, params) so that a
 * bad tree is refused when it is saved, never discovered while a request waits.
 */
public final class TreeParser {
    /** Deeper trees are refused: the engine recurses per level. */
    public static final int MAX_DEPTH = 64;

    private TreeParser() {
    }

    /**
     * @param nodes the {@code nodes} value (a JSON array, or null for an empty tree)
     * @param path  the JSON path of {@code nodes}, e.g. {@code bots[0].behaviors[1].nodes}
     * @throws InvalidBehaviorException naming the offending node's path
     */
    public static List<Node> parse(Object nodes, String path) {
        return parseList(nodes, path, 0);
    }

    private static List<Node> parseList(Object nodes, String path, int depth) {
        if (nodes == null) {
            return List.of();
        }
        if (!(nodes instanceof List<?> list)) {
            throw new InvalidBehaviorException("nodes must be a JSON array", path);
        }
        if (depth > MAX_DEPTH) {
            throw new InvalidBehaviorException("the tree is nested deeper than " + MAX_DEPTH + " levels", path);
        }
        List<Node> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(parseNode(list.get(i), path + "[" + i + "]", depth));
        }
        return List.copyOf(out);
    }

    private static Node parseNode(Object value, String path, int depth) {
        if (!(value instanceof Map<?, ?> raw)) {
            throw new InvalidBehaviorException("a node must be a JSON object", path);
        }
        Map<String, Object> node = strings(raw);
        Node.Type type = type(node.get("type"), path + ".type");
        String title = node.get("title") == null ? "" : String.valueOf(node.get("title"));
        Node.Status status = status(node.get("status"), path + ".status");
        Object p = node.get("params");
        if (p != null && !(p instanceof Map) && !(p instanceof List<?> l && l.isEmpty())) {
            throw new InvalidBehaviorException("params must be a JSON object", path + ".params");
        }
        // PHP's json_encode writes an empty params map as [], so accept that too.
        Map<String, Object> params = p instanceof Map<?, ?> m ? strings(m) : Map.of();
        List<Node> children = parseList(node.get("nodes"), path + ".nodes", depth + 1);
        List<Map<String, Object>> actions = List.of();
        List<Node.ConditionGroup> groups = List.of();
        switch (type) {
            case ACTION -> actions = actions(params.get("actions"), path + ".params.actions");
            case OUTCOME -> groups = groups(params.get("groups"), path + ".params.groups");
            case LOOP -> {
                if (!(params.get("foreach_json") instanceof String)) {
                    throw new InvalidBehaviorException("a loop needs params.foreach_json (a template)",
                            path + ".params.foreach_json");
                }
                Object as = params.get("as_placeholder");
                if (!(as instanceof String s) || !s.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new InvalidBehaviorException("a loop needs params.as_placeholder (a placeholder name)",
                            path + ".params.as_placeholder");
                }
            }
            case SWITCH -> {
                for (int i = 0; i < children.size(); i++) {
                    if (children.get(i).type() != Node.Type.OUTCOME) {
                        throw new InvalidBehaviorException("a switch holds only outcomes",
                                path + ".nodes[" + i + "].type");
                    }
                }
            }
            case SUBROUTINE -> {
                if (title.isBlank()) {
                    throw new InvalidBehaviorException("a subroutine needs a title (it is called by title)",
                            path + ".title");
                }
            }
        }
        return new Node(type, title, status, params, children, actions, groups, path);
    }

    private static Node.Type type(Object v, String path) {
        if (v instanceof String s) {
            try {
                return Node.Type.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // fall through
            }
        }
        throw new InvalidBehaviorException("unknown node type '" + v + "' (action, loop, outcome, subroutine, switch)",
                path);
    }

    private static Node.Status status(Object v, String path) {
        if (v == null || "".equals(v)) {
            return Node.Status.LIVE;
        }
        if (v instanceof String s) {
            try {
                return Node.Status.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // fall through
            }
        }
        throw new InvalidBehaviorException("unknown node status '" + v + "' (live, disabled, simulator)", path);
    }

    private static List<Map<String, Object>> actions(Object v, String path) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new InvalidBehaviorException("params.actions must be a JSON array", path);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m) || !(m.get("action") instanceof String id) || id.isBlank()) {
                throw new InvalidBehaviorException("an action must be a JSON object with an \"action\" id",
                        path + "[" + i + "]");
            }
            out.add(strings(m));
        }
        return List.copyOf(out);
    }

    private static List<Node.ConditionGroup> groups(Object v, String path) {
        if (v == null || (v instanceof Map<?, ?> m && m.isEmpty())) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new InvalidBehaviorException("params.groups must be a JSON array", path);
        }
        List<Node.ConditionGroup> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String gp = path + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> g)) {
                throw new InvalidBehaviorException("a condition group must be a JSON object", gp);
            }
            Object conds = g.get("conditions");
            List<Map<String, Object>> conditions = new ArrayList<>();
            if (conds instanceof List<?> cl) {
                for (int j = 0; j < cl.size(); j++) {
                    if (!(cl.get(j) instanceof Map<?, ?> c) || !(c.get("condition") instanceof String id)
                            || id.isBlank()) {
                        throw new InvalidBehaviorException("a condition must be a JSON object with a \"condition\"",
                                gp + ".conditions[" + j + "]");
                    }
                    conditions.add(strings(c));
                }
            } else if (conds != null && !(conds instanceof Map<?, ?> cm && cm.isEmpty())) {
                throw new InvalidBehaviorException("conditions must be a JSON array", gp + ".conditions");
            }
            out.add(new Node.ConditionGroup(Values.truthy(g.get("any")), List.copyOf(conditions)));
        }
        return List.copyOf(out);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> strings(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return java.util.Collections.unmodifiableMap(out);
    }
}
