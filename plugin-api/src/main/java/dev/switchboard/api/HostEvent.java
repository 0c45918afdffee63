package dev.switchboard.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened in the host: a record change ({@code ticket.created}, {@code ticket.updated},
 * {@code ticket.deleted}), an admin API call ({@code api.route_called}) or an event a plugin published; the ids
 * the host and its bundled plugins raise are {@link EventIds}' constants.
 *
 * <pre>{@code
 * // ticket.updated
 * new HostEvent(EventIds.TICKET_UPDATED, Instant.now(), "admin",
 *     Map.of("ticket", ticketMap, "changes", Map.of("status", Map.of("old", "open", "new", "closed"))));
 * }</pre>
 *
 * @param id    event id
 * @param at    when it happened
 * @param actor who caused it (token name, {@code system}, a behavior), never a secret
 * @param data  JSON-like payload: maps, lists, strings, numbers, booleans, null
 * @since 1.0.0
 */
public record HostEvent(String id, Instant at, String actor, Map<String, Object> data) {
    /**
     * Checks id and time; a null actor is {@code system}, null data empty.
     *
     * @since 1.0.0
     */
    public HostEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        actor = actor == null ? "system" : actor;
        data = data == null ? Map.of() : data;
    }
}
