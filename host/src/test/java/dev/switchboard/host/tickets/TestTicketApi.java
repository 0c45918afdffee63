package dev.switchboard.host.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.Row;
import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.PluginJar;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ticket CRUD over the API, and the record events it raises to a listener in a real plugin jar (built here from
 * third-party-style sources): seen inside the writing transaction, and able to veto with its message.
 */
public class TestTicketApi {
    private static final HostJson JSON = new HostJson();

    static final String LISTENER = """
            package acme.watch;

            import dev.switchboard.api.EventListener;
            import dev.switchboard.api.HostEvent;
            import dev.switchboard.api.Sql;
            import dev.switchboard.api.VetoException;
            import java.util.Map;
            import org.pf4j.Extension;

            @Extension
            public final class TicketWatch implements EventListener {
                @Override
                public void inTransaction(HostEvent event, Sql sql) {
                    if (!event.id().startsWith("ticket.")) {
                        return;
                    }
                    Map<?, ?> ticket = (Map<?, ?>) event.data().get("ticket");
                    if (String.valueOf(ticket.get("subject")).contains("forbidden")) {
                        throw new VetoException(403, "acme refused: forbidden subject");
                    }
                    sql.insert("INSERT INTO acme_seen(event_id, ticket_id, changes) VALUES (?, ?, ?)", event.id(),
                            ((Number) ticket.get("id")).longValue(), String.valueOf(event.data().get("changes")));
                }
            }
            """;

    /**
     * A host with the acme-watch listener plugin (refuses tickets whose subject contains 'forbidden') dropped in and
     * enabled over the API, and the {@code others} jars.
     */
    public static TestHost hostWithListener(PluginJar... others) {
        PluginJar[] jars = java.util.Arrays.copyOf(others, others.length + 1);
        jars[others.length] = new PluginJar("acme-watch", null)
                .source("acme.watch.TicketWatch", LISTENER)
                .extension("acme.watch.TicketWatch")
                .resource("db/acme-watch/V1__seen.sql", "CREATE TABLE acme_seen (id ${id_pk},"
                        + " event_id VARCHAR(100) NOT NULL, ticket_id BIGINT NOT NULL, changes TEXT)");
        TestHost host = PluginJar.hostWith(jars);
        assertThat(host.admin("POST", "/api/plugins/acme-watch/enable", null).statusCode()).isEqualTo(200);
        return host;
    }

