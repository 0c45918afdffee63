package dev.switchboard.host.storage;

import dev.switchboard.api.Sql;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs parts of one write transaction inside savepoints, so a failed statement undoes only its part: on PostgreSQL a
 * failed statement otherwise aborts the whole transaction, and on SQLite the part's earlier statements would commit
 * with the rest.
 *
 * <pre>{@code
 * Savepoints parts = Savepoints.of(sql);
 * parts.run(() -> listener.inTransaction(event, sql));
 * }</pre>
 */
public final class Savepoints {
    private static final AtomicLong NEXT = new AtomicLong();

    private final JdbiSql tx;

    private Savepoints(JdbiSql tx) {
        this.tx = tx;
    }

    /**
     * The savepoints of the transaction {@code sql} belongs to.
     *
     * @throws IllegalArgumentException when {@code sql} is not a transaction of a {@link HostDatabase}
     */
    public static Savepoints of(Sql sql) {
        if (!(sql instanceof JdbiSql tx)) {
            throw new IllegalArgumentException("a savepoint needs a transaction of the host database, not "
                    + (sql == null ? "null" : sql.getClass().getName()));
        }
        return new Savepoints(tx);
    }

    /**
     * Runs {@code work} in a new savepoint. When it throws, the transaction is rolled back to the savepoint (its
     * statements and the after-commit tasks it added are undone) and the failure is rethrown; the transaction stays
     * usable. When it returns, the savepoint is released and its writes stay in the transaction.
     *
     * @throws RollbackFailed when the rollback itself fails (the connection broke): the transaction is lost
     */
    public void run(Runnable work) {
        String name = "sb_part_" + NEXT.incrementAndGet();
        List<Runnable> tasks = tx.afterCommitTasks();
        int tasksBefore = tasks.size();
        tx.handle().savepoint(name);
        try {
            work.run();
        } catch (RuntimeException | LinkageError e) {
            try {
                tx.handle().rollbackToSavepoint(name); // Jdbi forgets the savepoint with it
            } catch (RuntimeException rollback) {
                // The transaction is unusable now: the whole write fails, keeping why the part failed.
                RollbackFailed failed = new RollbackFailed(rollback);
                failed.addSuppressed(e);
                throw failed;
            }
            tasks.subList(tasksBefore, tasks.size()).clear();
            throw e;
        }
        tx.handle().releaseSavepoint(name);
    }

    /** Rolling back to a savepoint failed: the transaction cannot go on, so the whole write must fail. */
    public static final class RollbackFailed extends StorageException {
        private static final long serialVersionUID = 1L;

        RollbackFailed(Throwable cause) {
            super("cannot roll back to a savepoint: " + cause.getMessage(), cause);
        }
    }
}
