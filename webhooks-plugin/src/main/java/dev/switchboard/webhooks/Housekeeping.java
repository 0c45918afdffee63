package dev.switchboard.webhooks;

import dev.switchboard.api.PluginHost;
import dev.switchboard.api.Sql;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntBiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's periodic jobs (retention of the request log and of delivery history), each run once per period
 * across every process sharing the database: a process runs a job only when it wins the compare-and-set on the
 * job's {@code webhook_job} row. Runs in processes that run background work ({@link PluginHost#runsWorkers()}).
 */
public final class Housekeeping implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    /**
     * One job.
     *
     * @param name  its row in {@code webhook_job}
     * @param every how often it runs, cluster-wide
     * @param run   does the work in a write transaction, given the time; returns the rows it removed
     */
    public record Job(String name, Duration every, ToIntBiFunction<Sql, Long> run) {
    }

    private final PluginHost host;
    private final List<Job> jobs;
    private final String holder = ManagementFactory.getRuntimeMXBean().getName();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "webhooks-housekeeping");
        t.setDaemon(true);
        return t;
    });

    private Housekeeping(PluginHost host, List<Job> jobs) {
        this.host = host;
        this.jobs = List.copyOf(jobs);
    }

    /** Checks for due jobs every {@code webhooks.housekeeping_seconds} (60). */
    static Housekeeping start(PluginHost host, List<Job> jobs) {
        Housekeeping h = new Housekeeping(host, jobs);
        long seconds = host.config("webhooks.housekeeping_seconds").map(Housekeeping::seconds).orElse(60L);
        h.timer.scheduleWithFixedDelay(h::runDue, seconds, seconds, TimeUnit.SECONDS);
        return h;
    }

    private static long seconds(String value) {
        long s;
        try {
            s = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            s = 0;
        }
        if (s < 1 || s > 86_400) {
            throw new IllegalArgumentException("webhooks.housekeeping_seconds must be 1 … 86400, got " + value);
        }
        return s;
    }

    /** Runs every job this process wins the claim for. */
    void runDue() {
        for (Job job : jobs) {
            try {
                long now = host.clock().millis();
                int removed = host.database().write(sql -> {
                    if (sql.update("UPDATE webhook_job SET next_run_at = ?, holder = ? WHERE name = ? AND next_run_at <= ?",
                            now + job.every().toMillis(), holder, job.name(), now) != 1) {
                        return -1;
                    }
                    return job.run().applyAsInt(sql, now);
                });
                if (removed > 0) {
                    LOG.info("{}: removed {} row(s)", job.name(), removed);
                }
            } catch (RuntimeException e) {
                LOG.error("{} failed; it runs again next period", job.name(), e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
