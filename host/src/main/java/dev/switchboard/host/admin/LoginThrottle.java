package dev.switchboard.host.admin;

import dev.switchboard.host.audit.AuditLog;
import dev.switchboard.host.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Failed sign-ins per client address: after {@code admin.login_max_failures} failures within
 * {@code admin.login_window_seconds} the address is refused (429 with {@code Retry-After}) until that window ends,
 * even with a valid token, so guessing is slow and cheap to refuse. Each address's failures in one window become one
 * audit row ({@code admin.login.failed} with the counts) when the window ends or the host stops, instead of one row
 * per attempt. Kept in memory per node (a cluster of n nodes allows n times the failures); at most
 * {@value #MAX_ADDRESSES} addresses are tracked, the oldest window is closed early to make room.
 */
public final class LoginThrottle {
    static final int MAX_ADDRESSES = 10_000;

    /** How many failures are allowed per window. */
    public record Settings(int maxFailures, Duration window) {
        /** {@code admin.login_max_failures} (10) and {@code admin.login_window_seconds} (300). */
        public static Settings from(Config config) {
            return new Settings(config.intValue("admin.login_max_failures", 10, 1, 1_000_000),
                    Duration.ofSeconds(config.longValue("admin.login_window_seconds", 300, 1, 86_400)));
        }
    }

    /** One address's window: when it began, the failures in it, the attempts refused for too many failures. */
    private static final class Window {
        final long start;
        long last;
        int failures;
        int refused;

        Window(long start) {
            this.start = start;
        }
    }

    private final Settings settings;
    private final AuditLog audit;
    private final Clock clock;
    /** Insertion order is window start order (a window is removed, never restarted in place). */
    private final Map<String, Window> windows = new LinkedHashMap<>();

    public LoginThrottle(Settings settings, AuditLog audit, Clock clock) {
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Checks an attempt before its token is looked at: empty when it may go ahead, else how long the address must
     * wait (the attempt is counted as refused).
     */
    public Optional<Duration> refuse(String address) {
        List<Closed> closed = new ArrayList<>();
        Optional<Duration> wait;
        synchronized (this) {
            long now = clock.millis();
            Window w = current(address, now, closed);
            if (w == null || w.failures < settings.maxFailures()) {
                wait = Optional.empty();
            } else {
                w.refused++;
                w.last = now;
                wait = Optional.of(Duration.ofMillis(w.start + settings.window().toMillis() - now));
            }
        }
        write(closed);
        return wait;
    }

    /** Counts a failed sign-in from an address. */
    public void failed(String address) {
        List<Closed> closed = new ArrayList<>();
        synchronized (this) {
            long now = clock.millis();
            Window w = current(address, now, closed);
            if (w == null) {
                if (windows.size() >= MAX_ADDRESSES) {
                    Iterator<Map.Entry<String, Window>> oldest = windows.entrySet().iterator();
                    Map.Entry<String, Window> e = oldest.next();
                    closed.add(new Closed(e.getKey(), e.getValue()));
                    oldest.remove();
                }
                w = new Window(now);
                windows.put(address, w);
            }
            w.failures++;
            w.last = now;
        }
        write(closed);
    }

    /** Writes the audit rows of windows that have ended (the host calls this every few seconds). */
    public void flushEnded() {
        List<Closed> closed = new ArrayList<>();
        synchronized (this) {
            long now = clock.millis();
            Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, Window> e = it.next();
                if (!ended(e.getValue(), now)) {
                    break; // windows are in start order: the rest have not ended either
                }
                closed.add(new Closed(e.getKey(), e.getValue()));
                it.remove();
            }
        }
        write(closed);
    }

    /** Writes the audit rows of every window, ended or not (at shutdown). */
    public void flushAll() {
        List<Closed> closed = new ArrayList<>();
        synchronized (this) {
            windows.forEach((address, w) -> closed.add(new Closed(address, w)));
            windows.clear();
        }
        write(closed);
    }

    /** The address's live window, or null; an ended one is removed and handed to {@code closed}. */
    private Window current(String address, long now, List<Closed> closed) {
        Window w = windows.get(address);
        if (w != null && ended(w, now)) {
            windows.remove(address);
            closed.add(new Closed(address, w));
            return null;
        }
        return w;
    }

    private boolean ended(Window w, long now) {
        return now >= w.start + settings.window().toMillis();
    }

    private record Closed(String address, Window window) {
    }

    /** One audit row per window, written outside the lock (a slow database must not stall other sign-ins). */
    private void write(List<Closed> closed) {
        for (Closed c : closed) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("ip", c.address());
            details.put("failures", c.window().failures);
            details.put("refused", c.window().refused);
            details.put("first_at", c.window().start);
            details.put("last_at", c.window().last);
            audit.record("anonymous", "admin.login.failed", "admin", details);
        }
    }
}
