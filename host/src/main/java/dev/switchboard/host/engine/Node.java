package dev.switchboard.host.engine;

import java.util.List;
import java.util.Map;

/**
 * One node of a parsed decision tree. Parsed once per behavior version and cached, so a run never touches JSON.
 *
 * @param type     what the node does
 * @param title    its title (errors and the trace name it)
 * @param status   live, disabled or simulator-only
 * @param params   the node's {@code params} object as given
 * @param nodes    child nodes in order
 * @param actions  for action nodes: {@code params.actions[]}
 * @param groups   for outcomes: {@code params.groups[]}; empty means the outcome always passes (an "else")
 * @param path     the node's JSON path inside the behavior, for messages
 */
public record Node(Type type, String title, Status status, Map<String, Object> params, List<Node> nodes,
                   List<Map<String, Object>> actions, List<ConditionGroup> groups, String path) {

    /** Node types, as Cerb names them. */
    public enum Type {
        ACTION, LOOP, OUTCOME, SUBROUTINE, SWITCH;

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code live} runs; {@code disabled} skips the node and its subtree; {@code simulator} runs only in a dry run. */
    public enum Status {
        LIVE, DISABLED, SIMULATOR
    }

    /**
     * One condition group of an outcome.
     *
     * @param any        true: any condition passes the group (OR); false: all must (AND)
     * @param conditions the condition objects
     */
    public record ConditionGroup(boolean any, List<Map<String, Object>> conditions) {
    }
}
