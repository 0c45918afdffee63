package dev.switchboard.host.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.host.cron.CronPattern;
import dev.switchboard.host.cron.Recurrence;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cerb's cron lines and a recurrent behavior's next run in its time zone. */
class TestCronPattern {
    private static final ZoneId NY = ZoneId.of("America/New_York");

    private static String next(String pattern, String after) {
        return CronPattern.parse(pattern).next(ZonedDateTime.parse(after)).orElseThrow().toString();
    }

    @Test
    void fieldsListsRangesStepsAndNames() {
        assertThat(next("*/15 * * * *", "2026-12-01T10:07Z")).isEqualTo("2026-12-01T10:15Z");
        assertThat(next("0 8 * * 1-5", "2026-12-04T09:00Z")).as("Friday after 8: Monday")
                .isEqualTo("2026-12-07T08:00Z");
        assertThat(next("30 9 1,15 * *", "2026-12-02T00:00Z")).isEqualTo("2026-12-15T09:30Z");
        assertThat(next("0 0 1 jan *", "2026-12-02T00:00Z")).isEqualTo("2027-01-01T00:00Z");
        assertThat(next("0 12 * * sun", "2026-12-01T00:00Z")).isEqualTo("2026-12-06T12:00Z");
        assertThat(next("0 12 * * 7", "2026-12-01T00:00Z")).as("7 is Sunday too").isEqualTo("2026-12-06T12:00Z");
        assertThat(next("@hourly", "2026-12-01T10:00Z")).as("strictly after").isEqualTo("2026-12-01T11:00Z");
        assertThat(next("0 0 29 2 *", "2026-03-01T00:00Z")).isEqualTo("2028-02-29T00:00Z");
        // both day fields restricted: either one (as cron)
        assertThat(next("0 0 13 * 5", "2026-12-01T00:00Z")).isEqualTo("2026-12-04T00:00Z");
    }

    @Test
    void theNextRunIsTheEarliestPatternInTheTimeZoneCommentsSkipped() {
        Recurrence r = Recurrence.of(Map.of("repeat_patterns", "# weekdays at 8\r\n0 8 * * 1-5\r\n\r\n0 10 * * 6",
                "timezone", "America/New_York"));
        long after = Instant.parse("2026-12-04T14:00:00Z").toEpochMilli(); // Friday 09:00 in New York
        assertThat(Instant.ofEpochMilli(r.nextAfter(after).orElseThrow()).atZone(NY).toString())
                .isEqualTo("2026-12-05T10:00-05:00[America/New_York]");
        assertThat(Recurrence.of(Map.of()).nextAfter(after)).as("no patterns: never").isEmpty();
    }

    @Test
    void badPatternsAndZonesAreRefusedNamingThem() {
        assertThatThrownBy(() -> CronPattern.parse("0 8 * *")).hasMessageContaining("'0 8 * *' must have 5 fields");
        assertThatThrownBy(() -> CronPattern.parse("61 * * * *")).hasMessageContaining("minute field '61'");
        assertThatThrownBy(() -> CronPattern.parse("0 8 * * L")).hasMessageContaining("day of week field 'l'");
        assertThatThrownBy(() -> Recurrence.of(Map.of("repeat_patterns", "* * * * *", "timezone", "Mars/Base")))
                .hasMessageContaining("timezone 'Mars/Base'");
    }
}
