package dev.switchboard.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.Row;
import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.TestHost;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input to the admin API gets the documented error ({@code {"error": {"status", "message", "path"?}}}, see
 * docs/api.md) and changes nothing: no ticket, no token, no audit entry.
 */
class TestApiBadInput {
    private static final HostJson JSON = new HostJson();
    private static final String GOOD = "{\"subject\": \"ok\", \"requester\": \"a@example.com\"}";
    private static TestHost host;

    @BeforeAll
    static void start() {
        host = TestHost.start();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    /** Tickets, tokens and audit entries: what a failed call must not have changed. */
    private static List<Long> state() {
        return host.host().database().read(sql -> List.of(
                count(sql.first("SELECT COUNT(*) AS n FROM ticket")),
                count(sql.first("SELECT COUNT(*) AS n FROM api_token")),
                count(sql.first("SELECT COUNT(*) AS n FROM audit_log")),
                count(sql.first("SELECT COALESCE(MAX(updated_at), 0) AS n FROM ticket"))));
    }

    private static Long count(java.util.Optional<Row> row) {
        return row.orElseThrow().getLong("n");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) JSON.parse(r.body())).get("error");
        assertThat(error).containsEntry("status", (long) status).containsKey("message");
        return error;
    }

    private static void refused(String method, String path, String body, int status, String message, String field) {
        List<Long> before = state();
        Map<String, Object> e = error(host.admin(method, path, body), status);
        assertThat((String) e.get("message")).contains(message);
        if (field != null) {
            assertThat(e).containsEntry("path", field);
        }
        assertThat(state()).isEqualTo(before);
    }

    private static long ticket() {
        return ((Number) ((Map<?, ?>) JSON.parse(host.admin("POST", "/api/tickets", GOOD).body())).get("id"))
                .longValue();
    }

    @Test
    void malformedJson() {
        refused("POST", "/api/tickets", "{\"subject\": \"x\",", 400, "malformed JSON", null);
        refused("POST", "/api/tickets", "{\"subject\": 'x'}", 400, "malformed JSON", null);
        refused("POST", "/api/tickets", GOOD + " {}", 400, "", null);
        refused("PATCH", "/api/tickets/" + ticket(), "{status: closed}", 400, "malformed JSON", null);
        refused("POST", "/api/tokens", "{\"name\": ", 400, "malformed JSON", null);
    }

    @Test
    void notAnObjectOrEmpty() {
        refused("POST", "/api/tickets", "[1, 2]", 400, "must be a JSON object", null);
        refused("POST", "/api/tickets", "\"subject\"", 400, "must be a JSON object", null);
        refused("POST", "/api/tickets", "", 400, "request body is empty", null);
        refused("POST", "/api/tokens", "null", 400, "must be a JSON object", null);
    }

    @Test
    void duplicateKeys() {
        refused("POST", "/api/tickets", "{\"subject\": \"a\", \"subject\": \"b\", \"requester\": \"a@example.com\"}",
                400, "Duplicate field 'subject'", null);
    }

    @Test
    void wrongTypes() {
        refused("POST", "/api/tickets", "{\"subject\": 5, \"requester\": \"a@example.com\"}", 400,
                "'subject' must be a string", "subject");
        refused("POST", "/api/tickets", "{\"subject\": \"x\", \"requester\": \"a@example.com\", \"priority\": \"high\"}",
                400, "'priority' must be a whole number", "priority");
        refused("POST", "/api/tickets", "{\"subject\": \"x\", \"requester\": \"a@example.com\", \"priority\": 1.5}",
                400, "'priority' must be a whole number", "priority");
        refused("POST", "/api/tickets", "{\"subject\": null, \"requester\": \"a@example.com\"}", 400,
                "'subject' must not be null", "subject");
        long id = ticket();
        refused("PATCH", "/api/tickets/" + id, "{\"status\": [\"closed\"]}", 400, "'status' must be a string", "status");
        refused("POST", "/api/tokens", "{\"name\": 7}", 400, "'name' must be a string", "name");
        refused("GET", "/api/tickets?limit=lots", null, 400, "'limit' must be a whole number", "limit");
        refused("GET", "/api/tickets?status=pending", null, 400, "'status' must be one of", "status");
    }

    @Test
    void unknownFields() {
        refused("POST", "/api/tickets", "{\"subject\": \"x\", \"requester\": \"a@example.com\", \"colour\": \"red\"}",
                400, "unknown field 'colour'", "colour");
        refused("PATCH", "/api/tickets/" + ticket(), "{\"id\": 99}", 400, "unknown field 'id'", "id");
        refused("POST", "/api/tokens", "{\"name\": \"ci\", \"admin\": true}", 400, "unknown field 'admin'", "admin");
    }

    @Test
    void unacceptableValues() {
        refused("POST", "/api/tickets", "{\"requester\": \"a@example.com\"}", 422, "'subject' is required", "subject");
        refused("POST", "/api/tickets", "{\"subject\": \"  \", \"requester\": \"a@example.com\"}", 422,
                "'subject' must be 1 to 255", "subject");
        refused("POST", "/api/tickets", "{\"subject\": \"x\", \"requester\": \"not an email\"}", 422,
                "'requester' must be an email", "requester");
        refused("PATCH", "/api/tickets/" + ticket(), "{\"status\": \"pending\"}", 422, "'status' must be one of",
                "status");
        refused("PATCH", "/api/tickets/" + ticket(), "{\"priority\": 101}", 422, "between 0 and 100", "priority");
        refused("POST", "/api/tokens", "{\"name\": \"\"}", 422, "'name' must be 1 to 100", "name");
    }

    @Test
    void unknownRecords() {
        refused("GET", "/api/tickets/999999", null, 404, "no ticket with id 999999", null);
        refused("PATCH", "/api/tickets/999999", "{\"status\": \"closed\"}", 404, "no ticket", null);
        refused("DELETE", "/api/tickets/abc", null, 404, "no record with id 'abc'", null);
        refused("POST", "/api/tokens/424242/revoke", null, 404, "no active token", null);
        refused("GET", "/api/nothing-here", null, 404, "no route", null);
    }

    @Test
    void oversizeBodies() {
        String big = "{\"subject\": \"x\", \"requester\": \"a@example.com\", \"body\": \"" + "a".repeat(1 << 20) + "\"}";
        refused("POST", "/api/tickets", big, 413, "larger than 1048576 bytes", null);

        // Without a Content-Length (chunked), the limit is enforced while reading.
        List<Long> before = state();
        HttpResponse<String> chunked = host.send(host.request("POST", "/api/tickets", null)
                .header("Authorization", "Bearer " + TestHost.ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes()))));
        assertThat(error(chunked, 413).get("message")).asString().contains("larger than");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void noOrBadCredentials() {
        List<Long> before = state();
        assertThat(error(host.anonymous("POST", "/api/tickets", GOOD), 401).get("message")).asString()
                .contains("missing Authorization");
        assertThat(error(host.send(host.request("POST", "/api/tickets", GOOD).header("Authorization", "Basic YTpi")), 401)
                .get("message")).asString().contains("Bearer");
        assertThat(error(host.send(host.request("POST", "/api/tickets", GOOD).header("Authorization",
                "Bearer sbt_not-a-real-token")), 401).get("message")).asString().contains("invalid or revoked token");
        assertThat(error(host.anonymous("POST", "/api/tokens", "{\"name\": \"sneaky\"}"), 401)).isNotNull();
        assertThat(error(host.anonymous("GET", "/api/audit", null), 401)).isNotNull();
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() {
        Map<?, ?> created = (Map<?, ?>) JSON.parse(host.admin("POST", "/api/tokens", "{\"name\": \"ci\"}").body());
        String token = (String) created.get("token");
        HttpRequest.Builder list = host.request("GET", "/api/tickets", null).header("Authorization", "Bearer " + token);
        assertThat(host.send(list).statusCode()).isEqualTo(200);

        assertThat(host.admin("POST", "/api/tokens/" + created.get("id") + "/revoke", null).statusCode()).isEqualTo(200);

        List<Long> before = state();
        assertThat(error(host.send(host.request("POST", "/api/tickets", GOOD).header("Authorization",
                "Bearer " + token)), 401).get("message")).asString().contains("invalid or revoked token");
        assertThat(error(host.send(host.request("POST", "/api/tokens/" + created.get("id") + "/revoke", null)
                .header("Authorization", "Bearer " + token)), 401)).isNotNull();
        assertThat(state()).isEqualTo(before);
    }
}
