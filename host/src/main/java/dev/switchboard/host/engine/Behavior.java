package dev.switchboard.host.engine;

import java.util.Map;

/**
 * A stored behavior (Cerb's trigger_event).
 *
 * @param nodes       the decision tree as JSON-like values (parsed into {@link Node}s once, by the cache)
 * @param eventParams Cerb's event params (a recurrent behavior's {@code repeat_patterns} and {@code timezone});
 *                    empty for events that take none
 */
public record Behavior(long id, String uid, long botId, String title, String eventId, int priority,
                       boolean disabled, boolean isPrivate, Map<String, Object> variables, Object nodes,
                       long createdAt, long updatedAt, Map<String, Object> eventParams) {
    public Behavior {
        eventParams = eventParams == null ? Map.of() : eventParams;
    }

    public Behavior(long id, String uid, long botId, String title, String eventId, int priority, boolean disabled,
                    boolean isPrivate, Map<String, Object> variables, Object nodes, long createdAt, long updatedAt) {
        this(id, uid, botId, title, eventId, priority, disabled, isPrivate, variables, nodes, createdAt, updatedAt,
                Map.of());
    }
}
