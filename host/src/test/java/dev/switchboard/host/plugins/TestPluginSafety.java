package dev.switchboard.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.Host;
import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.PluginJar;
import dev.switchboard.testkit.TestHost;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a third-party jar cannot do to the host: load against an API it was not built for, take an id another
 * plugin has, or stall behaviors with an action that hangs.
 */
class TestPluginSafety {
    private static final HostJson JSON = new HostJson();

    /** A plugin with one action of the given id whose body is {@code code} (has {@code ctx} and {@code params}). */
    static PluginJar actionJar(String pluginId, String actionId, String code) {
        String cls = "acme.p" + Math.abs(pluginId.hashCode()) + ".Act";
        return new PluginJar(pluginId, null).source(cls, """
                package %s;

                import dev.switchboard.api.*;
                import java.util.*;
                import org.pf4j.Extension;

                @Extension
                public final class Act implements Action {
                    public String id() { return "%s"; }
                    public String label() { return "test action"; }
                    public List<ActionParam> params() { return List.of(); }
                    public void execute(ActionContext ctx, Map<String, Object> params) {
                        %s
                    }
                }
                """.formatted(cls.substring(0, cls.lastIndexOf('.')), actionId, code)).extension(cls);
    }

    @Test
    void aJarBuiltForAnotherPluginApiIsRefusedWithTheReason() {
        try (TestHost host = PluginJar.hostWith(actionJar("acme-future", "acme_future", "").requires(">=2.0.0"))) {
            HttpResponse<String> r = host.admin("POST", "/api/plugins/acme-future/enable", null);
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(r.body()).contains("acme-future").contains(">=2.0.0").contains(Host.apiVersion());
            assertThat(plugin(host, "acme-future")).containsEntry("state", "failed");
            assertThat(host.admin("GET", "/api/actions", null).body()).doesNotContain("acme_future");
        }
    }

    @Test
    void aSecondJarWithTheSamePluginIdIsRefusedNamingBothJars() {
        try (TestHost host = PluginJar.hostWith(actionJar("acme-twin", "acme_one", ""),
                actionJar("acme-twin", "acme_two", "").fileName("acme-twin-copy.jar"))) {
            String listing = host.admin("GET", "/api/plugins", null).body();
            assertThat(listing).contains("duplicate plugin id").contains("acme-twin.jar")
                    .contains("acme-twin-copy.jar");
            assertThat(host.anonymous("GET", "/health", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anActionIdThatAnotherPluginHasIsRefusedNamingBoth() {
        try (TestHost host = PluginJar.hostWith(actionJar("acme-clash", "create_ticket", ""))) {
            HttpResponse<String> r = host.admin("POST", "/api/plugins/acme-clash/enable", null);
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(r.body()).contains("create_ticket").contains("host").contains("acme-clash.jar");
            assertThat(plugin(host, "acme-clash")).containsEntry("state", "failed");
            HttpResponse<String> t = host.admin("POST", "/api/tickets",
                    "{\"subject\": \"still works\", \"requester\": \"ann@example.com\"}");
            assertThat(t.statusCode()).isEqualTo(201);
        }
    }

    @Test
    void aHangingActionIsAbandonedAndTheRestOfTheBehaviorAndOtherRequestsGoOn() throws IOException {
        Path dir = Files.createTempDirectory("switchboard-test");
        Path plugins = dir.resolve("plugins");
        Files.createDirectories(plugins);
        TestHost.copyJars(TestHost.pluginsUnderTest(), plugins);
        actionJar("acme-slow", "acme_hang", "try { Thread.sleep(120_000); } catch (InterruptedException e) {"
                + " Thread.currentThread().interrupt(); }").build(plugins);
        try (TestHost host = TestHost.start(dir, Map.of("SWITCHBOARD_ENGINE_ACTION_TIMEOUT_MS", "500"))) {
            assertThat(host.admin("POST", "/api/plugins/acme-slow/enable", null).statusCode()).isEqualTo(200);
            HttpResponse<String> imported = host.admin("POST", "/api/packages/import", """
                    {"package": {"name": "Slow"},
                     "bots": [{"uid": "bot", "name": "Slow", "is_disabled": false, "params": {},
                       "owner": {"context": "cerberusweb.contexts.app", "id": 0},
                       "behaviors": [{"uid": "slow", "title": "Slow", "is_disabled": false, "is_private": false,
                         "priority": 50, "event": {"key": "ticket.created"}, "variables": {},
                         "nodes": [{"type": "action", "title": "Hang", "params": {"actions": [
                           {"action": "acme_hang"}]}},
                           {"type": "action", "title": "Note", "params": {"actions": [
                           {"action": "update_ticket", "id": "{{ ticket_id }}", "body": "noted"}]}}]}]}]}
                    """);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
            HttpResponse<String> created = host.admin("POST", "/api/tickets",
                    "{\"subject\": \"slow one\", \"requester\": \"ann@example.com\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            Map<?, ?> ticket = (Map<?, ?>) JSON.parse(host.admin("GET", "/api/tickets/"
                    + ((Map<?, ?>) JSON.parse(created.body())).get("id"), null).body());
            assertThat(ticket.get("body")).isEqualTo("noted");
            assertThat(host.anonymous("GET", "/health", null).statusCode()).isEqualTo(200);
        }
    }


    @SuppressWarnings("unchecked")
    private static Map<String, Object> plugin(TestHost host, String id) {
        Map<String, Object> body = (Map<String, Object>) JSON.parse(host.admin("GET", "/api/plugins", null).body());
        return ((List<Map<String, Object>>) body.get("plugins")).stream().filter(p -> id.equals(p.get("id")))
                .findFirst().orElseThrow();
    }
}
