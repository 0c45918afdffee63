package dev.switchboard.api;

/**
 * The host's database. Writes are serialised through one writer (SQLite {@code BEGIN IMMEDIATE}); reads use a pool.
 * Why not Jdbi in the API: plugins must keep working when the host changes its data-access library, so the API
 * offers this small handle instead; plugins that need more can bundle their own mapper on top of {@link Sql}.
 *
 * <pre>{@code
 * long id = host.database().write(sql -> sql.insert("INSERT INTO t(name) VALUES (?)", "x"));
 * List<Row> rows = host.database().read(sql -> sql.query("SELECT * FROM t"));
 * }</pre>
 *
 * @since 1.0.0
 */
public interface Database {
    /**
     * Work done in a transaction.
     *
     * @since 1.0.0
     */
    @FunctionalInterface
    interface Work<T> {
        /**
         * The work; what it returns is what {@code write} or {@code read} returns, what it throws rolls back.
         *
         * @since 1.0.0
         */
        T run(Sql sql) throws Exception;
    }

    /**
     * Runs {@code work} in a write transaction; it commits when work returns and rolls back when it throws.
     *
     * @since 1.0.0
     */
    <T> T write(Work<T> work);

    /**
     * Runs {@code work} on a read-only connection.
     *
     * @since 1.0.0
     */
    <T> T read(Work<T> work);

    /**
     * {@code sqlite} or {@code postgresql}.
     *
     * @since 1.0.0
     */
    String dialect();
}
