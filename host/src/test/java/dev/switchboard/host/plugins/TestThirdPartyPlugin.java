package dev.switchboard.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.BehaviorRun;
import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.PluginJar;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A plugin jar built here from third-party-style sources (compiled against the plugin-api jar only) is found
 * disabled, enabled over the API with its action and endpoint live at once, and withdrawn on disable; a jar that
 * throws in {@code start()} is reported and the host keeps serving.
 */
class TestThirdPartyPlugin {
    private static final HostJson JSON = new HostJson();

    static PluginJar hello() {
        return new PluginJar("acme-hello", "acme.hello.HelloPlugin")
                .source("acme.hello.HelloPlugin", """
                        package acme.hello;

                        import dev.switchboard.api.PluginHost;
                        import dev.switchboard.api.SwitchboardPlugin;

                        public final class HelloPlugin extends SwitchboardPlugin {
                            public HelloPlugin(PluginHost host) {
                                super(host);
                            }
                        }
                        """)
                .source("acme.hello.Shout", """
                        package acme.hello;

                        import dev.switchboard.api.*;
                        import java.util.*;
                        import org.pf4j.Extension;

                        @Extension
                        public final class Shout implements Action {
                            public String id() { return "acme_shout"; }
                            public String label() { return "Shout"; }
                            public List<ActionParam> params() {
                                return List.of(ActionParam.template("text", true, "what to shout"));
                            }
                            public void execute(ActionContext ctx, Map<String, Object> params) {
                                ctx.dictionary().put("shouted", params.get("text").toString().toUpperCase(Locale.ROOT) + "!");
                            }
                        }
                        """)
                .source("acme.hello.HelloEndpoint", """
                        package acme.hello;

                        import dev.switchboard.api.*;
                        import java.util.Set;
                        import org.pf4j.Extension;

                        @Extension
                        public final class HelloEndpoint implements HttpEndpoint {
                            private final PluginHost host;
                            public HelloEndpoint(PluginHost host) { this.host = host; }
                            public String path() { return "/acme/hello/{name}"; }
                            public Set<String> methods() { return Set.of("GET"); }
                            public HttpResponse handle(HttpRequest request) {
                                return HttpResponse.text(200, "hello " + request.pathParam("name") + " from "
                                        + host.pluginId());
                            }
                        }
                        """)
                .extension("acme.hello.Shout")
                .extension("acme.hello.HelloEndpoint");
    }

    static PluginJar broken() {
        return new PluginJar("acme-broken", "acme.broken.BrokenPlugin")
                .source("acme.broken.BrokenPlugin", """
                        package acme.broken;

                        import dev.switchboard.api.PluginHost;
                        import dev.switchboard.api.SwitchboardPlugin;

                        public final class BrokenPlugin extends SwitchboardPlugin {
                            public BrokenPlugin(PluginHost host) {
                                super(host);
                            }

                            @Override
                            public void start() {
                                throw new IllegalStateException("license server unreachable");
                            }
                        }
                        """);
    }

    private static final String SHOUT_PACKAGE = """
            {"package": {"name": "Shout", "requires": {"cerb_version": "8.3.0", "plugins": ["acme-hello"]}},
             "bots": [{"uid": "bot", "name": "Shouter", "is_disabled": false, "params": {},
               "owner": {"context": "cerberusweb.contexts.app", "id": 0},
               "behaviors": [{"uid": "shout", "title": "Shout", "is_disabled": false, "is_private": false,
                 "priority": 50, "event": {"key": "acme.poked"}, "variables": {},
                 "nodes": [{"type": "action", "title": "Shout", "params": {"actions": [
                   {"action": "acme_shout", "text": "hi {{who}}"}]}}]}]}]}
            """;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plugin(TestHost host, String id) {
        Map<String, Object> body = (Map<String, Object>) JSON.parse(host.admin("GET", "/api/plugins", null).body());
        return ((List<Map<String, Object>>) body.get("plugins")).stream().filter(p -> id.equals(p.get("id")))
                .findFirst().orElseThrow();
    }

