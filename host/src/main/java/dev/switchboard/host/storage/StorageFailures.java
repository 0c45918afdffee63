package dev.switchboard.host.storage;

import java.sql.SQLException;

/** Tells a database error that means "the disk is full, retry later" from the others. */
final class StorageFailures {
    /** SQLite's primary result code SQLITE_FULL ("database or disk is full"). */
    private static final int SQLITE_FULL = 13;
    /** PostgreSQL's SQLSTATE disk_full. */
    private static final String DISK_FULL = "53100";

    private StorageFailures() {
    }

    /**
     * Wraps a failure of the database driver: {@link StorageUnavailableException} when some cause in the chain is
     * SQLite's SQLITE_FULL or PostgreSQL's 53100 disk_full, else a plain {@link StorageException}. (Other
     * "insufficient resources" states, such as 53300 too many connections, are not about space and pass on as
     * plain failures.)
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
        return DISK_FULL.equals(e.getSQLState());
    }
}
