package dev.switchboard.webhooks.limits;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Rates} in this process's memory: the single-node behaviour. */
final class LocalRates implements Rates {
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    LocalRates(Clock clock) {
        this.clock = clock;
    }

    private static final class Bucket {
        private double tokens = -1;
        private long refilledAt;

        synchronized long take(int perMinute, long millis) {
            if (tokens < 0) {
                tokens = perMinute;
            } else {
                tokens = Math.min(perMinute, tokens + Math.max(0, millis - refilledAt) * perMinute / 60_000.0);
            }
            refilledAt = millis;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) * 60 / perMinute));
        }
    }

    @Override
    public long take(String bucket, int perMinute) {
        return buckets.computeIfAbsent(bucket, k -> new Bucket()).take(perMinute, clock.millis());
    }
}
