package dev.switchboard.webhooks.limits;

import dev.switchboard.api.Database;
import java.time.Clock;

/**
 * Per-minute rate limits by bucket name ({@code listener:12}, {@code subscription:3}): a token bucket holding a
 * minute's allowance, refilled continuously. On SQLite (one node) the buckets live in this process; on PostgreSQL
 * every node shares them through {@link LeasedRates}, so N nodes together accept the limit, not N times it.
 */
public interface Rates {
    /**
     * Takes one token.
     *
     * @return 0 when the caller may go ahead, else the seconds until a token is expected (at least 1)
     */
    long take(String bucket, int perMinute);

    /** The implementation for this database: shared leases on PostgreSQL, in memory on SQLite. */
    static Rates forDatabase(Database db, Clock clock) {
        return "postgresql".equals(db.dialect()) ? new LeasedRates(db, clock) : new LocalRates(clock);
    }
}
