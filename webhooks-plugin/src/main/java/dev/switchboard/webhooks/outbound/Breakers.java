package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.Row;
import dev.switchboard.api.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-subscription circuit breakers: after {@code failuresToOpen} failed attempts in a row the subscription gets no
 * deliveries for {@code open}. Single-node (SQLite) they live in this worker's memory; {@code shared} (PostgreSQL)
 * they live in {@code webhook_subscription.breaker_failures / breaker_open_until}, so every worker counts the same
 * failures and pauses together, and a failing receiver is not hammered by each worker in turn. Both are updated
 * in the delivery loop's own transaction: one statement per subscription a round, one query a round for the open
 * ones. Used by the delivery loop thread only.
 */
final class Breakers {
    private static final Logger LOG = LoggerFactory.getLogger(Breakers.class);

    /** A finished attempt as the breaker sees it: succeeded, or failed and counted (unrenderable payloads are not). */
    record Outcome(long subscriptionId, String subscription, boolean succeeded, boolean counts) {
    }

    private static final class Local {
        int failures;
        long openUntil;
    }

    private final boolean shared;
    private final int failuresToOpen;
    private final Duration open;
    private final Map<Long, Local> local = new HashMap<>();

    Breakers(boolean shared, int failuresToOpen, Duration open) {
        this.shared = shared;
        this.failuresToOpen = failuresToOpen;
        this.open = open;
    }

    /** The subscriptions whose breaker is open at {@code now}, with the millis when it closes. */
    Map<Long, Long> open(Sql sql, long now) {
        Map<Long, Long> out = new HashMap<>();
        if (shared) {
            for (Row r : sql.query("SELECT id, breaker_open_until FROM webhook_subscription "
                    + "WHERE breaker_open_until > ?", now)) {
                out.put(r.getLong("id"), r.getLong("breaker_open_until"));
            }
        } else {
            local.forEach((id, b) -> {
                if (b.openUntil > now) {
                    out.put(id, b.openUntil);
                }
            });
        }
        return out;
    }

    /**
     * Applies a round's outcomes in order and settles each subscription once: its last success clears
     * {@code failing_since} (and the shared breaker); failures after it add to the count and may open the breaker.
     */
    void record(Sql sql, Iterable<Outcome> outcomes, long now) {
        Map<Long, int[]> rounds = new LinkedHashMap<>(); // id -> {reset (0/1), failures since}
        Map<Long, String> names = new HashMap<>();
        for (Outcome o : outcomes) {
            int[] s = rounds.computeIfAbsent(o.subscriptionId(), k -> new int[2]);
            names.put(o.subscriptionId(), o.subscription());
            if (o.succeeded()) {
                s[0] = 1;
                s[1] = 0;
            } else if (o.counts()) {
                s[1]++;
            }
        }
        rounds.forEach((id, s) -> {
            if (s[0] == 1 && s[1] == 0) {
                sql.update("UPDATE webhook_subscription SET failing_since = NULL, breaker_failures = 0, "
                        + "breaker_open_until = NULL WHERE id = ? AND (failing_since IS NOT NULL "
                        + "OR breaker_failures <> 0 OR breaker_open_until IS NOT NULL)", id);
            }
            if (s[1] > 0 || s[0] == 1) {
                failures(sql, id, names.get(id), s[0] == 1, s[1], now);
            }
        });
    }

    private void failures(Sql sql, long id, String name, boolean reset, int added, long now) {
        int failures;
        long openUntil;
        if (shared) {
            if (added == 0) {
                return; // the clear above did it
            }
            sql.update("UPDATE webhook_subscription SET breaker_failures = " + (reset ? "?" : "breaker_failures + ?")
                    + " WHERE id = ?", added, id);
            Row r = sql.first("SELECT breaker_failures, breaker_open_until FROM webhook_subscription WHERE id = ?", id)
                    .orElse(null);
            if (r == null) {
                return; // deleted meanwhile
            }
            failures = r.getLong("breaker_failures").intValue();
            Long until = r.getLong("breaker_open_until");
            openUntil = until == null ? 0 : until;
        } else {
            Local b = local.computeIfAbsent(id, k -> new Local());
            b.failures = (reset ? 0 : b.failures) + added;
            failures = b.failures;
            openUntil = b.openUntil;
        }
        if (failures >= failuresToOpen && openUntil <= now) {
            long until = now + open.toMillis();
            if (shared) {
                sql.update("UPDATE webhook_subscription SET breaker_open_until = ? WHERE id = ?", until, id);
            } else {
                local.get(id).openUntil = until;
            }
            LOG.warn("subscription {}: {} failures in a row, pausing deliveries until {}", name, failures,
                    Instant.ofEpochMilli(until));
        }
    }
}
