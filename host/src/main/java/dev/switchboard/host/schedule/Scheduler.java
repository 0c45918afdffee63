package dev.switchboard.host.schedule;

import dev.switchboard.api.BehaviorDisabledException;
import dev.switchboard.api.BehaviorRun;
import dev.switchboard.api.Behaviors;
import dev.switchboard.api.SwitchboardException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scheduled behaviors when they are due, once across every node sharing the database: each poll claims the due
 * rows with a lease ({@link ScheduledBehaviors#claim}), runs them, and deletes them. A node killed mid-run leaves
 * its claimed rows to be run again by any node once the lease ends (at least once, as outbound deliveries). Runs in
 * processes that run background work ({@code workers.enabled}). A recurrent behavior's row
 * ({@link RecurrentEvent}) is kept and moved to its next due time instead; each poll first gives new or changed
 * recurrent behaviors their row ({@link ScheduledBehaviors#reconcile}).
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final int BATCH = 20;

    private final ScheduledBehaviors store;
    private final Behaviors behaviors;
    private final Clock clock;
    private final Duration poll;
    private final Duration lease;
    // the process name alone is not unique enough once processes restart with the same pid in containers
    private final String holder = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "behavior-scheduler");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param poll  how often due runs are looked for ({@code scheduler.poll_ms})
     * @param lease how long a claimed run is this node's before others may take it (longer than a run may take)
     */
    public Scheduler(ScheduledBehaviors store, Behaviors behaviors, Clock clock, Duration poll, Duration lease) {
        this.store = store;
        this.behaviors = behaviors;
        this.clock = clock;
        this.poll = poll;
        this.lease = lease;
    }

    /** Starts polling. */
    public void start() {
        executor.scheduleWithFixedDelay(this::runDue, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Claims and runs every due run; returns how many ran. A failure is logged and never stops the poller. */
    public int runDue() {
        int ran = 0;
        try {
            store.reconcile(clock.millis());
            List<ScheduledBehaviors.Scheduled> due;
            do {
                due = store.claim(clock.millis(), lease.toMillis(), holder, BATCH);
                for (ScheduledBehaviors.Scheduled s : due) {
                    run(s);
                    ran++;
                }
            } while (due.size() == BATCH);
        } catch (RuntimeException e) {
            LOG.error("could not claim scheduled behaviors; trying again in {} ms", poll.toMillis(), e);
        }
        return ran;
    }

    private void run(ScheduledBehaviors.Scheduled s) {
        boolean recurrent = RecurrentEvent.CONTEXT.equals(s.context());
        // a recurrent run's row holds the event params its time came from, not inputs
        Map<String, Object> placeholders = recurrent ? new LinkedHashMap<>() : new LinkedHashMap<>(s.variables());
        placeholders.put("_trigger_va_id", s.contextId());
        try {
            BehaviorRun result = behaviors.run(s.behaviorId(), placeholders, false);
            if (!result.errors().isEmpty()) {
                LOG.warn("scheduled run {} of behavior {} finished with errors: {}", s.id(), s.behaviorId(),
                        result.errors());
            }
        } catch (BehaviorDisabledException e) {
            LOG.warn("scheduled run {} dropped: {}", s.id(), e.getMessage());
        } catch (SwitchboardException e) {
            LOG.warn("scheduled run {} of behavior {} dropped: {}", s.id(), s.behaviorId(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("scheduled run {} of behavior {} failed; not retried", s.id(), s.behaviorId(), e);
        }
        if (recurrent) {
            store.reschedule(s, holder, clock.millis());
        } else {
            store.finish(s.id(), holder);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
