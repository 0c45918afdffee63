package dev.switchboard.webhooks.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.admin.AdminSessions;
import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.Browser;
import dev.switchboard.testkit.SignedIn;
import dev.switchboard.testkit.TestHost;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's takeover: a behavior that echoes a parameter into its answer must not let a crafted link run script
 * in the admin page's origin. Shown in headless Chromium with an admin signed in, then each layer on its own over
 * HTTP: the sandbox policy on every plugin answer, the same-origin rule for cookie requests, no token minted from
 * a browser session, and webhooks on a port of their own.
 */
class TestWebhookAnswerIsolation {
    private static final HostJson JSON = new HostJson();
    private static final String ECHO_PACKAGE = """
            {"package": {"name": "Echo", "revision": 1, "requires": {"cerb_version": "8.3.0", "plugins": ["cerb.webhooks"]},
              "configure": {"prompts": [], "placeholders": []}},
             "bots": [{"uid": "bot_echo", "name": "Echo Bot", "owner": {"context": "cerberusweb.contexts.app", "id": 0},
               "is_disabled": false, "params": {"config": null},
               "behaviors": [{"uid": "b_thanks", "title": "Thanks", "is_disabled": false, "is_private": false,
                 "priority": 50, "event": {"key": "event.webhook.received", "label": "Webhook received"},
                 "nodes": [{"type": "action", "title": "Answer", "params": {"actions": [
                   {"action": "set_http_header", "name": "Content-Type", "value": "text/html; charset=utf-8"},
                   {"action": "set_http_header", "name": "Content-Security-Policy", "value": "script-src * 'unsafe-inline'"},
                   {"action": "set_http_body", "value": "<p>Thanks, {{ http_params.name }}</p>"}]}}]}]}]}
            """;
    /** Reads the page's CSRF token with the admin's cookie and mints a token with it. */
    private static final String ATTACK = "<script>document.title='script ran';"
            + "fetch('/admin/session').then(r=>r.json()).then(s=>fetch('/api/tokens',{method:'POST',"
            + "headers:{'X-CSRF-Token':s.csrf,'Content-Type':'application/json'},body:'{\"name\":\"pwned\"}'}))"
            + ".then(()=>document.title='token minted')</script>";

    private static String listenerGuid(TestHost host) {
        HttpResponse<String> imported = host.admin("POST", "/api/packages/import", ECHO_PACKAGE);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        Object behaviorId = ((Map<?, ?>) ((List<?>) ((Map<?, ?>) JSON.parse(imported.body())).get("behaviors")).get(0))
                .get("id");
        HttpResponse<String> listener = host.admin("POST", "/api/webhooks/listeners",
                "{\"name\": \"thanks\", \"behavior_id\": " + behaviorId + "}");
        assertThat(listener.statusCode()).as(listener.body()).isEqualTo(201);
        return (String) ((Map<?, ?>) JSON.parse(listener.body())).get("guid");
    }

    @Test
    void aCraftedLinkRunsNoScriptInTheSignedInAdminsBrowser() {
        try (TestHost host = TestHost.start(); Browser b = Browser.start()) {
            String guid = listenerGuid(host);
            TestAdminPage.signIn(b, host);
            b.open(host.url() + "/webhooks/" + guid + "?name=" + URLEncoder.encode(ATTACK, StandardCharsets.UTF_8));
            assertThat(b.driver().getPageSource()).contains("Thanks,");
            // An inline script runs before the load event the driver waited for: had it run, the title would say so.
            assertThat(b.driver().getTitle()).doesNotContain("script ran").doesNotContain("token minted");
            b.screenshot("19-webhook-answer-sandboxed");
            assertThat(host.admin("GET", "/api/tokens", null).body()).doesNotContain("pwned");
        }
    }

    @Test
    void everyPluginAnswerIsSandboxedEvenWhenTheBehaviorSetsItsOwnPolicy() {
        try (TestHost host = TestHost.start()) {
            String guid = listenerGuid(host);
            HttpResponse<String> r = host.anonymous("GET", "/webhooks/" + guid + "?name=x", null);
            assertThat(r.headers().allValues("Content-Security-Policy"))
                    .contains("sandbox", "script-src * 'unsafe-inline'");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            HttpResponse<String> api = host.admin("GET", "/api/webhooks/listeners", null);
            assertThat(api.headers().allValues("Content-Security-Policy")).contains("sandbox");
        }
    }

