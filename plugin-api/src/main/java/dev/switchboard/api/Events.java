package dev.switchboard.api;

import java.util.Map;

/**
 * Publishes events: broadcast behaviors bound to the event run (after commit), and every {@link EventListener} is
 * told (inside the transaction when one is given).
 *
 * <pre>{@code
 * host.events().publish("webhook.subscription.disabled", Map.of("subscription", Map.of("id", 7, "name", "crm")));
 * }</pre>
 *
 * @since 1.0.0
 */
public interface Events {
    /**
     * Publishes an event that is not tied to a transaction.
     *
     * @since 1.0.0
     */
    void publish(String eventId, Map<String, Object> data);

    /**
     * Publishes an event inside a write transaction: listeners' {@code inTransaction} run now (and may veto),
     * behaviors and {@code afterCommit} run once {@code sql} commits.
     *
     * @since 1.0.0
     */
    void publish(Sql sql, String eventId, Map<String, Object> data);
}
