package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.EventIds;
import dev.switchboard.api.Sql;
import dev.switchboard.webhooks.limits.Rates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due deliveries. One loop thread writes finished attempts and claims due rows in one transaction per
 * round; a pool sends. Per subscription it enforces a concurrency limit (per worker), its {@code rate_limit}
 * (deliveries a minute, across the cluster, {@link Rates}) and a circuit breaker (after {@code breakerFailures}
 * failures in a row it stops sending for {@code breakerOpen}; shared by the workers on PostgreSQL,
 * {@link Breakers}); a 410 or a subscription
 * failing continuously for {@code disableAfter} disables it and announces {@code webhook.subscription.disabled}.
 */
final class DeliveryWorker {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    /** The event announcing that the engine disabled a subscription. */
    static final String DISABLED_EVENT = EventIds.WEBHOOK_SUBSCRIPTION_DISABLED;

    /** Engine limits. */
    record Settings(Duration timeout, int workers, int perSubscription, Duration disableAfter, int breakerFailures,
                    Duration breakerOpen) {
    }

    private record Result(Outbox.Due due, Subscription subscription, Attempt attempt, boolean payloadFailed) {
    }

    private final Outbound outbound;
    private final RetryPolicy retries;
    private final Settings settings;
    private final BlockingQueue<Result> results = new LinkedBlockingQueue<>();
    private final Map<Long, Integer> inFlight = new HashMap<>();
    private final Breakers breakers;
    private final Rates rates;
    private final Object wake = new Object();
    private boolean signalled;
    private volatile boolean running;
    private Thread loop;
    private ExecutorService pool;

    DeliveryWorker(Outbound outbound, RetryPolicy retries, Settings settings) {
        this.outbound = outbound;
        this.retries = retries;
        this.settings = settings;
        boolean shared = "postgresql".equals(outbound.host().database().dialect());
        this.breakers = new Breakers(shared, settings.breakerFailures(), settings.breakerOpen());
        this.rates = Rates.forDatabase(outbound.host().database(), outbound.host().clock());
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        pool = Executors.newFixedThreadPool(settings.workers(), r -> {
            Thread t = new Thread(r, "webhook-sender");
            t.setDaemon(true);
            return t;
        });
        loop = new Thread(this::run, "webhook-outbox");
        loop.setDaemon(true);
        loop.start();
    }

