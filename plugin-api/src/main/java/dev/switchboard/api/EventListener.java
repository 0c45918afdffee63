package dev.switchboard.api;

import org.pf4j.ExtensionPoint;

/**
 * Told of every {@link HostEvent}. Both callbacks have empty defaults (adding one never breaks a plugin); the host
 * calls each listener in its own try/catch, so one failing listener cannot break the others. Only a
 * {@link VetoException} thrown from {@link #inTransaction} changes the outcome.
 *
 * <pre>{@code
 * @Extension
 * public final class Outbox implements EventListener {
 *     public void inTransaction(HostEvent event, Sql sql) {
 *         sql.insert("INSERT INTO outbox(event_id, payload) VALUES (?, ?)", event.id(), json);
 *     }
 * }
 * }</pre>
 *
 * @since 1.0.0
 */
public interface EventListener extends ExtensionPoint {
    /**
     * Called inside the transaction that writes the change (record events and events published with a
     * transaction). Rows written through {@code sql} commit or roll back with the change.
     *
     * @throws VetoException to refuse the change
     * @since 1.0.0
     */
    default void inTransaction(HostEvent event, Sql sql) {
    }

    /**
     * Called after the change committed (or at once for events without a transaction).
     *
     * @since 1.0.0
     */
    default void afterCommit(HostEvent event) {
    }
}
