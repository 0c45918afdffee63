package dev.switchboard.api;

import java.util.function.Supplier;

/**
 * Metrics exported at {@code /metrics} (Prometheus text). Names use dots ({@code webhooks.requests}); tags are
 * name/value pairs.
 *
 * <pre>{@code
 * host.metrics().increment("webhooks.requests", "listener", "7", "status", "200");
 * host.metrics().recordNanos("webhooks.request.duration", nanos, "listener", "7");
 * }</pre>
 *
 * @since 1.0.0
 */
public interface Metrics {
    /**
     * Adds one to a counter.
     *
     * @since 1.0.0
     */
    void increment(String name, String... tags);

    /**
     * Records a duration in a timer (with a latency histogram).
     *
     * @since 1.0.0
     */
    void recordNanos(String name, long nanos, String... tags);

    /**
     * Registers a gauge read on each scrape.
     *
     * @since 1.0.0
     */
    void gauge(String name, Supplier<Number> value, String... tags);
}
