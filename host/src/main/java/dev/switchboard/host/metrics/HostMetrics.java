package dev.switchboard.host.metrics;

import dev.switchboard.api.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Micrometer with a Prometheus registry; what {@code GET /metrics} serves. The JVM's own meters (memory, threads,
 * GC, CPU, uptime) are added by {@link #bindJvmMetrics}, which a server calls once it serves (binding them was a
 * sixteenth of a start).
 */
public final class HostMetrics implements Metrics, AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /**
     * The meters by name and tags: Micrometer builds a meter id (sorted tags, a new object each) and looks it up on
     * every call, which profiles showed on every webhook call and delivery. Meters are never removed here.
     */
    private final Map<MeterKey, Counter> counters = new ConcurrentHashMap<>();
    private final Map<MeterKey, Timer> timers = new ConcurrentHashMap<>();
    private JvmGcMetrics gc; // guarded by this

    private record MeterKey(String name, List<String> tags) {
        MeterKey(String name, String[] tags) {
            this(name, List.of(tags)); // null names or values are refused here as Micrometer would refuse them
        }
    }
    private boolean closed; // guarded by this

    /** Adds the JVM's meters to the registry (once; not after {@link #close}). */
    public synchronized void bindJvmMetrics() {
        if (closed || gc != null) {
            return;
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
    }

    /** The registry, for host code that wants Micrometer directly. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void increment(String name, String... tags) {
        counters.computeIfAbsent(new MeterKey(name, tags), k -> registry.counter(name, tags)).increment();
    }

    @Override
    public void recordNanos(String name, long nanos, String... tags) {
        timers.computeIfAbsent(new MeterKey(name, tags), k -> Timer.builder(name).tags(tags)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void gauge(String name, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value).tags(tags).register(registry);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (gc != null) {
            gc.close();
        }
        registry.close();
    }
}
