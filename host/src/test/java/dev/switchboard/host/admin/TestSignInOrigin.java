package dev.switchboard.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.TestHost;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Login CSRF: {@code /admin/login} takes only what the page sends, from the page's own origin. */
class TestSignInOrigin {
    private static final HostJson JSON = new HostJson();
    private static final String BODY = "{\"token\": " + JSON.write(TestHost.ADMIN_TOKEN) + "}";

    private static HttpResponse<String> login(TestHost host, String contentType, String origin, String body) {
        HttpRequest.Builder b = host.request("POST", "/admin/login", null)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return host.send(b);
    }

    @Test
    void aTextPlainPostFromAnotherSiteIsRefusedAndSetsNoCookie() {
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> r = login(host, "text/plain", "https://evil.example", BODY);
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("https://evil.example");
            assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();

            HttpResponse<String> json = login(host, "application/json", "https://evil.example", BODY);
            assertThat(json.statusCode()).as("JSON, foreign origin").isEqualTo(403);
            assertThat(login(host, "application/json", "null", BODY).statusCode()).as("sandboxed origin")
                    .isEqualTo(403);
            assertThat(login(host, "application/json", host.url().replace("127.0.0.1", "127.0.0.2"), BODY)
                    .statusCode()).isEqualTo(403);

            HttpResponse<String> plain = login(host, "text/plain", host.url(), BODY);
            assertThat(plain.statusCode()).as("text/plain, own origin").isEqualTo(403);
            assertThat(plain.body()).contains("application/json").contains("text/plain");
            assertThat(login(host, null, null, BODY).statusCode()).as("untyped").isEqualTo(403);
            assertThat(host.admin("GET", "/api/audit", null).body()).doesNotContain("\"admin.login\"");
        }
    }

    @Test
    void thePagesJsonAndAFormFromItsOwnOriginSignIn() {
        try (TestHost host = TestHost.start()) {
            assertThat(login(host, "application/json", host.url(), BODY).statusCode()).isEqualTo(200);
            assertThat(login(host, "application/json; charset=utf-8", null, BODY).statusCode())
                    .as("no Origin (curl)").isEqualTo(200);
            String form = "token=" + URLEncoder.encode(TestHost.ADMIN_TOKEN, StandardCharsets.UTF_8);
            HttpResponse<String> r = login(host, "application/x-www-form-urlencoded", host.url(), form);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).startsWith(AdminSessions.COOKIE + "=");
            assertThat(login(host, "application/x-www-form-urlencoded", host.url(), "token=wrong-token-123456")
                    .statusCode()).isEqualTo(401);
        }
    }
}