    @Test
    void droppedInJarStartsDisabledAndEnableDisableTakeEffectWithoutRestart() {
        try (TestHost host = PluginJar.hostWith(hello(), PokePlugin.jar())) {
            assertThat(plugin(host, "acme-hello")).containsEntry("enabled", false).containsEntry("state", "disabled");
            assertThat(host.anonymous("GET", "/acme/hello/ann", null).statusCode()).isEqualTo(404);
            assertThat(host.admin("GET", "/api/actions", null).body()).doesNotContain("acme_shout");
            assertThat(host.admin("POST", "/api/packages/import", SHOUT_PACKAGE).statusCode()).isEqualTo(422);

            assertThat(host.admin("POST", "/api/plugins/acme-hello/enable", null).statusCode()).isEqualTo(200);
            assertThat(plugin(host, "acme-hello")).containsEntry("enabled", true).containsEntry("state", "started");
            HttpResponse<String> hello = host.anonymous("GET", "/acme/hello/ann", null);
            assertThat(hello.statusCode()).isEqualTo(200);
            assertThat(hello.body()).isEqualTo("hello ann from acme-hello");
            assertThat(host.admin("GET", "/api/actions", null).body())
                    .contains("\"id\":\"acme_shout\",\"aliases\":[],\"label\":\"Shout\",\"plugin\":\"acme-hello\"");

            HttpResponse<String> imported = host.admin("POST", "/api/packages/import", SHOUT_PACKAGE);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
            long behavior = host.host().engine().store().behaviors(null, null).stream()
                    .filter(b -> b.uid().equals("shout")).findFirst().orElseThrow().id();
            BehaviorRun run = host.host().engine().behaviors().run(behavior, Map.of("who", "ann"), false);
            assertThat(run.dictionary()).containsEntry("shouted", "HI ANN!");

            assertThat(host.admin("POST", "/api/plugins/acme-hello/disable", null).statusCode()).isEqualTo(200);
            assertThat(host.anonymous("GET", "/acme/hello/ann", null).statusCode()).isEqualTo(404);
            assertThat(host.admin("GET", "/api/actions", null).body()).doesNotContain("acme_shout");
            BehaviorRun after = host.host().engine().behaviors().run(behavior, Map.of("who", "ann"), false);
            assertThat(after.dictionary()).doesNotContainKey("shouted");
            assertThat(after.errors()).isNotEmpty();
        }
    }

    @Test
    void aJarDroppedInWhileRunningIsListedDisabledAndCanBeEnabled() {
        try (TestHost host = PluginJar.hostWith(PokePlugin.jar())) {
            hello().build(host.dir().resolve("plugins"));
            assertThat(plugin(host, "acme-hello")).containsEntry("enabled", false).containsEntry("state", "disabled");
            assertThat(plugin(host, PokePlugin.ID)).containsEntry("state", "started");
            assertThat(host.admin("POST", "/api/plugins/acme-hello/enable", null).statusCode()).isEqualTo(200);
            assertThat(host.anonymous("GET", "/acme/hello/cy", null).body()).isEqualTo("hello cy from acme-hello");
        }
    }

    @Test
    void aJarThatThrowsInStartIsReportedAndTheHostStaysUp() {
        try (TestHost host = PluginJar.hostWith(hello(), broken(), PokePlugin.jar())) {
            HttpResponse<String> r = host.admin("POST", "/api/plugins/acme-broken/enable", null);
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(r.body()).contains("\"error\"").contains("license server unreachable");
            assertThat(plugin(host, "acme-broken")).containsEntry("state", "failed");
            assertThat((String) plugin(host, "acme-broken").get("error")).contains("license server unreachable");

            assertThat(host.anonymous("GET", "/health", null).statusCode()).isEqualTo(200);
            assertThat(host.admin("POST", "/api/plugins/acme-hello/enable", null).statusCode()).isEqualTo(200);
            assertThat(host.anonymous("GET", "/acme/hello/bob", null).body()).isEqualTo("hello bob from acme-hello");
            assertThat(plugin(host, PokePlugin.ID)).containsEntry("state", "started");
        }
    }
}
