package dev.switchboard.webhooks.inbound;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-listener rate limit (a token bucket holding a minute's allowance, refilled continuously) and cap on
 * concurrent behavior runs. {@link #acquire} answers how many seconds to wait, or 0 when the caller may run and
 * must {@link #release} afterwards.
 */
final class ListenerLimits {
    private final InboundSettings settings;
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    ListenerLimits(InboundSettings settings) {
        this.settings = settings;
    }

    private static final class Bucket {
        private double tokens = -1;
        private long refilledAt;
        private final AtomicInteger running = new AtomicInteger();

        /** Takes a token; returns 0, or the seconds until one is available. */
        synchronized long take(int perMinute, long nanos) {
            if (tokens < 0) {
                tokens = perMinute;
            } else {
                tokens = Math.min(perMinute, tokens + (nanos - refilledAt) * perMinute / 60e9);
            }
            refilledAt = nanos;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) * 60 / perMinute));
        }
    }

    /** 0 when the request may run (then call {@link #release}); otherwise the Retry-After seconds. */
    long acquire(Listener listener) {
        Bucket b = buckets.computeIfAbsent(listener.id(), id -> new Bucket());
        int perMinute = listener.rateLimit() == null ? settings.rateLimit() : listener.rateLimit();
        long wait = b.take(perMinute, System.nanoTime());
        if (wait > 0) {
            return wait;
        }
        int cap = listener.maxConcurrent() == null ? settings.maxConcurrent() : listener.maxConcurrent();
        if (b.running.incrementAndGet() > cap) {
            b.running.decrementAndGet();
            return 1;
        }
        return 0;
    }

    void release(Listener listener) {
        Bucket b = buckets.get(listener.id());
        if (b != null) {
            b.running.decrementAndGet();
        }
    }
}
