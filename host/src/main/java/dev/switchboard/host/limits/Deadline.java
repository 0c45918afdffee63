package dev.switchboard.host.limits;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A moment work must stop at, and which limit set it (for the message). Checked by reading the clock, not by
 * interrupting threads: the places that loop over untrusted input (template nodes, loops, regular expressions,
 * wildcard matching, behavior steps) call {@link #check()}, and a check is a {@code System.nanoTime()} read.
 *
 * <pre>{@code
 * Deadline d = Deadline.in(Duration.ofSeconds(2), "the 2000 ms limit (templates.render_timeout_ms)");
 * d.check(); // throws Deadline.Exceeded once the time is up
 * }</pre>
 */
public final class Deadline {
    /** A deadline that never passes. */
    public static final Deadline NONE = new Deadline(Long.MAX_VALUE, "no limit", true);

    private final long at;
    private final String limit;
    private final boolean unbounded;

    private Deadline(long at, String limit, boolean unbounded) {
        this.at = at;
        this.limit = limit;
        this.unbounded = unbounded;
    }

    /**
     * A deadline {@code time} from now.
     *
     * @param limit the limit as people read it, e.g. {@code the 2000 ms limit (templates.render_timeout_ms)}
     */
    public static Deadline in(Duration time, String limit) {
        return new Deadline(System.nanoTime() + time.toNanos(), limit, false);
    }

    /** Thrown by {@link #check()} once the deadline passed; the message names the limit. */
    public static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Deadline deadline;

        Exceeded(Deadline deadline) {
            super("it ran longer than " + deadline.limit, null, false, false);
            this.deadline = deadline;
        }

        /** The deadline that passed. */
        public Deadline deadline() {
            return deadline;
        }
    }

    /** True once the time is up. */
    public boolean passed() {
        return !unbounded && System.nanoTime() - at >= 0;
    }

    /** @throws Exceeded once the time is up */
    public void check() {
        if (passed()) {
            throw new Exceeded(this);
        }
    }

    /** Whichever of the two comes first. */
    public Deadline earliest(Deadline other) {
        if (other == null || other.unbounded) {
            return this;
        }
        if (unbounded) {
            return other;
        }
        return other.at - at < 0 ? other : this;
    }

    /** Milliseconds left (0 when passed, {@link Long#MAX_VALUE} without a limit). */
    public long remainingMillis() {
        if (unbounded) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, (at - System.nanoTime()) / 1_000_000);
    }

    /** The limit as people read it, e.g. {@code the 2000 ms limit (templates.render_timeout_ms)}. */
    public String limit() {
        return limit;
    }

    /**
     * A view of {@code text} that checks this deadline every 1024 character reads: a backtracking regular
     * expression reads its subject through it, and never looks at the clock by itself.
     */
    public CharSequence guard(CharSequence text) {
        return unbounded ? text : new Guarded(text, this, Long.MAX_VALUE, null, new long[1]);
    }

    /**
     * The same view that also fails with {@code exhausted} after {@code maxReads} reads: a fixed amount of work for
     * a match however much time is left (conditions give each regular expression such a budget).
     */
    public CharSequence guard(CharSequence text, long maxReads, Supplier<? extends RuntimeException> exhausted) {
        return new Guarded(text, unbounded ? null : this, maxReads, exhausted, new long[1]);
    }

    @Override
    public String toString() {
        return limit;
    }

    private record Guarded(CharSequence s, Deadline deadline, long maxReads,
                           Supplier<? extends RuntimeException> exhausted, long[] reads) implements CharSequence {
        @Override
        public char charAt(int index) {
            long n = ++reads[0];
            if (n > maxReads) {
                throw exhausted.get();
            }
            if ((n & 1023) == 0 && deadline != null) {
                deadline.check();
            }
            return s.charAt(index);
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Guarded(s.subSequence(start, end), deadline, maxReads, exhausted, reads);
        }

        @Override
        public String toString() {
            return s.toString();
        }
    }
}
