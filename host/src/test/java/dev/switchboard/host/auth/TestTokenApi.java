package dev.switchboard.host.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tokens over the API (SECURITY.md 19): shown once, stored as SHA-256, listed without secrets, revocable, audited. */
class TestTokenApi {
    private static final HostJson JSON = new HostJson();

    @Test
    void aTokenIsShownOnceWorksIsListedWithoutItsSecretAndCanBeRevoked() {
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> r = host.admin("POST", "/api/tokens", "{\"name\": \"ci\"}");
            assertThat(r.statusCode()).isEqualTo(201);
            Map<?, ?> created = (Map<?, ?>) JSON.parse(r.body());
            String token = (String) created.get("token");
            assertThat(token).startsWith("sbt_").hasSizeGreaterThanOrEqualTo(4 + 43);
            assertThat(created.get("created_by")).isEqualTo("admin");

            String stored = host.host().database().read(sql -> sql.query("SELECT * FROM api_token")).toString();
            assertThat(stored).doesNotContain(token).contains(Tokens.sha256(token));

            String list = host.admin("GET", "/api/tokens", null).body();
            assertThat(list).contains("\"name\":\"ci\"").contains((String) created.get("prefix")).doesNotContain(token)
                    .contains("\"last_used_at\":null");

            HttpResponse<String> asCi = host.send(host.request("POST", "/api/tickets",
                    "{\"subject\": \"by ci\", \"requester\": \"a@example.com\"}").header("Authorization", "Bearer " + token));
            assertThat(asCi.statusCode()).isEqualTo(201);
            assertThat(host.admin("GET", "/api/tokens", null).body()).doesNotContain("\"last_used_at\":null");

            HttpResponse<String> revoked = host.admin("POST", "/api/tokens/" + created.get("id") + "/revoke", null);
            assertThat(revoked.statusCode()).isEqualTo(200);
            assertThat(revoked.body()).doesNotContain("\"revoked_at\":null");
            assertThat(host.admin("POST", "/api/tokens/" + created.get("id") + "/revoke", null).statusCode())
                    .isEqualTo(404);

            String audit = host.admin("GET", "/api/audit", null).body();
            assertThat(audit).contains("token.create", "token.revoke", "\"actor\":\"token:ci\"").doesNotContain(token);
        }
    }
}
