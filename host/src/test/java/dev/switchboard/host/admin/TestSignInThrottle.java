package dev.switchboard.host.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failed sign-ins: limited per client address, counted into one audit row per window, and the audit log ages out. */
class TestSignInThrottle {
    private static final HostJson JSON = new HostJson();
    private static final Map<String, String> STRICT = Map.of("SWITCHBOARD_ADMIN_LOGIN_MAX_FAILURES", "3",
            "SWITCHBOARD_ADMIN_LOGIN_WINDOW_SECONDS", "3600");

    private static HttpResponse<String> login(TestHost host, String token, String forwardedFor) {
        var b = host.request("POST", "/admin/login", "{\"token\": " + JSON.write(token) + "}");
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        return host.send(b);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> audit(TestHost host, String action) {
        Map<?, ?> page = (Map<?, ?>) JSON.parse(host.admin("GET", "/api/audit?limit=500", null).body());
        return ((List<Map<String, Object>>) page.get("entries")).stream()
                .filter(e -> action.equals(e.get("action"))).toList();
    }

    @Test
    void afterTooManyFailuresAnAddressGets429EvenWithTheRightToken() {
        Map<String, String> env = new java.util.HashMap<>(STRICT);
        env.put("SWITCHBOARD_TRUSTED_PROXIES", "127.0.0.1");
        try (TestHost host = TestHost.start(env)) {
            for (int i = 0; i < 3; i++) {
                assertThat(login(host, "wrong-token-000000" + i, "203.0.113.7").statusCode()).isEqualTo(401);
            }
            HttpResponse<String> refused = login(host, TestHost.ADMIN_TOKEN, "203.0.113.7");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isPositive();
            assertThat(refused.body()).contains("203.0.113.7");

            assertThat(login(host, TestHost.ADMIN_TOKEN, "198.51.100.9").statusCode()).as("another address")
                    .isEqualTo(200);
            assertThat(audit(host, "admin.login.failed")).as("no row per attempt").isEmpty();
        }
    }

    @Test
    void repeatedFailuresBecomeOneAuditRowWithTheirCounts() {
        Path dir;
        try (TestHost host = TestHost.start(STRICT)) {
            dir = host.dir();
            for (int i = 0; i < 3; i++) {
                login(host, "wrong-token-000000" + i, null);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(login(host, "wrong-token-111111" + i, null).statusCode()).isEqualTo(429);
            }
        } // stopping writes the open window's row
        try (TestHost again = TestHost.start(dir, Map.of())) {
            List<Map<String, Object>> rows = audit(again, "admin.login.failed");
            assertThat(rows).hasSize(1);
            Map<?, ?> details = (Map<?, ?>) rows.get(0).get("details");
            assertThat(details.get("ip")).isEqualTo("127.0.0.1");
            assertThat(((Number) details.get("failures")).intValue()).isEqualTo(3);
            assertThat(((Number) details.get("refused")).intValue()).isEqualTo(5);
        }
    }

    @Test
    void auditRowsOlderThanTheRetentionAreDeletedByHousekeeping() {
        Path dir;
        long now = System.currentTimeMillis();
        long day = 86_400_000L;
        try (TestHost host = TestHost.start(Map.of("SWITCHBOARD_AUDIT_RETENTION_DAYS", "0"))) {
            dir = host.dir();
            host.host().database().write(sql -> {
                sql.update("INSERT INTO audit_log(at, actor, action, target, details) VALUES (?, 'x', 'old.one',"
                        + " 't', '{}')", now - 40 * day);
                return sql.update("INSERT INTO audit_log(at, actor, action, target, details) VALUES (?, 'x',"
                        + " 'recent.one', 't', '{}')", now - 10 * day);
            });
        }
        try (TestHost host = TestHost.start(dir, Map.of("SWITCHBOARD_AUDIT_RETENTION_DAYS", "30",
                "SWITCHBOARD_HOUSEKEEPING_SECONDS", "1"))) {
            await("housekeeping drops the old audit row").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> audit(host, "old.one").isEmpty());
            assertThat(audit(host, "recent.one")).hasSize(1);
        }
    }

}
