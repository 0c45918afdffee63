package dev.switchboard.host.cron;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A recurrent behavior's schedule, read from its event params as Cerb keeps them: {@code repeat_patterns}, cron
 * lines one per line (blank lines and lines starting with {@code #} are skipped), and {@code timezone} (an IANA
 * name; empty: UTC). The next run is the earliest next due time of any pattern, in that zone.
 */
public record Recurrence(List<CronPattern> patterns, ZoneId zone) {
    /** The event whose behaviors recur: Cerb's {@code event.behavior.recurrent}. */
    public static final String EVENT = "event.behavior.recurrent";

    /**
     * Checks a behavior's event params: for {@link #EVENT} they must read as a recurrence; other events' are kept
     * as given. Throws {@link IllegalArgumentException} naming the bad pattern or time zone.
     */
    public static void check(String eventId, Map<?, ?> eventParams) {
        if (EVENT.equals(eventId)) {
            of(eventParams);
        }
    }

    /** Reads event params; throws {@link IllegalArgumentException} naming the bad pattern or time zone. */
    public static Recurrence of(Map<?, ?> eventParams) {
        Object raw = eventParams == null ? null : eventParams.get("repeat_patterns");
        List<CronPattern> patterns = new ArrayList<>();
        if (raw != null) {
            for (String line : String.valueOf(raw).replace("\r\n", "\n").split("\n")) {
                String l = line.trim();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    patterns.add(CronPattern.parse(l));
                }
            }
        }
        Object tz = eventParams == null ? null : eventParams.get("timezone");
        ZoneId zone = ZoneOffset.UTC;
        if (tz != null && !String.valueOf(tz).isBlank()) {
            try {
                zone = ZoneId.of(String.valueOf(tz).trim());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("timezone '" + tz + "' is not a time zone (use a name such as "
                        + "America/New_York)", e);
            }
        }
        return new Recurrence(List.copyOf(patterns), zone);
    }

    /** The next due time after {@code nowMs} (epoch milliseconds); empty when there are no patterns. */
    public Optional<Long> nextAfter(long nowMs) {
        ZonedDateTime now = Instant.ofEpochMilli(nowMs).atZone(zone);
        return patterns.stream().map(p -> p.next(now)).flatMap(Optional::stream)
                .map(t -> t.toInstant().toEpochMilli()).min(Long::compare);
    }
}
