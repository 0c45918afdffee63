package dev.switchboard.api;

import java.util.List;
import java.util.Optional;

/**
 * A handle on one transaction. Statements use positional {@code ?} parameters; arguments may be {@code String},
 * {@code Long}, {@code Integer}, {@code Double}, {@code Boolean} (stored as 0/1), {@code byte[]} or null.
 *
 * <pre>{@code
 * long id = sql.insert("INSERT INTO webhook_listener(name, guid, updated_at) VALUES (?, ?, ?)", name, guid, now);
 * sql.afterCommit(() -> cache.invalidate(guid));
 * }</pre>
 *
 * @since 1.0.0
 */
public interface Sql {
    /**
     * Runs INSERT/UPDATE/DELETE; returns the number of rows changed.
     *
     * @since 1.0.0
     */
    int update(String sql, Object... args);

    /**
     * Runs an INSERT into a table with a generated {@code id} column and returns that id.
     *
     * @since 1.0.0
     */
    long insert(String sql, Object... args);

    /**
     * Runs a query.
     *
     * @since 1.0.0
     */
    List<Row> query(String sql, Object... args);

    /**
     * Runs a query and returns its first row, if any.
     *
     * @since 1.0.0
     */
    default Optional<Row> first(String sql, Object... args) {
        List<Row> rows = query(sql, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * Runs one statement once per argument list, as a batch.
     *
     * @since 1.0.0
     */
    void batch(String sql, List<Object[]> rows);

    /**
     * The SQL dialect: {@code sqlite} or {@code postgresql}.
     *
     * @since 1.0.0
     */
    String dialect();

    /**
     * Runs the task after this transaction commits (not at all on rollback). Use it to invalidate caches.
     *
     * @since 1.0.0
     */
    void afterCommit(Runnable task);
}
