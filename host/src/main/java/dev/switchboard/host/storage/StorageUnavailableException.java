package dev.switchboard.host.storage;

/**
 * The database cannot take writes for now because its disk is full, not because of the request: SQLite's
 * SQLITE_FULL (the disk, or {@code max_page_count}) or PostgreSQL's SQLSTATE 53100 disk_full. The HTTP server answers
 * 503 with {@code Retry-After}, and {@code /health} reports the database degraded until a write stores a row again.
 */
public final class StorageUnavailableException extends StorageException {
    /** The {@code Retry-After} a 503 for this carries: long enough for an operator's alert, short for a retry. */
    public static final int RETRY_AFTER_SECONDS = 5;
    private static final long serialVersionUID = 1L;

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
