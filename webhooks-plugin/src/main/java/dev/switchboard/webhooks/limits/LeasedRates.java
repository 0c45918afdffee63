package dev.switchboard.webhooks.limits;

import dev.switchboard.api.Database;
import dev.switchboard.api.Row;
import dev.switchboard.api.Sql;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Rates} shared by every node on one PostgreSQL without a round trip per request: the bucket lives in
 * {@code webhook_rate_bucket}, and a node leases a batch of tokens from it at a time ({@link #batch}: a tenth of
 * the minute's allowance, so about 10 leases a minute at full rate whatever the traffic) and spends them locally.
 * Unused tokens go back with the node's next lease; a lease is spent within {@link #LEASE_MILLIS} or given back,
 * so a node cannot sit on budget that the bucket has meanwhile refilled. When the shared bucket is empty the node
 * answers from memory until a token is due instead of asking again on every request.
 *
 * <p>Across N nodes the most accepted in any minute is the allowance plus the refill, plus at most one batch per
 * node that was leased but whose return is still pending. Node clocks should agree within a second (NTP): the
 * refill uses the leasing node's clock and never runs backwards.
 */
final class LeasedRates implements Rates {
    /** How long leased tokens may be spent before they are handed back. */
    static final long LEASE_MILLIS = 5_000;

    private final Database db;
    private final Clock clock;
    private final Map<String, Local> local = new ConcurrentHashMap<>();

    LeasedRates(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** This node's share of one bucket. */
    private static final class Local {
        int tokens;
        long leasedUntil;
        long emptyUntil;
    }

    /** Tokens leased at a time for a per-minute allowance. */
    static int batch(int perMinute) {
        return Math.max(1, Math.min(1000, perMinute / 10));
    }

    @Override
    public long take(String bucket, int perMinute) {
        Local l = local.computeIfAbsent(bucket, k -> new Local());
        synchronized (l) {
            long now = clock.millis();
            if (l.tokens > 0 && now < l.leasedUntil) {
                l.tokens--;
                return 0;
            }
            if (now < l.emptyUntil) {
                return Math.max(1, (l.emptyUntil - now + 999) / 1000);
            }
            int giveBack = l.tokens;
            l.tokens = 0;
            Lease lease = db.write(sql -> lease(sql, bucket, perMinute, batch(perMinute), giveBack, now));
            if (lease.granted() == 0) {
                l.emptyUntil = now + lease.waitMillis();
                return Math.max(1, (lease.waitMillis() + 999) / 1000);
            }
            l.tokens = lease.granted() - 1;
            l.leasedUntil = now + LEASE_MILLIS;
            return 0;
        }
    }

    /** Tokens granted, and when none were, the millis until the bucket holds one again. */
    record Lease(int granted, long waitMillis) {
    }

    /**
     * In {@code sql}'s transaction: refills the shared bucket for the time since its last refill, adds back
     * {@code giveBack} unused tokens, and takes up to {@code want} whole tokens. The row is locked for the
     * transaction, so concurrent leases from other nodes queue behind it.
     */
    static Lease lease(Sql sql, String bucket, int perMinute, int want, int giveBack, long now) {
        long cap = perMinute * 1000L;
        Row row = lockRow(sql, bucket);
        if (row == null) {
            sql.update("INSERT INTO webhook_rate_bucket(bucket, milli_tokens, refilled_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT (bucket) DO NOTHING", bucket, cap, now);
            row = lockRow(sql, bucket);
        }
        long refilledAt = row.getLong("refilled_at");
        // perMinute tokens a minute = perMinute / 60 thousandths of a token a millisecond; the clock moves on only
        // by the time the whole thousandths account for, so frequent leases lose no refill to rounding
        long elapsed = Math.max(0, now - refilledAt);
        long gained = elapsed * perMinute / 60;
        long available = row.getLong("milli_tokens") + giveBack * 1000L + gained;
        long refilled = refilledAt + gained * 60 / perMinute;
        if (available >= cap) {
            available = cap;
            refilled = Math.max(refilledAt, now);
        }
        int granted = (int) Math.min(want, available / 1000);
        long left = available - granted * 1000L;
        sql.update("UPDATE webhook_rate_bucket SET milli_tokens = ?, refilled_at = ? WHERE bucket = ?", left,
                refilled, bucket);
        long wait = granted > 0 ? 0 : ((1000 - left) * 60 + perMinute - 1) / perMinute;
        return new Lease(granted, Math.max(1, wait));
    }

    private static Row lockRow(Sql sql, String bucket) {
        String lock = "postgresql".equals(sql.dialect()) ? " FOR UPDATE" : "";
        return sql.first("SELECT milli_tokens, refilled_at FROM webhook_rate_bucket WHERE bucket = ?" + lock, bucket)
                .orElse(null);
    }
}
