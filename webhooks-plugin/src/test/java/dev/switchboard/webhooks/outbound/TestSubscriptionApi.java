package dev.switchboard.webhooks.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Outbound subscriptions over the admin API: defaults, every field, 422 naming the field, unique names, secrets
 * generated and shown once, masked on read, encrypted at rest, renewed (credentials cleared) when the URL changes, rotated with a grace
 * window; none of them in the audit log.
 */
class TestSubscriptionApi {
    private static final HostJson JSON = new HostJson();
    private static final String BASE = "/api/webhooks/subscriptions";

    @Test
    void aMinimalSubscriptionGetsDefaultsAndAGeneratedSecretShownOnce() throws Exception {
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> r = host.admin("POST", BASE,
                    "{\"name\": \"crm-sync\", \"url\": \"https://crm.example.com/hook\", \"events\": [\"ticket.created\"]}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            @SuppressWarnings("unchecked") Map<String, Object> created = (Map<String, Object>) JSON.parse(r.body());
            String secret = (String) created.get("secret");
            assertThat(secret).startsWith("whsec_").hasSizeGreaterThanOrEqualTo(6 + 44);
            assertThat(created).containsEntry("payload_format", "json").containsEntry("post_mode", "async")
                    .containsEntry("enabled", true).containsEntry("events", List.of("ticket.created"));
            assertThat(created.get("auth")).isEqualTo(Map.of("type", "none"));

            String read = host.admin("GET", BASE + "/" + created.get("id"), null).body();
            assertThat(read).contains("\"secret\":\"whsec_********\"").doesNotContain(secret);
            assertThat(host.admin("GET", BASE, null).body()).contains("crm-sync").doesNotContain(secret);

            String stored = host.host().database().read(sql -> sql.query("SELECT * FROM webhook_subscription"))
                    .toString();
            assertThat(stored).doesNotContain(secret).doesNotContain(secret.substring(6));
            assertThat(Files.exists(host.dir().resolve("data/secret.key"))).isTrue();
            assertThat(host.admin("GET", "/api/audit", null).body()).contains("webhook_subscription.create")
                    .doesNotContain(secret);
        }
    }

    @Test
    void everyFieldRoundTripsWithCredentialsMasked() {
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> r = host.admin("POST", BASE, """
                    {"name": "erp", "description": "ERP sync", "enabled": false, "url": "http://erp.example.com/in",
                     "events": ["ticket.updated"],
                     "filter": "{{ ticket.status == 'open' }}", "payload_format": "xml",
                     "payload_template": "<t>{{ ticket.id }}</t>", "post_mode": "sync_critical",
                     "auth": {"type": "basic", "username": "svc", "password": "hunter2-pass"},
                     "custom_header": {"name": "X-Api-Key", "value": "key-1234567"},
                     "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "github_signature": true,
                     "secret_in_payload": true}""");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            Object id = ((Map<?, ?>) JSON.parse(r.body())).get("id");
            @SuppressWarnings("unchecked") Map<String, Object> read = (Map<String, Object>) JSON.parse(host.admin("GET", BASE + "/" + id, null).body());
            assertThat(read).containsEntry("description", "ERP sync").containsEntry("enabled", false)
                    .containsEntry("payload_format", "xml").containsEntry("post_mode", "sync_critical")
                    .containsEntry("github_signature", true).containsEntry("secret_in_payload", true)
                    .containsEntry("filter", "{{ ticket.status == 'open' }}")
                    .containsEntry("auth", Map.of("type", "basic", "username", "svc", "password", "********"))
                    .containsEntry("custom_header", Map.of("name", "X-Api-Key", "value", "********"));
            String all = host.admin("GET", BASE, null).body() + host.admin("GET", "/api/audit", null).body();
            assertThat(all).doesNotContain("hunter2-pass", "key-1234567", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        }
    }

    @Test
    void badConfigIs422NamingTheFieldAndWritesNothing() {
        try (TestHost host = TestHost.start()) {
            String ok = "\"name\": \"a\", \"url\": \"https://x.example.com\", \"events\": [\"ticket.created\"]";
            Map<String, String> cases = Map.ofEntries(
                    Map.entry("{\"name\": \"has space\", \"url\": \"https://x.example.com\", \"events\": [\"ticket.created\"]}", "name"),
                    Map.entry("{\"name\": \"a\", \"url\": \"ftp://x.example.com\", \"events\": [\"ticket.created\"]}", "url"),
                    Map.entry("{\"name\": \"a\", \"url\": \"https://u:p@x.example.com\", \"events\": [\"ticket.created\"]}", "url"),
                    Map.entry("{\"name\": \"a\", \"url\": \"https://x.example.com\", \"events\": []}", "events"),
                    Map.entry("{" + ok + ", \"payload_format\": \"yaml\"}", "payload_format"),
                    Map.entry("{" + ok + ", \"post_mode\": \"later\"}", "post_mode"),
                    Map.entry("{" + ok + ", \"secret\": \"whsec_short\"}", "secret"),
                    Map.entry("{" + ok + ", \"payload_template\": \"{% if %}\"}", "payload_template"),
                    Map.entry("{" + ok + ", \"auth\": {\"type\": \"bearer\"}}", "auth.token"),
                    Map.entry("{" + ok + ", \"custom_header\": {\"name\": \"Host\", \"value\": \"x\"}}", "custom_header.name"),
                    Map.entry("{" + ok + ", \"custom_header\": {\"name\": \"X-A\", \"value\": \"a\\r\\nB: c\"}}", "custom_header.value"),
                    Map.entry("{" + ok + ", \"colour\": \"red\"}", "colour"),
                    Map.entry("{" + ok + ", \"enabled\": \"yes\"}", "enabled"),
                    Map.entry("{\"name\": \"a\", \"url\": \"https://x.example.com\", \"events\": \"ticket.created\"}", "events"),
                    Map.entry("{\"name\": \"a\", \"url\": \"https://x.example.com\", \"events\": [7]}", "events[0]"),
                    Map.entry("{" + ok + ", \"rate_limit\": 0}", "rate_limit"),
                    Map.entry("{" + ok + ", \"auth\": {\"type\": \"bearer\", \"token\": \"t\", \"scheme\": \"x\"}}", "auth.scheme"),
                    Map.entry("{" + ok + ", \"custom_header\": \"X-A: b\"}", "custom_header"));
            cases.forEach((body, field) -> {
                HttpResponse<String> r = host.admin("POST", BASE, body);
                assertThat(r.statusCode()).as(body).isEqualTo(422);
                assertThat(((Map<?, ?>) ((Map<?, ?>) JSON.parse(r.body())).get("error")).get("path")).as(body)
                        .isEqualTo(field);
            });
            assertThat(host.admin("GET", BASE, null).body()).isEqualTo("{\"subscriptions\":[]}");

            assertThat(host.admin("POST", BASE, "{" + ok + "}").statusCode()).isEqualTo(201);
            HttpResponse<String> dup = host.admin("POST", BASE, "{" + ok + "}");
            assertThat(dup.statusCode()).isEqualTo(422);
            assertThat(dup.body()).contains("\"path\":\"name\"", "already exists");
        }
    }