    public static List<String> seen(TestHost host) {
        return host.host().database().read(sql -> sql.query("SELECT * FROM acme_seen ORDER BY id")).stream()
                .map(r -> r.getString("event_id") + " " + r.getLong("ticket_id") + " " + r.getString("changes"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(HttpResponse<String> r) {
        return (Map<String, Object>) JSON.parse(r.body());
    }

    static long count(TestHost host) {
        return host.host().database().read(sql -> sql.first("SELECT COUNT(*) AS n FROM ticket")).map(r -> r.getLong("n"))
                .orElseThrow();
    }

    @Test
    void createGetPatchDeleteRaiseTheThreeEventsToThePluginListener() {
        try (TestHost host = hostWithListener()) {
            HttpResponse<String> created = host.admin("POST", "/api/tickets",
                    "{\"subject\": \"Printer on fire\", \"body\": \"Help\", \"requester\": \"ann@example.com\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            Map<String, Object> t = map(created);
            assertThat(t).containsEntry("subject", "Printer on fire").containsEntry("status", "open")
                    .containsEntry("priority", 50L).containsEntry("requester", "ann@example.com")
                    .containsKeys("id", "mask", "body", "created_at", "updated_at");
            assertThat((String) t.get("mask")).matches("[A-Z]{3}-\\d{5}-\\d{3}");
            long id = (Long) t.get("id");

            assertThat(map(host.admin("GET", "/api/tickets/" + id, null))).isEqualTo(t);

            HttpResponse<String> patched = host.admin("PATCH", "/api/tickets/" + id,
                    "{\"status\": \"closed\", \"subject\": \"Printer on fire\"}");
            assertThat(patched.statusCode()).isEqualTo(200);
            assertThat(map(patched)).containsEntry("status", "closed");

            assertThat(host.admin("DELETE", "/api/tickets/" + id, null).statusCode()).isEqualTo(204);
            assertThat(host.admin("GET", "/api/tickets/" + id, null).statusCode()).isEqualTo(404);

            assertThat(seen(host)).containsExactly(
                    "ticket.created " + id + " null",
                    "ticket.updated " + id + " {status={old=open, new=closed}}",
                    "ticket.deleted " + id + " null");
            assertThat(host.admin("GET", "/api/audit", null).body()).contains("ticket.create", "ticket.update",
                    "ticket.delete");
        }
    }

    @Test
    void aListenerVetoFailsTheCallWithItsMessageAndChangesNothing() {
        try (TestHost host = hostWithListener()) {
            HttpResponse<String> refused = host.admin("POST", "/api/tickets",
                    "{\"subject\": \"forbidden words\", \"requester\": \"ann@example.com\"}");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("acme refused: forbidden subject");
            assertThat(count(host)).isZero();

            long id = (Long) map(host.admin("POST", "/api/tickets",
                    "{\"subject\": \"fine\", \"requester\": \"ann@example.com\"}")).get("id");
            HttpResponse<String> patch = host.admin("PATCH", "/api/tickets/" + id,
                    "{\"subject\": \"now forbidden\", \"status\": \"waiting\"}");
            assertThat(patch.statusCode()).isEqualTo(403);
            assertThat(map(host.admin("GET", "/api/tickets/" + id, null))).containsEntry("subject", "fine")
                    .containsEntry("status", "open");
            assertThat(seen(host)).containsExactly("ticket.created " + id + " null");
            assertThat(host.host().audit().list(50, 0)).noneMatch(e -> e.action().equals("ticket.update"));
        }
    }

    @Test
    void listIsPagedNewestFirstAndFiltered() {
        try (TestHost host = TestHost.start()) {
            for (int i = 1; i <= 5; i++) {
                host.admin("POST", "/api/tickets", "{\"subject\": \"Ticket " + i + "\", \"requester\": \"r" + (i % 2)
                        + "@example.com\", \"status\": \"" + (i == 5 ? "waiting" : "open") + "\"}");
            }
            Map<String, Object> first = map(host.admin("GET", "/api/tickets?limit=2", null));
            assertThat(subjects(first)).containsExactly("Ticket 5", "Ticket 4");
            Map<String, Object> second = map(host.admin("GET", "/api/tickets?limit=2&before=" + first.get("next"), null));
            assertThat(subjects(second)).containsExactly("Ticket 3", "Ticket 2");
            Map<String, Object> last = map(host.admin("GET", "/api/tickets?limit=2&before=" + second.get("next"), null));
            assertThat(subjects(last)).containsExactly("Ticket 1");
            assertThat(last.get("next")).isNull();

            assertThat(subjects(map(host.admin("GET", "/api/tickets?status=waiting", null)))).containsExactly("Ticket 5");
            assertThat(subjects(map(host.admin("GET", "/api/tickets?requester=R0@example.com", null))))
                    .containsExactly("Ticket 4", "Ticket 2");
            assertThat(subjects(map(host.admin("GET", "/api/tickets?subject=ket%203", null))))
                    .containsExactly("Ticket 3");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> subjects(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("tickets")).stream().map(m -> m.get("subject")).toList();
    }

    @Test
    void theTicketEventsAreListedAsHostEventsWithTheirPlaceholders() {
        try (TestHost host = TestHost.start()) {
            String events = host.admin("GET", "/api/events", null).body();
            assertThat(events).contains("{\"id\":\"ticket.created\",\"label\":\"Ticket created\",\"plugin\":\"host\"")
                    .contains("\"id\":\"ticket.deleted\"").contains("\"name\":\"ticket_status\"")
                    .contains("\"name\":\"changes\"");
            assertThat(host.admin("GET", "/api/actions", null).body())
                    .contains("\"id\":\"create_ticket\",\"aliases\":[],\"label\":\"Create a ticket\",\"plugin\":\"host\"");
        }
    }

    @Test
    void aPackageRecordCreatesATicket() {
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> r = host.admin("POST", "/api/packages/import", """
                    {"package": {"name": "Tickets", "requires": {"cerb_version": "8.3.0", "plugins": []}},
                     "records": [{"uid": "t1", "_context": "ticket", "subject": "From a package",
                                  "requester": "pkg@example.com", "priority": "70"}]}
                    """);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            Row row = host.host().database().read(sql -> sql.first("SELECT * FROM ticket")).orElseThrow();
            assertThat(row.getString("subject")).isEqualTo("From a package");
            assertThat(row.getLong("priority")).isEqualTo(70);
            assertThat(r.body()).contains("\"_context\":\"ticket\"");
        }
    }
}
