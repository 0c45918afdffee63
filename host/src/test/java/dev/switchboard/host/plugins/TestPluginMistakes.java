package dev.switchboard.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.CliProcess;
import dev.switchboard.testkit.PluginJar;
import dev.switchboard.testkit.TestHost;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mistakes a third-party plugin author is likeliest to make, each in a real jar built here, and what the host
 * tells them: a warning on a plugin that contributes nothing, a refused jar that bundles plugin-api or pf4j, a
 * wrong {@code Plugin-Requires}, two jars of one id, a jar replaced or deleted while the host runs, and an action
 * that throws {@code StackOverflowError}.
 */
class TestPluginMistakes {
    private static final HostJson JSON = new HostJson();

    /** A plugin with one action, {@code acme_shout}, that sets {@code shouted} to its text plus {@code suffix}. */
    private static PluginJar shout(String suffix) {
        return new PluginJar("acme-shout", null)
                .source("acme.shout.Shout", """
                        package acme.shout;

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
                            public List<ActionOutput> outputs() {
                                return List.of(ActionOutput.of("shouted", ParamType.TEXT, "the text, shouted"));
                            }
                            public void execute(ActionContext ctx, Map<String, Object> params) {
                                ctx.dictionary().put("shouted", params.get("text") + "SUFFIX");
                            }
                        }
                        """.replace("SUFFIX", suffix))
                .extension("acme.shout.Shout");
    }