    @Test
    void secretsAreKeptOnUpdateRenewedWhenTheUrlChangesAndRotatedWithAGraceWindow() {
        try (TestHost host = TestHost.start()) {
            Map<?, ?> created = (Map<?, ?>) JSON.parse(host.admin("POST", BASE, """
                    {"name": "a", "url": "https://x.example.com", "events": ["ticket.created"],
                     "auth": {"type": "bearer", "token": "tok-abcdef"}}""").body());
            String path = BASE + "/" + created.get("id");
            String same = "{\"name\": \"a2\", \"url\": \"https://x.example.com\", \"events\": [\"ticket.created\"],"
                    + " \"auth\": {\"type\": \"bearer\"}}";
            HttpResponse<String> kept = host.admin("PUT", path, same);
            assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
            assertThat(kept.body()).contains("\"name\":\"a2\"", "\"secret\":\"whsec_********\"", "\"token\":\"********\"");

            // The one input rule: not JSON 400; JSON that does not bind 422 naming the field; 405 with Allow.
            assertThat(host.admin("POST", path + "/rotate-secret", "{\"grace_seconds\": ").statusCode())
                    .isEqualTo(400);
            for (String bad : List.of("{\"grace_seconds\": -1}", "{\"grace_seconds\": 604801}",
                    "{\"grace_seconds\": \"1h\"}", "{\"grace\": 1}")) {
                HttpResponse<String> refused = host.admin("POST", path + "/rotate-secret", bad);
                assertThat(refused.statusCode()).as(bad).isEqualTo(422);
                assertThat(refused.body()).as(bad).containsPattern("\"path\":\"grace(_seconds)?\"");
            }
            HttpResponse<String> wrongMethod = host.admin("GET", path + "/rotate-secret", null);
            assertThat(wrongMethod.statusCode()).isEqualTo(405);
            assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
            assertThat(host.admin("GET", BASE + "/nope", null).statusCode()).isEqualTo(404);
            assertThat(host.admin("GET", BASE + "/1/nope", null).statusCode()).isEqualTo(404);

            HttpResponse<String> rotated = host.admin("POST", path + "/rotate-secret", "{\"grace_seconds\": 3600}");
            assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
            Map<?, ?> r = (Map<?, ?>) JSON.parse(rotated.body());
            assertThat((String) r.get("secret")).startsWith("whsec_").isNotEqualTo(created.get("secret"));
            assertThat(r.get("previous_secret_expires_at")).isNotNull();

            // A URL change clears the credentials not sent again and signs with a new secret, shown this once:
            // signing never switches off as a side effect (the admin page said "Keep the current secret").
            HttpResponse<String> moved = host.admin("PUT", path,
                    "{\"name\": \"a2\", \"url\": \"https://y.example.com\", \"events\": [\"ticket.created\"]}");
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
            assertThat(moved.body()).contains("\"previous_secret_expires_at\":null", "\"auth\":{\"type\":\"none\"}");
            String renewed = (String) ((Map<?, ?>) JSON.parse(moved.body())).get("secret");
            assertThat(renewed).startsWith("whsec_").doesNotContain("*").isNotEqualTo(r.get("secret"))
                    .isNotEqualTo(created.get("secret"));
            assertThat(host.admin("GET", path, null).body()).contains("\"secret\":\"whsec_********\"")
                    .doesNotContain(renewed);
            HttpResponse<String> unsigned = host.admin("PUT", path, "{\"name\": \"a2\", \"url\": \"https://z.example.com\","
                    + " \"events\": [\"ticket.created\"], \"secret\": null}");
            assertThat(unsigned.body()).contains("\"secret\":null"); // only an explicit null turns signing off
            HttpResponse<String> noToken = host.admin("PUT", path, "{\"name\": \"a2\", \"url\": \"https://y.example.com\","
                    + " \"events\": [\"ticket.created\"], \"auth\": {\"type\": \"bearer\"}}");
            assertThat(noToken.statusCode()).isEqualTo(422);
            assertThat(noToken.body()).contains("\"path\":\"auth.token\"");

            assertThat(host.admin("DELETE", path, null).statusCode()).isEqualTo(204);
            assertThat(host.admin("GET", path, null).statusCode()).isEqualTo(404);
        }
    }
}
