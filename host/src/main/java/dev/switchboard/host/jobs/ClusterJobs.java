package dev.switchboard.host.jobs;

import dev.switchboard.api.Sql;
import dev.switchboard.host.storage.HostDatabase;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.ToIntBiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's periodic jobs (audit retention), each run once per period across every process sharing the database:
 * a process runs a job only when it wins the compare-and-set on the job's {@code host_job} row (a plugin may keep
 * its own jobs the same way in a table of its own). The host calls {@link #runDue()} every {@code housekeeping_seconds}
 * in processes that run background work.
 */
public final class ClusterJobs {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterJobs.class);

    /**
     * One job.
     *
     * @param name  its row in {@code host_job}
     * @param every how often it runs, cluster-wide
     * @param run   does the work in a write transaction, given the time; returns the rows it removed
     */
    public record Job(String name, Duration every, ToIntBiFunction<Sql, Long> run) {
    }

    private final HostDatabase db;
    private final Clock clock;
    private final List<Job> jobs;
    private final String holder = ManagementFactory.getRuntimeMXBean().getName();

    public ClusterJobs(HostDatabase db, Clock clock, List<Job> jobs) {
        this.db = db;
        this.clock = clock;
        this.jobs = List.copyOf(jobs);
    }

    /** Runs every job whose period has come and that this process wins the claim for; a failed job is logged. */
    public void runDue() {
        for (Job job : jobs) {
            try {
                long now = clock.millis();
                int removed = db.write(sql -> {
                    if (sql.update("UPDATE host_job SET next_run_at = ?, holder = ? WHERE name = ? AND next_run_at <= ?",
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
}
