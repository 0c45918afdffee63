package dev.switchboard.host.engine;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.host.limits.Deadline;
import dev.switchboard.host.plugins.Registered;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs actions. The host's own actions, and plugin actions that declare {@link Action#runsInline()}, run on the
 * caller's thread; any other plugin action runs on a pool thread with a deadline, so a plugin that hangs costs that
 * thread, never the request: past the deadline the action is interrupted and recorded as failed, and the run goes
 * on.
 */
public final class ActionRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActionRunner.class);
    private final long timeoutMs;
    private final ThreadPoolExecutor pool;

    /** @param timeoutMs deadline for a plugin action; 0 runs every action inline (no isolation) */
    public ActionRunner(long timeoutMs) {
        this.timeoutMs = timeoutMs;
        AtomicInteger n = new AtomicInteger();
        // Bounded: when every slot is taken (many hung actions), the caller runs the action itself rather than
        // piling up threads.
        this.pool = new ThreadPoolExecutor(0, 256, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "behavior-action-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** Thrown when a plugin action ran past its deadline. */
    public static final class TimedOut extends ActionException {
        private static final long serialVersionUID = 1L;

        TimedOut(long ms, String limit) {
            super("did not finish within " + ms + " ms (" + limit + ") and was abandoned");
        }
    }

    /**
     * Executes the action.
     *
     * @param abandon run on timeout before the action is interrupted
     * @param run     the run's deadline: the action gets the earlier of its own timeout and what is left of it
     * @throws TimedOut past the deadline
     * @throws RuntimeException whatever the action threw (unwrapped); an {@link Error} short of the JVM failing
     *                          (e.g. StackOverflowError) as an {@link ActionException}
     */
    void execute(Registered<Action> action, ActionContext context, Map<String, Object> params, Runnable abandon,
                 Deadline run) {
        if (timeoutMs <= 0 || "host".equals(action.pluginId()) || action.extension().runsInline()) {
            try {
                action.extension().execute(context, params);
            } catch (Error e) {
                throw contained(action, e);
            }
            return;
        }
        long wait = Math.min(timeoutMs, run.remainingMillis());
        Future<?> f = pool.submit(() -> action.extension().execute(context, params));
        try {
            f.get(wait, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw contained(action, err);
            }
            throw new ActionException(c.getClass().getSimpleName() + ": " + c.getMessage(), c);
        } catch (TimeoutException e) {
            abandon.run(); // before the interrupt wakes the action up, so its late writes go nowhere
            f.cancel(true);
            throw wait < timeoutMs ? new TimedOut(wait, "the run's deadline: " + run.limit())
                    : new TimedOut(timeoutMs, "engine.action_timeout_ms");
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new ActionException("interrupted");
        }
    }

    /** An {@link Error} an action threw (e.g. StackOverflowError), as an action failure. */
    public static final class Crashed extends ActionException {
        private static final long serialVersionUID = 1L;

        Crashed(String message) {
            super(message);
        }
    }

    /**
     * An {@link Error} thrown by an action as an action failure, logged here in one line (a StackOverflowError's trace
     * runs to a thousand lines); the errors after which the JVM cannot go on (out of memory, internal errors) are
     * rethrown.
     */
    private static Crashed contained(Registered<Action> action, Error e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
            throw e;
        }
        String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        LOG.warn("action {} of plugin {} failed with {}", action.extension().id(), action.pluginId(), what);
        return new Crashed(what);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
