package dev.switchboard.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.SignedIn;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sessions die with the credential they came from, and "sign out everywhere" ends them all (over real HTTP). */
class TestSessionCredentials {
    private static final HostJson JSON = new HostJson();
    private static final String TOKEN_B = "rotated-admin-token-9876543210";

    private static int get(TestHost host, SignedIn s, String path) {
        return host.send(host.request("GET", path, null).header("Cookie", s.cookie())).statusCode();
    }

    @Test
    void rotatingTheAdminTokenEndsTheSessionsSignedInWithIt() {
        Path dir;
        SignedIn old;
        try (TestHost a = TestHost.start()) {
            dir = a.dir();
            old = SignedIn.as(a, TestHost.ADMIN_TOKEN);
            assertThat(get(a, old, "/api/plugins")).isEqualTo(200);
        }
        try (TestHost same = TestHost.start(dir, Map.of())) {
            assertThat(get(same, old, "/api/plugins")).as("same token, restarted").isEqualTo(200);
        }
        try (TestHost b = TestHost.start(dir, Map.of("SWITCHBOARD_ADMIN_TOKEN", TOKEN_B))) {
            assertThat(get(b, old, "/api/plugins")).isEqualTo(401);
            assertThat(get(b, old, "/admin/session")).isEqualTo(401);
            SignedIn fresh = SignedIn.as(b, TOKEN_B);
            assertThat(get(b, fresh, "/api/plugins")).isEqualTo(200);
        }
        try (TestHost none = TestHost.start(dir, Map.of("SWITCHBOARD_ADMIN_TOKEN", ""))) {
            assertThat(get(none, old, "/api/plugins")).as("admin token removed").isEqualTo(401);
        }
    }

    @Test
    void revokingAnApiTokenEndsItsSessionsAndNoOthers() {
        try (TestHost host = TestHost.start()) {
            Map<?, ?> created = (Map<?, ?>) JSON.parse(host.admin("POST", "/api/tokens", "{\"name\": \"pat\"}").body());
            SignedIn byToken = SignedIn.as(host, (String) created.get("token"));
            SignedIn byAdmin = SignedIn.as(host, TestHost.ADMIN_TOKEN);
            assertThat(get(host, byToken, "/api/plugins")).isEqualTo(200);

            assertThat(host.admin("POST", "/api/tokens/" + created.get("id") + "/revoke", null).statusCode())
                    .isEqualTo(200);
            assertThat(get(host, byToken, "/api/plugins")).isEqualTo(401);
            assertThat(get(host, byAdmin, "/api/plugins")).isEqualTo(200);
            long rows = host.host().database().read(sql -> sql.first(
                    "SELECT COUNT(*) AS n FROM admin_session WHERE token_sha256 IS NOT NULL")).orElseThrow()
                    .getLong("n");
            assertThat(rows).as("the revoked token's session row is gone, not just refused").isZero();
        }
    }

    @Test
    void signingOutEverywhereEndsEverySessionAndIsAudited() {
        try (TestHost host = TestHost.start()) {
            SignedIn first = SignedIn.as(host, TestHost.ADMIN_TOKEN);
            SignedIn second = SignedIn.as(host, TestHost.ADMIN_TOKEN);
            Map<?, ?> created = (Map<?, ?>) JSON.parse(host.admin("POST", "/api/tokens", "{\"name\": \"pat\"}").body());
            SignedIn third = SignedIn.as(host, (String) created.get("token"));

            HttpResponse<String> noCsrf = host.send(host.request("POST", "/api/sessions/end-all", null)
                    .header("Cookie", first.cookie()));
            assertThat(noCsrf.statusCode()).isEqualTo(403);
            assertThat(get(host, second, "/api/plugins")).isEqualTo(200);

            HttpResponse<String> ended = host.send(host.request("POST", "/api/sessions/end-all", null)
                    .header("Cookie", first.cookie()).header(AdminSessions.CSRF_HEADER, first.csrf()));
            assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
            assertThat(ended.body()).contains("\"ended\":3");
            assertThat(ended.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
            for (SignedIn s : new SignedIn[] {first, second, third}) {
                assertThat(get(host, s, "/api/plugins")).isEqualTo(401);
            }
            assertThat(host.admin("GET", "/api/plugins", null).statusCode()).as("bearer tokens still work")
                    .isEqualTo(200);
            assertThat(host.admin("GET", "/api/audit", null).body()).contains("admin.sessions.end_all")
                    .contains("\"ended\":3");
            assertThat(host.admin("POST", "/api/sessions/end-all", null).body()).contains("\"ended\":0");
        }
    }
}
