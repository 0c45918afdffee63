package dev.switchboard.host.storage;

import dev.switchboard.api.Row;
import dev.switchboard.api.Sql;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/** {@link Sql} over one Jdbi handle (one transaction). */
final class JdbiSql implements Sql {
    private final Handle handle;
    private final String dialect;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private boolean changed;

    JdbiSql(Handle handle, String dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    @Override
    public int update(String sql, Object... args) {
        int count = bind(handle.createUpdate(sql), args).execute();
        changed |= count > 0;
        return count;
    }

    @Override
    public long insert(String sql, Object... args) {
        // RETURNING works on SQLite ≥ 3.35 and PostgreSQL alike.
        long id = bind(handle.createQuery(sql + " RETURNING id"), args).mapTo(Long.class).one();
        changed = true;
        return id;
    }

    @Override
    public List<Row> query(String sql, Object... args) {
        return bind(handle.createQuery(sql), args).mapToMap().map(JdbiSql::row).list();
    }

    @Override
    public void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        // Plain JDBC on the transaction's connection: Jdbi's binding (an argument-factory lookup per value) was most
        // of the request log writer's time, and a batch binds many values.
        try (PreparedStatement statement = handle.getConnection().prepareStatement(sql)) {
            for (Object[] args : rows) {
                for (int i = 0; i < args.length; i++) {
                    set(statement, i + 1, value(args[i]));
                }
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            // Not a SwitchboardException, so the database classifies it (a full disk is StorageUnavailableException).
            throw new BatchFailed(e);
        }
        changed = true;
    }

    /** A value bound as Jdbi binds it: null untyped (as {@code Types.OTHER}), the common types by their setter. */
    private static void set(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.OTHER);
        } else if (value instanceof String s) {
            statement.setString(index, s);
        } else if (value instanceof Long l) {
            statement.setLong(index, l);
        } else if (value instanceof Integer n) {
            statement.setInt(index, n);
        } else if (value instanceof byte[] b) {
            statement.setBytes(index, b);
        } else {
            statement.setObject(index, value);
        }
    }

    /** A batch statement the driver refused; the cause is the driver's error. */
    static final class BatchFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BatchFailed(SQLException cause) {
            super("batch statement failed: " + cause.getMessage(), cause);
        }
    }

    @Override
    public String dialect() {
        return dialect;
    }

    @Override
    public void afterCommit(Runnable task) {
        afterCommit.add(task);
    }

    /** Whether a statement of this transaction inserted, updated or deleted a row. */
    boolean changed() {
        return changed;
    }

    List<Runnable> afterCommitTasks() {
        return afterCommit;
    }

    Handle handle() {
        return handle;
    }

    private static Row row(Map<String, Object> values) {
        return new Row(values);
    }

    private static <S extends SqlStatement<S>> S bind(S statement, Object[] args) {
        for (int i = 0; i < args.length; i++) {
            statement.bind(i, value(args[i]));
        }
        return statement;
    }

    private static Object value(Object arg) {
        // Booleans as 0/1 keep one schema for SQLite and PostgreSQL (INTEGER columns).
        if (arg instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return arg;
    }
}