    /** An action class without {@code @Extension}, built with PF4J's annotation processor as Maven would. */
    private static PluginJar forgotten() {
        return new PluginJar("acme-forgot", null)
                .source("acme.forgot.Quiet", """
                        package acme.forgot;

                        import dev.switchboard.api.*;
                        import java.util.*;

                        public final class Quiet implements Action {
                            public String id() { return "acme_quiet"; }
                            public String label() { return "Quiet"; }
                            public List<ActionParam> params() { return List.of(); }
                            public void execute(ActionContext ctx, Map<String, Object> params) { }
                        }
                        """)
                .processAnnotations();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plugin(TestHost host, String idOrFile) {
        Map<String, Object> body = (Map<String, Object>) JSON.parse(host.admin("GET", "/api/plugins", null).body());
        return ((List<Map<String, Object>>) body.get("plugins")).stream()
                .filter(p -> idOrFile.equals(p.get("id")) || idOrFile.equals(p.get("file"))).findFirst()
                .orElseThrow(() -> new AssertionError(idOrFile + " not listed: " + body));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> plugins(TestHost host) {
        Map<String, Object> body = (Map<String, Object>) JSON.parse(host.admin("GET", "/api/plugins", null).body());
        return (List<Map<String, Object>>) body.get("plugins");
    }

    @SuppressWarnings("unchecked")
    private static List<String> warnings(TestHost host, String id) {
        return (List<String>) plugin(host, id).get("warnings");
    }

    private static void enable(TestHost host, String id) {
        HttpResponse<String> r = host.admin("POST", "/api/plugins/" + id + "/enable", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void aPluginThatContributesNothingSaysSoWithTheLikelyCauseInTheApiAndTheCli() {
        try (TestHost host = PluginJar.hostWith(shout("!").noIndex(), forgotten())) {
            assertThat(warnings(host, "acme-shout")).singleElement().asString()
                    .startsWith("contributes nothing when started").contains("has no META-INF/extensions.idx")
                    .contains("annotation processor did not run");
            enable(host, "acme-shout");
            assertThat(plugin(host, "acme-shout")).containsEntry("state", "started").containsEntry("error", null);
            assertThat(warnings(host, "acme-shout")).singleElement().asString()
                    .startsWith("started but contributes nothing").contains("has no META-INF/extensions.idx");

            enable(host, "acme-forgot");
            assertThat(warnings(host, "acme-forgot")).singleElement().asString()
                    .startsWith("started but contributes nothing").contains("@Extension");

            CliProcess.Result list = CliProcess.run(host.dir(), "-c", host.cliConfig().toString(), "plugins", "list");
            assertThat(list.exit()).as(list.toString()).isZero();
            assertThat(list.out()).as(list.toString())
                    .contains("warning: contributes nothing when started (no action, endpoint, event type …): the"
                            + " jar has no META-INF/extensions.idx");
        }
    }

    @Test
    void aJarThatBundlesPluginApiOrPf4jIsRefusedNamingThemAndTheFix() {
        try (TestHost host = PluginJar.hostWith(
                shout("!").bundle(dev.switchboard.api.Action.class, dev.switchboard.api.ActionParam.class),
                new PluginJar("acme-pf4j", null).bundle(org.pf4j.Extension.class))) {
            Map<String, Object> api = plugin(host, "acme-shout.jar");
            assertThat(api).containsEntry("state", "failed");
            assertThat((String) api.get("error")).isEqualTo("the jar bundles classes the host provides: 2 classes of"
                    + " dev.switchboard.api (plugin-api); declare plugin-api and pf4j with <scope>provided</scope> in"
                    + " the plugin's pom so they are not packed into the jar");
            Map<String, Object> pf4j = plugin(host, "acme-pf4j.jar");
            assertThat(pf4j).containsEntry("state", "failed");
            assertThat((String) pf4j.get("error")).contains("1 class of org.pf4j (pf4j)").contains("provided");
            assertThat(host.admin("POST", "/api/plugins/acme-shout/enable", null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aWrongPluginRequiresIsListedFailedAndCannotBeEnabled() {
        try (TestHost host = PluginJar.hostWith(shout("!").requires(">=9.0.0"))) {
            assertThat(plugin(host, "acme-shout")).containsEntry("state", "failed");
            assertThat((String) plugin(host, "acme-shout").get("error"))
                    .startsWith("it requires plugin API >=9.0.0 (Plugin-Requires in acme-shout.jar) and this host"
                            + " provides ");
            HttpResponse<String> r = host.admin("POST", "/api/plugins/acme-shout/enable", null);
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(r.body()).contains("cannot be enabled: it requires plugin API >=9.0.0");
        }
    }

    @Test
    void aSecondJarWithTheSameIdAndVersionSaysToRemoveOne() {
        try (TestHost host = PluginJar.hostWith(shout("!"), shout("?").fileName("acme-shout-copy.jar"))) {
            assertThat(plugin(host, "acme-shout")).containsEntry("file", "acme-shout.jar");
            Map<String, Object> copy = plugin(host, "acme-shout-copy.jar");
            assertThat(copy).containsEntry("state", "failed");
            assertThat((String) copy.get("error")).startsWith("duplicate plugin id 'acme-shout': acme-shout-copy.jar"
                    + " holds version 1.0.0, and acme-shout.jar (version 1.0.0, disabled) is already loaded with that"
                    + " id; remove one of the two files from ").doesNotContain("PluginVersion");
        }
    }

    @Test
    void aNewVersionBesideTheOldSaysWhichFileToRemoveWhileTheOldKeepsRunning() throws IOException {
        try (TestHost host = PluginJar.hostWith(shout(" v1").fileName("acme-shout-1.0.0.jar"))) {
            enable(host, "acme-shout");
            Path plugins = host.dir().resolve("plugins");
            shout(" v2").version("1.1.0").fileName("acme-shout-1.1.0.jar").build(plugins);

            Map<String, Object> v2 = plugin(host, "acme-shout-1.1.0.jar");
            assertThat(v2).containsEntry("state", "failed");
            assertThat((String) v2.get("error")).isEqualTo("duplicate plugin id 'acme-shout': acme-shout-1.1.0.jar"
                    + " holds version 1.1.0, and acme-shout-1.0.0.jar (version 1.0.0, started) is already loaded with"
                    + " that id; to upgrade, remove acme-shout-1.0.0.jar (the old version, which keeps running until"
                    + " then), then disable and enable acme-shout from " + plugins);
            assertThat(shout(host)).isEqualTo("hi v1");

            Files.delete(plugins.resolve("acme-shout-1.0.0.jar"));
            assertThat(warnings(host, "acme-shout")).singleElement().asString()
                    .startsWith("its jar acme-shout-1.0.0.jar was removed; the plugin keeps running");
            assertThat(shout(host)).isEqualTo("hi v1");
            assertThat(host.admin("POST", "/api/plugins/acme-shout/disable", null).statusCode()).isEqualTo(200);
            assertThat(plugin(host, "acme-shout")).containsEntry("version", "1.1.0")
                    .containsEntry("file", "acme-shout-1.1.0.jar").containsEntry("state", "disabled");
            assertThat(plugins(host)).noneMatch(p -> "acme-shout-1.0.0.jar".equals(p.get("file")));
            enable(host, "acme-shout");
            assertThat(shout(host)).isEqualTo("hi v2");
        }
    }

    @Test
    void aRebuiltJarCopiedOverTheOldIsNamedWhileRunningAndLoadedOnEnable() throws IOException {
        try (TestHost host = PluginJar.hostWith(shout(" v1"))) {
            enable(host, "acme-shout");
            assertThat(shout(host)).isEqualTo("hi v1");
            Path plugins = host.dir().resolve("plugins");
            Path jar = shout(" v2, rebuilt").build(plugins);
            Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));

            assertThat(warnings(host, "acme-shout")).containsExactly("its jar acme-shout.jar was replaced since the"
                    + " plugin started; it runs the old code until you disable and enable it");
            assertThat(shout(host)).isEqualTo("hi v1");
            assertThat(host.admin("POST", "/api/plugins/acme-shout/disable", null).statusCode()).isEqualTo(200);
            enable(host, "acme-shout");
            assertThat(warnings(host, "acme-shout")).isEmpty();
            assertThat(shout(host)).isEqualTo("hi v2, rebuilt");
        }
    }

    @Test
    void aDeletedJarDropsFromTheList() throws IOException {
        try (TestHost host = PluginJar.hostWith(shout("!"), new PluginJar("acme-pf4j", null)
                .bundle(org.pf4j.Extension.class))) {
            assertThat(plugin(host, "acme-shout")).containsEntry("state", "disabled");
            assertThat(plugin(host, "acme-pf4j.jar")).containsEntry("state", "failed");
            Files.delete(host.dir().resolve("plugins").resolve("acme-shout.jar"));
            Files.delete(host.dir().resolve("plugins").resolve("acme-pf4j.jar"));
            assertThat(plugins(host)).extracting(p -> p.get("id")).doesNotContain("acme-shout", "acme-pf4j.jar");
            assertThat(host.admin("POST", "/api/plugins/acme-shout/enable", null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void actionsListTheVariablesTheySet() {
        try (TestHost host = PluginJar.hostWith(shout("!"))) {
            enable(host, "acme-shout");
            assertThat(host.admin("GET", "/api/actions", null).body())
                    .contains("\"outputs\":[{\"name\":\"shouted\",\"type\":\"text\",\"description\":\"the text,"
                            + " shouted\"}]")
                    .contains("\"outputs\":[{\"name\":\"{object_placeholder}\",\"type\":\"json\",\"description\":"
                            + "\"the created ticket (id, mask, subject, status …)\"}]");
        }
    }

    /** A plugin whose {@code acme_recurse} writes, then overflows the stack; {@code acme_mark} sets mark_{value}. */
    static PluginJar deep() {
        return new PluginJar("acme-deep", null)
                .source("acme.deep.Recurse", """
                        package acme.deep;

                        import dev.switchboard.api.*;
                        import java.util.*;
                        import org.pf4j.Extension;

                        @Extension
                        public final class Recurse implements Action {
                            public String id() { return "acme_recurse"; }
                            public String label() { return "Recurse"; }
                            public List<ActionParam> params() { return List.of(); }
                            public void execute(ActionContext ctx, Map<String, Object> params) {
                                ctx.dictionary().put("half_written", "yes");
                                down(0);
                            }
                            private static int down(int n) { return down(n + 1) + 1; }
                        }
                        """)
                .source("acme.deep.Mark", """
                        package acme.deep;

                        import dev.switchboard.api.*;
                        import java.util.*;
                        import org.pf4j.Extension;

                        @Extension
                        public final class Mark implements Action {
                            public String id() { return "acme_mark"; }
                            public String label() { return "Mark"; }
                            public List<ActionParam> params() { return List.of(ActionParam.template("value", true, "")); }
                            public void execute(ActionContext ctx, Map<String, Object> params) {
                                ctx.dictionary().put("mark_" + params.get("value"), true);
                            }
                        }
                        """)
                .extension("acme.deep.Recurse")
                .extension("acme.deep.Mark");
    }

    private static final String DEEP_PACKAGE = """
            {"package": {"name": "Deep", "requires": {"cerb_version": "8.3.0", "plugins": ["acme-deep"]}},
             "bots": [{"uid": "bot_deep", "name": "Deep", "is_disabled": false, "params": {},
               "owner": {"context": "cerberusweb.contexts.app", "id": 0},
               "behaviors": [{"uid": "deep", "title": "Deep", "is_disabled": false, "is_private": false,
                 "priority": 50, "event": {"key": "ticket.created"}, "variables": {},
                 "nodes": [
                   {"type": "action", "title": "Recurse", "params": {"actions": [
                     {"action": "acme_mark", "value": "a"}, {"action": "acme_recurse"},
                     {"action": "acme_mark", "value": "b"}]}},
                   {"type": "action", "title": "Next", "params": {"actions": [
                     {"action": "acme_mark", "value": "c"}]}}]}]}]}
            """;

    @Test
    void anActionThrowingStackOverflowErrorFailsLikeAnyActionAndEndsItsNode() {
        try (TestHost host = PluginJar.hostWith(deep())) {
            enable(host, "acme-deep");
            HttpResponse<String> imported = host.admin("POST", "/api/packages/import", DEEP_PACKAGE);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
            long id = host.host().engine().store().behaviors(null, null).stream().filter(b -> b.uid().equals("deep"))
                    .findFirst().orElseThrow().id();
            var run = host.host().engine().behaviors().run(id, Map.of(), false);
            assertThat(run.errors()).containsExactly("node 'Recurse' (acme_recurse): StackOverflowError");
            assertThat(run.dictionary()).containsEntry("mark_a", true).containsEntry("mark_c", true)
                    .doesNotContainKeys("mark_b", "half_written");
            assertThat(host.anonymous("GET", "/health", null).statusCode()).isEqualTo(200);
        }
    }

    /** Runs the imported {@code shout} behavior (imported on first use) and returns what it set. */
    private static String shout(TestHost host) {
        Long id = host.host().engine().store().behaviors(null, null).stream().filter(b -> b.uid().equals("shout"))
                .map(b -> b.id()).findFirst().orElseGet(() -> {
                    HttpResponse<String> imported = host.admin("POST", "/api/packages/import", SHOUT_PACKAGE);
                    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
                    return host.host().engine().store().behaviors(null, null).stream()
                            .filter(b -> b.uid().equals("shout")).findFirst().orElseThrow().id();
                });
        Object shouted = host.host().engine().behaviors().run(id, Map.of(), false).dictionary().get("shouted");
        return String.valueOf(shouted);
    }

    private static final String SHOUT_PACKAGE = """
            {"package": {"name": "Shout", "requires": {"cerb_version": "8.3.0", "plugins": ["acme-shout"]}},
             "bots": [{"uid": "bot", "name": "Shouter", "is_disabled": false, "params": {},
               "owner": {"context": "cerberusweb.contexts.app", "id": 0},
               "behaviors": [{"uid": "shout", "title": "Shout", "is_disabled": false, "is_private": false,
                 "priority": 50, "event": {"key": "ticket.created"}, "variables": {},
                 "nodes": [{"type": "action", "title": "Shout", "params": {"actions": [
                   {"action": "acme_shout", "text": "hi"}]}}]}]}]}
            """;
}
