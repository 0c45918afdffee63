package dev.switchboard.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.host.plugins.PokePlugin;
import dev.switchboard.testkit.PluginJar;
import dev.switchboard.testkit.SignedIn;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin page's cookie session over real HTTP: how it is set, what it allows, and what it refuses. */
class TestAdminSession {
    private static final HostJson JSON = new HostJson();
    private static final String TICKET = "{\"subject\": \"from the page\", \"requester\": \"ann@example.com\"}";

    private static SignedIn signIn(TestHost host, String token) {
        SignedIn s = SignedIn.as(host, token);
        assertThat(s.setCookie()).startsWith(AdminSessions.COOKIE + "=").contains("HttpOnly")
                .contains("SameSite=Strict").contains("Path=/");
        return s;
    }

    private static HttpResponse<String> withCookie(TestHost host, String method, String path, String body,
                                                   SignedIn s, String csrf) {
        HttpRequest.Builder b = host.request(method, path, body).header("Cookie", s.cookie());
        if (csrf != null) {
            b.header(AdminSessions.CSRF_HEADER, csrf);
        }
        return host.send(b);
    }

    @Test
    void aSessionReadsFreelyButChangesOnlyWithItsCsrfToken() {
        try (TestHost host = PluginJar.hostWith(PokePlugin.jar())) {
            SignedIn s = signIn(host, TestHost.ADMIN_TOKEN);
            assertThat(withCookie(host, "GET", "/api/plugins", null, s, null).statusCode()).isEqualTo(200);

            HttpResponse<String> none = withCookie(host, "POST", "/api/tickets", TICKET, s, null);
            assertThat(none.statusCode()).isEqualTo(403);
            assertThat(none.body()).contains("X-CSRF-Token");
            assertThat(withCookie(host, "POST", "/api/tickets", TICKET, s, "forged").statusCode()).isEqualTo(403);
            assertThat(withCookie(host, "POST", "/api/plugins/" + PokePlugin.ID + "/disable", null, s, null).statusCode())
                    .isEqualTo(403);
            assertThat(host.admin("GET", "/api/tickets", null).body()).contains("\"tickets\":[]");

            assertThat(withCookie(host, "POST", "/api/tickets", TICKET, s, s.csrf()).statusCode()).isEqualTo(201);
            assertThat(host.admin("GET", "/api/audit", null).body()).contains("admin.login");
        }
    }

    @Test
    void signingOutEndsTheSessionAndOnlyWithItsCsrfToken() {
        try (TestHost host = TestHost.start()) {
            SignedIn s = signIn(host, TestHost.ADMIN_TOKEN);
            assertThat(withCookie(host, "POST", "/admin/logout", null, s, null).statusCode()).isEqualTo(403);
            assertThat(withCookie(host, "GET", "/admin/session", null, s, null).statusCode()).isEqualTo(200);
            HttpResponse<String> out = withCookie(host, "POST", "/admin/logout", null, s, s.csrf());
            assertThat(out.statusCode()).isEqualTo(204);
            assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
            assertThat(withCookie(host, "GET", "/api/plugins", null, s, null).statusCode()).isEqualTo(401);
            assertThat(withCookie(host, "GET", "/admin/session", null, s, null).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aWrongTokenIsRefusedAndARevokedTokensSessionsEnd() {
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> wrong = host.anonymous("POST", "/admin/login", "{\"token\": \"sb_nope\"}");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

            Map<?, ?> created = (Map<?, ?>) JSON.parse(host.admin("POST", "/api/tokens", "{\"name\": \"pat\"}").body());
            SignedIn s = signIn(host, (String) created.get("token"));
            assertThat(withCookie(host, "GET", "/api/plugins", null, s, null).statusCode()).isEqualTo(200);
            assertThat(host.admin("POST", "/api/tokens/" + created.get("id") + "/revoke", null).statusCode())
                    .isEqualTo(200);
            assertThat(withCookie(host, "GET", "/api/plugins", null, s, null).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void thePageIsServedWithAStrictContentSecurityPolicyAndNothingElseIs() {
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> page = host.anonymous("GET", "/admin", null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("script-src 'self'").contains("frame-ancestors 'none'");
            assertThat(page.body()).contains("/admin/admin.js");
            assertThat(host.anonymous("GET", "/admin/admin.js", null).headers().firstValue("Content-Type")
                    .orElseThrow()).startsWith("text/javascript");
            assertThat(host.anonymous("GET", "/admin/..%2Fapplication.properties", null).statusCode()).isEqualTo(404);
            assertThat(host.anonymous("GET", "/admin/index.html.bak", null).statusCode()).isEqualTo(404);
        }
    }
}
