package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.Row;
import dev.switchboard.api.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hourly counts for one subscription over its last hours, for the admin page's chart: deliveries by creation hour and
 * current status, and failed attempts (no 2xx answer) by the hour they started. Buckets are whole epoch hours; the
 * last is the current, partial hour. The bucket is integer division of the BIGINT epoch-millisecond columns, which
 * SQLite and PostgreSQL both compute the same way.
 */
final class DeliveryStats {
    /** One bucket's width. */
    static final long HOUR_MILLIS = 3_600_000L;

    private DeliveryStats() {
    }

    /** The last {@code hours} hourly buckets up to the hour that holds {@code now}. */
    static Map<String, Object> hourly(Sql sql, long subscriptionId, int hours, long now) {
        long until = Math.floorDiv(now, HOUR_MILLIS) * HOUR_MILLIS + HOUR_MILLIS;
        long since = until - hours * HOUR_MILLIS;
        List<Map<String, Object>> buckets = new ArrayList<>();
        for (int i = 0; i < hours; i++) {
            Map<String, Object> bucket = new LinkedHashMap<>();
            bucket.put("start", since + i * HOUR_MILLIS);
            bucket.put("succeeded", 0L);
            bucket.put("pending", 0L);
            bucket.put("dead", 0L);
            bucket.put("failed_attempts", 0L);
            buckets.add(bucket);
        }
        for (Row r : sql.query("SELECT bucket, status, COUNT(*) AS n FROM (SELECT (created_at - ?) / " + HOUR_MILLIS
                + " AS bucket, status FROM webhook_delivery WHERE subscription_id = ? AND created_at >= ? "
                + "AND created_at < ?) d GROUP BY bucket, status", since, subscriptionId, since, until)) {
            buckets.get(r.getInt("bucket", 0)).put(r.getString("status"), r.getLong("n"));
        }
        for (Row r : sql.query("SELECT bucket, COUNT(*) AS n FROM (SELECT (a.started_at - ?) / " + HOUR_MILLIS
                + " AS bucket FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id "
                + "WHERE d.subscription_id = ? AND a.started_at >= ? AND a.started_at < ? "
                + "AND (a.status < 200 OR a.status > 299)) f GROUP BY bucket", since, subscriptionId, since, until)) {
            buckets.get(r.getInt("bucket", 0)).put("failed_attempts", r.getLong("n"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hours", hours);
        out.put("bucket_ms", HOUR_MILLIS);
        out.put("since", since);
        out.put("until", until);
        out.put("dead_letters", sql.first("SELECT COUNT(*) AS n FROM webhook_delivery WHERE subscription_id = ? "
                + "AND status = 'dead'", subscriptionId).map(r -> r.getLong("n")).orElse(0L));
        out.put("buckets", buckets);
        return out;
    }
}
