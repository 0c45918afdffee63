package dev.switchboard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The JVM's meters are added to {@code /metrics} after the start instead of during it: {@code /metrics} answers as
 * soon as the host serves, with the host's own meters, and the JVM's (memory, threads, GC, CPU, uptime) appear
 * shortly after. A real host over HTTP.
 */
class TestStartJvmMetrics {
    @Test
    void metricsAnswerAtOnceAndGainTheJvmMetersAfterTheStart() {
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> first = host.anonymous("GET", "/metrics", null);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).contains("switchboard_db_statements_total");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    host.anonymous("GET", "/metrics", null).body()).contains("jvm_memory_used_bytes",
                    "jvm_threads_live_threads", "jvm_gc_", "process_cpu_usage", "process_uptime_seconds"));
        }
    }
}
