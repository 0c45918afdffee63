package dev.switchboard.host.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The dates {@code run_date} and {@code expires_at} are written with in real packages, and a clear refusal. */
class TestRunDate {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void relativeAmountsAsCerbPackagesWriteThem() {
        assertThat(RunDate.parse("31 days", NOW, UTC)).isEqualTo(Instant.parse("2027-01-01T12:00:00Z"));
        assertThat(RunDate.parse("+30 mins", NOW, UTC)).isEqualTo(Instant.parse("2026-12-01T12:30:00Z"));
        assertThat(RunDate.parse("+1 week 2 days", NOW, UTC)).isEqualTo(Instant.parse("2026-12-10T12:00:00Z"));
        assertThat(RunDate.parse("2 hours ago", NOW, UTC)).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(RunDate.parse("-1 sec", NOW, UTC)).isEqualTo(Instant.parse("2026-12-01T11:59:59Z"));
        assertThat(RunDate.parse("now", NOW, UTC)).isEqualTo(NOW);
    }

    @Test
    void epochSecondsAndIsoDatesInTheRunsZone() {
        assertThat(RunDate.parse("1513008000", NOW, UTC)).isEqualTo(Instant.ofEpochSecond(1513008000));
        assertThat(RunDate.parse("2026-12-24 17:00", NOW, ZoneId.of("America/New_York")))
                .isEqualTo(Instant.parse("2026-12-24T22:00:00Z"));
        assertThat(RunDate.parse("2026-12-24", NOW, UTC)).isEqualTo(Instant.parse("2026-12-24T00:00:00Z"));
        assertThat(RunDate.parse("2026-12-24T17:00:00+01:00", NOW, UTC))
                .isEqualTo(Instant.parse("2026-12-24T16:00:00Z"));
    }

    @Test
    void anythingElseIsRefusedNamingTheText() {
        assertThatThrownBy(() -> RunDate.parse("someday", NOW, UTC)).isInstanceOf(RunDate.BadDate.class)
                .hasMessageContaining("'someday' is not a date");
        assertThatThrownBy(() -> RunDate.parse("2 days and a bit", NOW, UTC)).isInstanceOf(RunDate.BadDate.class);
        assertThatThrownBy(() -> RunDate.parse("", NOW, UTC)).isInstanceOf(RunDate.BadDate.class);
    }
}
