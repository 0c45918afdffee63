package dev.switchboard.host.template;

import dev.switchboard.api.TemplateException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The wall-clock limit of a render: a timer interrupts the rendering thread when the limit passes (Jinjava stops
 * at the next node when its thread is interrupted). The render stays on the caller's thread, so no hand-off cost;
 * the interrupt this class sent is cleared before the caller's thread goes back to other work.
 */
final class RenderDeadline {
    private final Duration limit;
    private final ScheduledThreadPoolExecutor timer;

    RenderDeadline(Duration limit) {
        this.limit = limit;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "template-deadline");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(30, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs work under the limit.
     *
     * @throws TemplateException naming the limit when the time ran out, whatever the work returned or threw
     */
    <T> T run(Supplier<T> work) {
        Watch watch = new Watch(Thread.currentThread());
        ScheduledFuture<?> alarm = timer.schedule(watch::expire, limit.toNanos(), TimeUnit.NANOSECONDS);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            alarm.cancel(false);
            throw watch.finish() ? timedOut(e) : e;
        }
        alarm.cancel(false);
        if (watch.finish()) {
            throw timedOut(null);
        }
        return result;
    }

    /** Clears the interrupt this class sent, and says which limit stopped the render. */
    private TemplateException timedOut(Throwable cause) {
        Thread.interrupted();
        return new TemplateException("template stopped: it ran longer than the " + limit.toMillis()
                + " ms limit (templates.render_timeout_ms)", cause);
    }

    /** Makes sure an interrupt can only land while the work runs, never after it returned. */
    private static final class Watch {
        private final Thread thread;
        private boolean finished;
        private boolean expired;

        Watch(Thread thread) {
            this.thread = thread;
        }

        synchronized void expire() {
            if (!finished) {
                expired = true;
                thread.interrupt();
            }
        }

        /** Ends the watch; true when this watch interrupted the thread. */
        synchronized boolean finish() {
            finished = true;
            return expired;
        }
    }
}
