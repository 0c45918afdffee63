package dev.switchboard.webhooks.inbound;

import dev.switchboard.webhooks.limits.Rates;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-listener rate limit (a token bucket holding a minute's allowance, refilled continuously; shared by the
 * nodes on PostgreSQL, see {@link Rates}) and cap on concurrent behavior runs (per process). {@link #acquire}
 * answers how many seconds to wait, or 0 when the caller may run and must {@link #release} afterwards.
 */
final class ListenerLimits {
    private final InboundSettings settings;
    private final Rates rates;
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    ListenerLimits(InboundSettings settings, Rates rates) {
        this.settings = settings;
        this.rates = rates;
    }

    private static final class Bucket {
        private final AtomicInteger running = new AtomicInteger();
    }

    /** 0 when the request may run (then call {@link #release}); otherwise the Retry-After seconds. */
    long acquire(Listener listener) {
        Bucket b = buckets.computeIfAbsent(listener.id(), id -> new Bucket());
        int perMinute = listener.rateLimit() == null ? settings.rateLimit() : listener.rateLimit();
        long wait = rates.take("listener:" + listener.id(), perMinute);
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
