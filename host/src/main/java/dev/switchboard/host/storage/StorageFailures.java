package dev.switchboard.host.storage;

import java.sql.SQLException;

/** Tells a database error that means "no space or resources now, retry later" from the others. */
final class StorageFailures {
    /** SQLite's primary result code SQLITE_FULL ("database or disk is full"). */
    private static final int SQLITE_FULL = 13;

    private StorageFailures() {
    }

    /**
     * Wraps a failure of the database driver: {@link StorageUnavailableException} when some cause in the chain is
     * SQLITE_FULL or a PostgreSQL SQLSTATE of class 53, else a plain {@link StorageException}.
     */
    static StorageException classify(String what, RuntimeException e, Dialect dialect) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && unavailable(sql, dialect)) {
                // The message reaches the public /health: the code only, not the driver's text (file paths, SQL).
                String code = dialect == Dialect.SQLITE ? "SQLITE_FULL, database or disk is full"
                        : "SQLSTATE " + sql.getSQLState();
                return new StorageUnavailableException(what + ": the database cannot take writes now (" + code + ")",
                        e);
            }
        }
        return new StorageException(what + ": " + e.getMessage(), e);
    }

    private static boolean unavailable(SQLException e, Dialect dialect) {
        if (dialect == Dialect.SQLITE) {
            // sqlite-jdbc puts the result code in the vendor code; extended codes keep the primary one in the low byte.
            return (e.getErrorCode() & 0xff) == SQLITE_FULL;
        }
        String state = e.getSQLState();
        return state != null && state.startsWith("53");
    }
}