    /** Stops claiming, lets sends in flight finish briefly and records them; the rest are retried after their lease. */
    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake();
        try {
            loop.join(TimeUnit.SECONDS.toMillis(5));
            pool.shutdown();
            pool.awaitTermination(2, TimeUnit.SECONDS);
            if (!loop.isAlive()) {
                recordFinished();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Looks for due work now (called after a commit that queued deliveries). */
    void wake() {
        synchronized (wake) {
            signalled = true;
            wake.notifyAll();
        }
    }

    private void run() {
        while (running) {
            try {
                round();
                synchronized (wake) {
                    if (!signalled) {
                        wake.wait(250);
                    }
                    signalled = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("webhook delivery loop failed; retrying in 1 s", e);
                pause();
            }
        }
    }

    /**
     * One transaction per round: records the attempts that finished, then claims due deliveries for the free
     * senders, so a busy engine pays one commit for many deliveries.
     */
    private void round() {
        List<Result> done = new ArrayList<>();
        results.drainTo(done);
        for (Result r : done) {
            inFlight.computeIfPresent(r.due().subscriptionId(), (k, v) -> v <= 1 ? null : v - 1);
        }
        int free = settings.workers() - inFlight.values().stream().mapToInt(Integer::intValue).sum();
        if (done.isEmpty() && free <= 0) {
            return;
        }
        long now = outbound.host().clock().millis();
        List<Result> accepted = outbound.host().database().write(sql -> {
            for (Result r : done) {
                record(sql, r, now);
            }
            breakers.record(sql, outcomes(done), now);
            return free <= 0 ? List.<Result>of() : claim(sql, now, free);
        });
        for (Result r : accepted) {
            inFlight.merge(r.due().subscriptionId(), 1, Integer::sum);
            pool.execute(() -> {
                results.add(send(r.due(), r.subscription()));
                wake();
            });
        }
    }

    private List<Result> claim(Sql sql, long now, int free) {
        List<Result> send = new ArrayList<>();
        Map<Long, Subscription> subs = new HashMap<>();
        Map<Long, Integer> busy = new HashMap<>(inFlight);
        List<Outbox.Due> due = outbound.outbox().due(sql, now, free * 4);
        Map<Long, Long> open = due.isEmpty() ? Map.of() : breakers.open(sql, now);
        for (Outbox.Due d : due) {
            if (send.size() == free) {
                break;
            }
            Subscription s = subs.computeIfAbsent(d.subscriptionId(),
                    id -> outbound.subscriptions().find(sql, id).orElse(null));
            Long openUntil = open.get(d.subscriptionId());
            if (s == null || !s.enabled()) {
                outbound.outbox().bury(sql, d.id(), "the subscription is disabled", now);
            } else if (openUntil != null) {
                outbound.outbox().postpone(sql, d.id(), openUntil);
            } else if (busy.getOrDefault(d.subscriptionId(), 0) < settings.perSubscription()) {
                long wait = s.rateLimit() == null ? 0 : rates.take("subscription:" + s.id(), s.rateLimit());
                if (wait > 0) {
                    // over its rate: due again when the (cluster-wide) bucket holds a token; not an attempt
                    outbound.outbox().postpone(sql, d.id(), now + wait * 1000);
                } else {
                    busy.merge(d.subscriptionId(), 1, Integer::sum);
                    send.add(new Result(d, s, null, false));
                }
            }
        }
        outbound.outbox().lease(sql, send.stream().map(Result::due).toList(),
                now + settings.timeout().toMillis() + 30_000);
        return send;
    }

    private Result send(Outbox.Due due, Subscription s) {
        try {
            Payload payload = Payload.render(s, due.envelope(), outbound.host().templates(), outbound.host().json());
            return new Result(due, s, outbound.sender().send(s, due.webhookId(), payload.body(),
                    payload.contentType(), settings.timeout()), false);
        } catch (Payload.PayloadException e) {
            long now = outbound.host().clock().millis();
            return new Result(due, s, new Attempt(now, 0, "POST", s.url(), List.of(), 0, List.of(), new byte[0],
                    false, e.getMessage()), true);
        } catch (RuntimeException e) {
            LOG.error("delivery {} to subscription {} failed unexpectedly", due.webhookId(), s.name(), e);
            long now = outbound.host().clock().millis();
            return new Result(due, s, new Attempt(now, 0, "POST", s.url(), List.of(), 0, List.of(), new byte[0],
                    false, "internal error: " + e.getMessage()), false);
        }
    }

    /** At stop: records the attempts that finished, claims nothing. */
    private void recordFinished() {
        List<Result> done = new ArrayList<>();
        results.drainTo(done);
        if (!done.isEmpty()) {
            long now = outbound.host().clock().millis();
            outbound.host().database().write(sql -> {
                for (Result r : done) {
                    record(sql, r, now);
                }
                breakers.record(sql, outcomes(done), now);
                return null;
            });
        }
    }

    private static List<Breakers.Outcome> outcomes(List<Result> done) {
        return done.stream().map(r -> new Breakers.Outcome(r.due().subscriptionId(), r.subscription().name(),
                r.attempt().succeeded(), !r.payloadFailed())).toList();
    }

    private void record(Sql sql, Result r, long now) {
        Outbox box = outbound.outbox();
        Attempt a = r.attempt();
        long subId = r.subscription().id();
        if (r.payloadFailed()) {
            box.record(sql, r.due().id(), a, "dead", now, now);
        } else if (a.succeeded()) {
            box.record(sql, r.due().id(), a, "succeeded", now, now); // failing_since: cleared by the breakers
        } else if (a.status() == 410) {
            box.record(sql, r.due().id(), a, "dead", now, now);
            disable(sql, r.subscription(), "the receiver answered 410 Gone", now);
        } else {
            Duration delay = retries.next(r.due().attempts() + 1, retryAfter(a), Instant.ofEpochMilli(now));
            box.record(sql, r.due().id(), a, delay == null ? "dead" : "pending",
                    delay == null ? now : now + delay.toMillis(), now);
            sql.update("UPDATE webhook_subscription SET failing_since = ? WHERE id = ? AND failing_since IS NULL",
                    now, subId);
            Long since = sql.first("SELECT failing_since FROM webhook_subscription WHERE id = ?", subId)
                    .map(row -> row.getLong("failing_since")).orElse(null);
            if (since != null && now - since >= settings.disableAfter().toMillis()) {
                disable(sql, r.subscription(), "failing continuously since " + Instant.ofEpochMilli(since), now);
            }
        }
    }

    private void disable(Sql sql, Subscription s, String reason, long now) {
        if (sql.update("UPDATE webhook_subscription SET enabled = 0, disabled_reason = ?, updated_at = ? "
                + "WHERE id = ? AND enabled = 1", reason, now, s.id()) == 1) {
            LOG.warn("webhook subscription {} disabled: {}", s.name(), reason);
            Map<String, Object> sub = new LinkedHashMap<>();
            sub.put("id", s.id());
            sub.put("name", s.name());
            sub.put("url", s.url());
            sub.put("reason", reason);
            outbound.host().events().publish(sql, DISABLED_EVENT, Map.of("subscription", sub));
        }
    }

    private static String retryAfter(Attempt a) {
        return a.responseHeaders().stream().filter(h -> h.name().equalsIgnoreCase("Retry-After"))
                .map(h -> h.value()).findFirst().orElse(null);
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
