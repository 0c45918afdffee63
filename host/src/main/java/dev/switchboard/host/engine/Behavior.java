package dev.switchboard.host.engine;

import java.util.Map;

/**
 * A stored behavior (Cerb's trigger_event).
 *
 * @param nodes the decision tree as JSON-like values (parsed into {@link Node}s once, by the cache)
 */
public record Behavior(long id, String uid, long botId, String title, String eventId, int priority,
                       boolean disabled, boolean isPrivate, Map<String, Object> variables, Object nodes,
                       long createdAt, long updatedAt) {
}
