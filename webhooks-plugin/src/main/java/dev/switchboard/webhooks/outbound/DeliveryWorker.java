package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.EventIds;
import dev.switchboard.api.Sql;
import dev.switchboard.webhooks.limits.Rates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due deliveries. One loop thread claims due rows and records finished attempts, in one transaction per round
 * for all subscriptions (a group commit: one fsync for many deliveries' state changes); a pool sends. The loop
 * claims ahead: besides the sends in flight, each subscription keeps up to {@link #AHEAD} times its concurrency
 * claimed and waiting, and a sender that finishes a successful send takes the next of its subscription at once,
 * so sending does not wait for the commit. A round runs when new work is announced ({@link #wake}), every 250 ms
 * (retries falling due), when a subscription runs low on claimed work, when {@link #BATCH} attempts wait, or when
 * the oldest has waited {@link #LINGER_MS}.
 *
 * <p>Per subscription it enforces a concurrency limit (per worker), its {@code rate_limit} (deliveries a minute,
 * across the cluster, {@link Rates}; taken when claimed) and a circuit breaker (after {@code breakerFailures}
 * failures in a row it stops sending for {@code breakerOpen}; shared by the workers on PostgreSQL,
 * {@link Breakers}); a 410 or a subscription failing continuously for {@code disableAfter} disables it and
 * announces {@code webhook.subscription.disabled}. A failed attempt stops its subscription's sends until the
 * round that records it, which hands the claimed-ahead rows back to the claim (so the breaker, a disabling and the
 * retry schedule see them). A claimed row is leased for {@code timeout + 30 s} as it always was; one that waited
 * so long that its send could outlast the lease is not sent but handed back.
 */
final class DeliveryWorker {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    /** The event announcing that the engine disabled a subscription. */
    static final String DISABLED_EVENT = EventIds.WEBHOOK_SUBSCRIPTION_DISABLED;
    /** Claimed-and-waiting deliveries a subscription may hold, in multiples of its concurrency. */
    static final int AHEAD = 8;
    /** Finished attempts that make a round at once. */
    static final int BATCH = 256;
    /** How long a finished attempt may wait for its round. */
    static final long LINGER_MS = 20;
    private static final long TICK_MS = 250;

    /** Engine limits. */
    record Settings(Duration timeout, int workers, int perSubscription, Duration disableAfter, int breakerFailures,
                    Duration breakerOpen) {
    }

    private record Claimed(Outbox.Due due, Subscription subscription, long leaseUntil) {
    }

    private record Result(Outbox.Due due, Subscription subscription, Attempt attempt, boolean payloadFailed) {
    }

    /** One subscription's claimed deliveries waiting for a sender, and its sends in flight (guarded by lock). */
    private static final class Lane {
        final ArrayDeque<Claimed> ready = new ArrayDeque<>();
        int inFlight;
        /** The last claim filled the lane: more may be due. */
        boolean more;
        /** An attempt failed and the round recording it has not run: send nothing more until then. */
        boolean failed;

        int held() {
            return inFlight + ready.size();
        }
    }

    private final Outbound outbound;
    private final RetryPolicy retries;
    private final Settings settings;
    private final Breakers breakers;
    private final Rates rates;
    /** Guards everything below and is the loop's wake-up signal. */
    private final Object lock = new Object();
    private final Map<Long, Lane> lanes = new HashMap<>();
    private final List<Result> results = new ArrayList<>();
    /** Claimed deliveries to hand back (their subscription failed, or they waited past their lease). */
    private final List<Claimed> released = new ArrayList<>();
    private int sending;
    private long oldestResult;
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

    /**
     * Stops claiming, lets sends in flight finish briefly and records them, and hands the claimed-ahead deliveries
     * back (due now); sends still running are retried after their lease.
     */
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
        synchronized (lock) {
            signalled = true;
            lock.notifyAll();
        }
    }

    private void run() {
        while (running) {
            try {
                round();
                awaitRound();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("webhook delivery loop failed; retrying in 1 s", e);
                pause();
            }
        }
    }

    /** Waits until a round is due: announced work, the tick, a hungry subscription, a full batch or the linger. */
    private void awaitRound() throws InterruptedException {
        long tick = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TICK_MS);
        synchronized (lock) {
            while (running && !signalled) {
                dispatch();
                long now = System.nanoTime();
                long left = tick - now;
                if (!results.isEmpty()) {
                    if (results.size() >= BATCH || hungry() || !released.isEmpty()) {
                        break;
                    }
                    left = Math.min(left, oldestResult + TimeUnit.MILLISECONDS.toNanos(LINGER_MS) - now);
                }
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            signalled = false;
        }
    }

    /** A subscription whose last claim filled it is down to less than its concurrency in waiting deliveries. */
    private boolean hungry() {
        for (Lane lane : lanes.values()) {
            if (lane.more && lane.ready.size() < settings.perSubscription()) {
                return true;
            }
        }
        return false;
    }

    /**
     * One transaction per round: records the attempts that finished (all subscriptions together), hands back the
     * deliveries released since, then claims due deliveries up to what the lanes may hold.
     */
    private void round() {
        List<Result> done;
        List<Claimed> back;
        Map<Long, Integer> held = new HashMap<>();
        int room;
        synchronized (lock) {
            done = new ArrayList<>(results);
            results.clear();
            for (Result r : done) {
                if (!r.attempt().succeeded()) {
                    Lane lane = lanes.get(r.due().subscriptionId());
                    if (lane != null) {
                        released.addAll(lane.ready);
                        lane.ready.clear();
                        lane.more = false;
                        lane.failed = false;
                    }
                }
            }
            back = new ArrayList<>(released);
            released.clear();
            int total = 0;
            for (Map.Entry<Long, Lane> e : lanes.entrySet()) {
                held.put(e.getKey(), e.getValue().held());
                total += e.getValue().held();
            }
            room = running ? settings.workers() * (1 + AHEAD) - total : 0;
        }
        if (done.isEmpty() && back.isEmpty() && room <= 0) {
            return;
        }
        long now = outbound.host().clock().millis();
        List<Claimed> claimed = outbound.host().database().write(sql -> {
            record(sql, done, now);
            breakers.record(sql, outcomes(done), now);
            handBack(sql, back, now);
            return room <= 0 ? List.<Claimed>of() : claim(sql, now, room, held);
        });
        synchronized (lock) {
            Map<Long, Integer> taken = new HashMap<>();
            for (Claimed c : claimed) {
                lanes.computeIfAbsent(c.due().subscriptionId(), k -> new Lane()).ready.add(c);
                taken.merge(c.due().subscriptionId(), 1, Integer::sum);
            }
            lanes.forEach((id, lane) -> lane.more = taken.getOrDefault(id, 0) > 0
                    && held.getOrDefault(id, 0) + taken.get(id) >= laneSize());
            dispatch();
        }
    }

    private int laneSize() {
        return settings.perSubscription() * (1 + AHEAD);
    }

    /** Starts a sender for each waiting delivery its subscription and the pool have room for (holding lock). */
    private void dispatch() {
        for (var it = lanes.values().iterator(); it.hasNext(); ) {
            Lane lane = it.next();
            while (running && !lane.failed && !lane.ready.isEmpty() && lane.inFlight < settings.perSubscription()
                    && sending < settings.workers()) {
                Claimed c = lane.ready.poll();
                lane.inFlight++;
                sending++;
                pool.execute(() -> sendAll(c));
            }
            if (lane.held() == 0 && !lane.more) {
                it.remove();
            }
        }
    }

    /** Sends {@code first}, then, while sends succeed, its subscription's next waiting deliveries. */
    private void sendAll(Claimed first) {
        Claimed c = first;
        while (c != null) {
            long now = outbound.host().clock().millis();
            boolean fresh = now + settings.timeout().toMillis() <= c.leaseUntil();
            Result r = fresh ? send(c.due(), c.subscription()) : null;
            synchronized (lock) {
                if (r == null) {
                    released.add(c);
                } else {
                    if (results.isEmpty()) {
                        oldestResult = System.nanoTime();
                    }
                    results.add(r);
                }
                Lane lane = lanes.get(c.due().subscriptionId());
                if (lane == null) {
                    return; // stopped meanwhile: recordFinished handed everything back
                }
                if (r != null && !r.attempt().succeeded()) {
                    lane.failed = true;
                }
                c = running && !lane.failed ? lane.ready.poll() : null;
                if (c == null) {
                    lane.inFlight--;
                    sending--;
                }
                lock.notifyAll();
            }
        }
    }

    private List<Claimed> claim(Sql sql, long now, int room, Map<Long, Integer> held) {
        List<Claimed> send = new ArrayList<>();
        Map<Long, Subscription> subs = new HashMap<>();
        Map<Long, Integer> busy = new HashMap<>(held);
        // read some more rows than one lane can take (rows of full lanes are skipped), not 4x the pool's room
        List<Outbox.Due> due = outbound.outbox().due(sql, now, Math.min(room, laneSize()) * 2);
        Map<Long, Long> open = due.isEmpty() ? Map.of() : breakers.open(sql, now);
        long until = now + settings.timeout().toMillis() + 30_000;
        for (Outbox.Due d : due) {
            if (send.size() == room) {
                break;
            }
            Subscription s = subs.computeIfAbsent(d.subscriptionId(),
                    id -> outbound.subscriptions().find(sql, id).orElse(null));
            Long openUntil = open.get(d.subscriptionId());
            if (s == null || !s.enabled()) {
                outbound.outbox().bury(sql, d.id(), "the subscription is disabled", now);
            } else if (openUntil != null) {
                outbound.outbox().postpone(sql, d.id(), openUntil);
            } else if (busy.getOrDefault(d.subscriptionId(), 0) < laneSize()) {
                long wait = s.rateLimit() == null ? 0 : rates.take("subscription:" + s.id(), s.rateLimit());
                if (wait > 0) {
                    // over its rate: due again when the (cluster-wide) bucket holds a token; not an attempt
                    outbound.outbox().postpone(sql, d.id(), now + wait * 1000);
                } else {
                    busy.merge(d.subscriptionId(), 1, Integer::sum);
                    send.add(new Claimed(d, s, until));
                }
            }
        }
        outbound.outbox().lease(sql, send.stream().map(Claimed::due).toList(), until);
        return send;
    }

    /** Makes claimed deliveries that were not sent due now again, without counting an attempt. */
    private void handBack(Sql sql, List<Claimed> back, long now) {
        outbound.outbox().lease(sql, back.stream().map(Claimed::due).toList(), now);
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

    /** At stop: records the attempts that finished and hands the claimed-ahead deliveries back; claims nothing. */
    private void recordFinished() {
        List<Result> done;
        List<Claimed> back;
        synchronized (lock) {
            done = new ArrayList<>(results);
            results.clear();
            back = new ArrayList<>(released);
            released.clear();
            lanes.values().forEach(lane -> back.addAll(lane.ready));
            lanes.clear();
        }
        if (!done.isEmpty() || !back.isEmpty()) {
            long now = outbound.host().clock().millis();
            outbound.host().database().write(sql -> {
                record(sql, done, now);
                breakers.record(sql, outcomes(done), now);
                handBack(sql, back, now);
                return null;
            });
        }
    }

    private static List<Breakers.Outcome> outcomes(List<Result> done) {
        return done.stream().map(r -> new Breakers.Outcome(r.due().subscriptionId(), r.subscription().name(),
                r.attempt().succeeded(), !r.payloadFailed())).toList();
    }

    /** Records a round's attempts: the plain state changes of all of them in one batch, a failure's extras each. */
    private void record(Sql sql, List<Result> done, long now) {
        List<Outbox.Outcome> outcomes = new ArrayList<>(done.size());
        for (Result r : done) {
            Attempt a = r.attempt();
            long id = r.due().id();
            if (r.payloadFailed()) {
                outcomes.add(new Outbox.Outcome(id, a, "dead", now));
            } else if (a.succeeded()) {
                outcomes.add(new Outbox.Outcome(id, a, "succeeded", now)); // failing_since: cleared by the breakers
            } else if (a.status() == 410) {
                outcomes.add(new Outbox.Outcome(id, a, "dead", now));
                disable(sql, r.subscription(), "the receiver answered 410 Gone", now);
            } else {
                Duration delay = retries.next(r.due().attempts() + 1, retryAfter(a), Instant.ofEpochMilli(now));
                outcomes.add(new Outbox.Outcome(id, a, delay == null ? "dead" : "pending",
                        delay == null ? now : now + delay.toMillis()));
                long subId = r.subscription().id();
                sql.update("UPDATE webhook_subscription SET failing_since = ? WHERE id = ? AND failing_since IS NULL",
                        now, subId);
                Long since = sql.first("SELECT failing_since FROM webhook_subscription WHERE id = ?", subId)
                        .map(row -> row.getLong("failing_since")).orElse(null);
                if (since != null && now - since >= settings.disableAfter().toMillis()) {
                    disable(sql, r.subscription(), "failing continuously since " + Instant.ofEpochMilli(since), now);
                }
            }
        }
        outbound.outbox().record(sql, outcomes, now);
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
