package dev.switchboard.host.schedule;

import dev.switchboard.api.Json;
import dev.switchboard.host.audit.AuditLog;
import dev.switchboard.host.engine.BehaviorEngine;
import dev.switchboard.host.jobs.ClusterJobs;
import dev.switchboard.host.storage.HostDatabase;
import java.time.Clock;
import java.time.Duration;

/**
 * Bots that call and schedule each other, assembled: {@code event.macro.bot}, the actions {@code _run_behavior},
 * {@code _schedule_behavior}, {@code _unschedule_behavior}, {@code _get_key}, {@code _set_key} (host built-ins),
 * the stores behind them, the {@link Scheduler} and the API routes. The host makes one.
 */
public final class BotCalls implements AutoCloseable {
    private final BotStorage storage;
    private final ScheduledBehaviors schedule;
    private final Scheduler scheduler;
    private final AuditLog audit;

    /**
     * @param poll  how often the scheduler looks for due runs
     * @param lease how long a claimed run is held before another node may take it
     */
    public BotCalls(HostDatabase db, Json json, Clock clock, BehaviorEngine engine, AuditLog audit, Duration poll,
                    Duration lease) {
        this.audit = audit;
        this.storage = new BotStorage(db, clock);
        this.schedule = new ScheduledBehaviors(db, json);
        this.scheduler = new Scheduler(schedule, engine.behaviors(), clock, poll, lease);
        engine.plugins().addBuiltin(new MacroBotEvent());
        engine.plugins().addBuiltin(new RecurrentEvent());
        engine.plugins().addBuiltin(new RunBehaviorAction(engine.cache(), engine.behaviors()));
        engine.plugins().addBuiltin(new ScheduleBehaviorAction(engine.cache(), schedule, clock));
        engine.plugins().addBuiltin(new UnscheduleBehaviorAction(engine.cache(), schedule));
        engine.plugins().addBuiltin(new GetKeyAction(storage));
        engine.plugins().addBuiltin(new SetKeyAction(storage, clock));
    }

    /** Starts running scheduled behaviors (processes that run background work only). */
    public void startScheduler() {
        scheduler.start();
    }

    public ScheduleRoutes routes() {
        return new ScheduleRoutes(schedule, audit);
    }

    /** The housekeeping job that removes expired keys. */
    public ClusterJobs.Job expiryJob() {
        return storage.expiryJob();
    }

    public ScheduledBehaviors schedule() {
        return schedule;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
