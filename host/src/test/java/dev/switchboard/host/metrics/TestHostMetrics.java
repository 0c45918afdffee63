package dev.switchboard.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What {@code /metrics} shows for the meters plugins and the host record through {@link HostMetrics}. */
class TestHostMetrics {
    @Test
    void countsAndTimesAddUpPerNameAndTags() {
        try (HostMetrics metrics = new HostMetrics()) {
            for (int i = 0; i < 3; i++) {
                metrics.increment("webhooks.requests", "listener", "1", "status", "200");
            }
            metrics.increment("webhooks.requests", "listener", "1", "status", "503");
            metrics.increment("webhooks.requests", "status", "200", "listener", "2");
            metrics.recordNanos("webhooks.request.duration", 2_000_000, "listener", "1");
            metrics.recordNanos("webhooks.request.duration", 4_000_000, "listener", "1");

            String scrape = metrics.scrape();
            assertThat(scrape).contains("webhooks_requests_total{listener=\"1\",status=\"200\"} 3.0")
                    .contains("webhooks_requests_total{listener=\"1\",status=\"503\"} 1.0")
                    .contains("webhooks_requests_total{listener=\"2\",status=\"200\"} 1.0")
                    .contains("webhooks_request_duration_seconds_count{listener=\"1\"} 2")
                    .contains("webhooks_request_duration_seconds_sum{listener=\"1\"} 0.006");
        }
    }

    @Test
    void aTagWithoutAValueIsRefusedAndRecordsNothing() {
        try (HostMetrics metrics = new HostMetrics()) {
            assertThatThrownBy(() -> metrics.increment("webhooks.requests", "listener", null))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> metrics.increment("webhooks.requests", "listener"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(metrics.scrape()).doesNotContain("webhooks_requests_total");
        }
    }
}
