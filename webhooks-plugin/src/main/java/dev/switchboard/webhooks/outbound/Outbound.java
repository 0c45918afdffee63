package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.PluginHost;
import dev.switchboard.webhooks.Housekeeping;
import java.time.Duration;

/**
 * The outbound side's shared parts, owned by the plugin: the subscription store, the outbox, the sender and the
 * delivery worker (started and stopped with the plugin). Settings, all optional:
 * {@code webhooks.outbound.retry_schedule} (seconds, comma-separated), {@code webhooks.outbound.timeout_seconds}
 * (30), {@code webhooks.outbound.workers} (16), {@code webhooks.outbound.concurrency_per_subscription} (4),
 * {@code webhooks.outbound.disable_after_hours} (120), {@code webhooks.outbound.breaker_failures} (5),
 * {@code webhooks.outbound.breaker_open_seconds} (30), {@code webhooks.outbound.inline_timeout_seconds} (5).
 */
public final class Outbound {
    private final PluginHost host;
    private final SubscriptionStore subscriptions;
    private final Outbox outbox;
    private final Sender sender;
    private final DeliveryWorker worker;
    private final InlineDelivery inline;

    public Outbound(PluginHost host) {
        this.host = host;
        this.subscriptions = new SubscriptionStore(host.secrets(), host.json());
        this.outbox = new Outbox(host.json());
        this.sender = new Sender(host.http(), host.clock());
        RetryPolicy retries = host.config("webhooks.outbound.retry_schedule").map(RetryPolicy::parse)
                .orElse(new RetryPolicy(RetryPolicy.SVIX));
        this.worker = new DeliveryWorker(this, retries, new DeliveryWorker.Settings(
                Duration.ofSeconds(number("timeout_seconds", 30)), (int) number("workers", 16),
                (int) number("concurrency_per_subscription", 4), Duration.ofHours(number("disable_after_hours", 120)),
                (int) number("breaker_failures", 5), Duration.ofSeconds(number("breaker_open_seconds", 30))));
        this.inline = new InlineDelivery(this, retries, Duration.ofSeconds(number("inline_timeout_seconds", 5)));
    }

    private long number(String key, long fallback) {
        return host.config("webhooks.outbound." + key).map(v -> {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("webhooks.outbound." + key + " must be a whole number, got " + v);
            }
        }).orElse(fallback);
    }

    /** Starts the delivery worker, in processes that run background work. */
    public void start() {
        if (host.runsWorkers()) {
            worker.start();
        }
    }

    /** Stops the delivery worker; deliveries in flight are claimed again when their lease ends. */
    public void stop() {
        worker.stop();
    }

    /**
     * Deletes finished deliveries (succeeded or dead) and their attempts once untouched for
     * {@code webhooks.outbound.retention_days} (30), hourly across the cluster.
     */
    public Housekeeping.Job retentionJob() {
        long days = number("retention_days", 30);
        if (days < 1) {
            throw new IllegalArgumentException("webhooks.outbound.retention_days must be at least 1, got " + days);
        }
        return new Housekeeping.Job("delivery_retention", Duration.ofHours(1), (sql, now) -> {
            long cutoff = now - Duration.ofDays(days).toMillis();
            String finished = "SELECT id FROM webhook_delivery WHERE status IN ('succeeded', 'dead') AND updated_at < ?";
            sql.update("DELETE FROM webhook_attempt WHERE delivery_id IN (" + finished + ")", cutoff);
            return sql.update("DELETE FROM webhook_delivery WHERE id IN (" + finished + ")", cutoff);
        });
    }

    PluginHost host() {
        return host;
    }

    SubscriptionStore subscriptions() {
        return subscriptions;
    }

    Outbox outbox() {
        return outbox;
    }

    Sender sender() {
        return sender;
    }

    InlineDelivery inline() {
        return inline;
    }

    DeliveryWorker worker() {
        return worker;
    }
}
