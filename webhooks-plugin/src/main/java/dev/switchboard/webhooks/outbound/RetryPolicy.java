package dev.switchboard.webhooks.outbound;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try again: Svix's schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h) with ±20 % jitter, configurable
 * as {@code webhooks.outbound.retry_schedule} (seconds, comma-separated). A receiver's {@code Retry-After}
 * (seconds or HTTP date) replaces the step, bounded to 1 s … 24 h. After the last step the delivery is dead.
 */
final class RetryPolicy {
    static final List<Duration> SVIX = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    private final List<Duration> schedule;

    RetryPolicy(List<Duration> schedule) {
        this.schedule = List.copyOf(schedule);
    }

    /** Parses {@code 5,300,1800}. @throws IllegalArgumentException naming the bad entry */
    static RetryPolicy parse(String seconds) {
        return new RetryPolicy(Arrays.stream(seconds.split(",")).map(String::trim).map(s -> {
            try {
                long n = Long.parseLong(s);
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return Duration.ofSeconds(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("webhooks.outbound.retry_schedule: '" + s
                        + "' is not a whole number of seconds");
            }
        }).toList());
    }

    /** Attempts allowed in all: the first one plus one per step. */
    int maxAttempts() {
        return schedule.size() + 1;
    }

    /**
     * The delay before attempt {@code attemptsMade + 1}, or null when none is left.
     *
     * @param retryAfter the receiver's Retry-After header, or null
     */
    Duration next(int attemptsMade, String retryAfter, Instant now) {
        if (attemptsMade >= maxAttempts()) {
            return null;
        }
        Duration asked = retryAfter(retryAfter, now);
        if (asked != null) {
            return asked;
        }
        long base = schedule.get(attemptsMade - 1).toMillis();
        long jitter = (long) (base * 0.2);
        return Duration.ofMillis(base + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1)));
    }

    private static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Duration d;
        try {
            d = Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            try {
                d = Duration.between(now, ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException bad) {
                return null;
            }
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    }
}
