package dev.switchboard.host.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.Row;
import dev.switchboard.testkit.PluginJar;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each in-transaction listener runs in its own savepoint: a plugin whose listener runs bad SQL loses only its own
 * writes, the ticket change is saved and the other listeners' rows commit with it. Runs on SQLite and again on
 * PostgreSQL (the {@code postgresql} surefire execution), where one failed statement would otherwise abort the
 * whole transaction.
 */
class TestListenerSavepoints {
    private static final String PKG = "acme.savepoints";

    /** A listener that inserts a row naming itself into the plugin's table, then runs {@code more}. */
    private static String listener(String name, String more) {
        return """
                package %s;

                import dev.switchboard.api.*;
                import org.pf4j.Extension;

                @Extension
                public final class %s implements EventListener {
                    private final PluginHost host;

                    public %s(PluginHost host) { this.host = host; }

                    public void inTransaction(HostEvent event, Sql sql) {
                        if (!event.id().equals("ticket.created")) { return; }
                        sql.insert("INSERT INTO acme_seen(listener) VALUES (?)", "%s");
                        %s
                    }
                }
                """.formatted(PKG, name, name, name, more);
    }

    private static PluginJar plugin() {
        PluginJar jar = new PluginJar("acme-savepoints", null)
                .resource("db/acme-savepoints/V1__seen.sql", """
                        CREATE TABLE acme_seen (
                            id       ${id_pk},
                            listener TEXT NOT NULL
                        );
                        """);
        for (String name : List.of("First", "Bad", "Last")) {
            String more = !name.equals("Bad") ? "" : """
                    sql.afterCommit(() -> host.database().write(tx -> tx.insert(
                            "INSERT INTO acme_seen(listener) VALUES (?)", "bad-after-commit")));
                    sql.update("UPDATE no_such_table SET x = 1");
                    """;
            jar.source(PKG + "." + name, listener(name, more)).extension(PKG + "." + name);
        }
        return jar;
    }

    @Test
    void aListenerRunningBadSqlLosesOnlyItsOwnWritesAndTheTicketIsSaved() {
        try (TestHost host = PluginJar.hostWith(plugin())) {
            assertThat(host.admin("POST", "/api/plugins/acme-savepoints/enable", null).statusCode()).isEqualTo(200);

            HttpResponse<String> created = host.admin("POST", "/api/tickets",
                    "{\"subject\": \"saved anyway\", \"requester\": \"ann@example.com\"}");

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            List<Row> tickets = host.host().database().read(sql ->
                    sql.query("SELECT subject FROM ticket WHERE subject = ?", "saved anyway"));
            assertThat(tickets).hasSize(1);
            List<String> seen = host.host().database().read(sql ->
                    sql.query("SELECT listener FROM acme_seen ORDER BY listener")).stream()
                    .map(r -> String.valueOf(r.get("listener"))).toList();
            assertThat(seen).containsExactly("First", "Last");
        }
    }
}