    @Test
    void cookieRequestsFromAnotherOriginAreRefusedAndNoneMintsAToken() throws Exception {
        try (TestHost host = TestHost.start()) {
            SignedIn signedIn = SignedIn.as(host, TestHost.ADMIN_TOKEN);
            String cookie = signedIn.cookie();
            String csrf = signedIn.csrf();
            String ticket = "{\"subject\": \"s\", \"requester\": \"ann@example.com\"}";

            for (String[] foreign : List.of(new String[] {"Origin", "null"},
                    new String[] {"Origin", "http://evil.example"}, new String[] {"Sec-Fetch-Site", "cross-site"},
                    new String[] {"Sec-Fetch-Site", "same-site"})) {
                HttpResponse<String> r = host.send(host.request("POST", "/api/tickets", ticket).header("Cookie", cookie)
                        .header(AdminSessions.CSRF_HEADER, csrf).header(foreign[0], foreign[1]));
                assertThat(r.statusCode()).as(foreign[0] + ": " + foreign[1]).isEqualTo(403);
                assertThat(r.body()).contains("must come from the admin page itself");
                HttpResponse<String> session = host.send(host.request("GET", "/admin/session", null)
                        .header("Cookie", cookie).header(foreign[0], foreign[1]));
                assertThat(session.statusCode()).isEqualTo(403);
                assertThat(session.body()).doesNotContain(csrf);
            }
            assertThat(host.admin("GET", "/api/tickets", null).body()).contains("\"tickets\":[]");

            String own = host.url();
            HttpResponse<String> same = host.send(host.request("POST", "/api/tickets", ticket).header("Cookie", cookie)
                    .header(AdminSessions.CSRF_HEADER, csrf).header("Origin", own)
                    .header("Sec-Fetch-Site", "same-origin"));
            assertThat(same.statusCode()).as(same.body()).isEqualTo(201);

            HttpResponse<String> mint = host.send(host.request("POST", "/api/tokens", "{\"name\": \"x\"}")
                    .header("Cookie", cookie).header(AdminSessions.CSRF_HEADER, csrf).header("Origin", own));
            assertThat(mint.statusCode()).isEqualTo(403);
            assertThat(mint.body()).contains("not from a browser session");
        }
    }

    @Test
    void webhooksCanLiveOnAPortOfTheirOwn() throws Exception {
        try (TestHost host = TestHost.start(Map.of("SWITCHBOARD_HTTP_PUBLIC_PORT", "0"))) {
            int publicPort = host.host().publicPort().orElseThrow();
            assertThat(publicPort).isNotEqualTo(host.host().port());
            String guid = listenerGuid(host);
            Map<?, ?> listener = (Map<?, ?>) ((List<?>) ((Map<?, ?>) JSON.parse(host.admin("GET",
                    "/api/webhooks/listeners", null).body())).get("listeners")).get(0);
            assertThat((String) listener.get("url")).startsWith("http://localhost:" + publicPort + "/webhooks/");

            HttpClient client = HttpClient.newHttpClient();
            String publicUrl = "http://127.0.0.1:" + publicPort;
            HttpResponse<String> hook = client.send(HttpRequest.newBuilder(URI.create(publicUrl + "/webhooks/" + guid
                    + "?name=Ann")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(hook.body()).contains("Thanks, Ann");
            assertThat(host.anonymous("GET", "/webhooks/" + guid + "?name=Ann", null).statusCode()).isEqualTo(404);
            for (String path : List.of("/admin", "/api/plugins", "/metrics")) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(publicUrl + path))
                        .header("Authorization", "Bearer " + TestHost.ADMIN_TOKEN).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(path).isEqualTo(404);
            }
            assertThat(client.send(HttpRequest.newBuilder(URI.create(publicUrl + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }
}
