package dev.switchboard.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.PluginJar;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A plugin whose manifest says {@code Plugin-Enabled-By-Default: true} is enabled the first time the host finds it at
 * start-up (a jar dropped in while the host runs is not), and enable/disable over the API takes effect at once.
 */
class TestPluginLifecycle {

    @Test
    void aPluginEnabledByDefaultStartsEnabledOnFirstStartAndAnswersToItsAlias() {
        try (TestHost host = PluginJar.hostWith(PokePlugin.jar())) {
            HttpResponse<String> r = host.admin("GET", "/api/plugins", null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"id\":\"" + PokePlugin.ID + "\"").contains("\"state\":\"started\"")
                    .contains(PokePlugin.ALIAS);
            assertThat(host.host().plugins().extensions().event(PokePlugin.EVENT)).isPresent();
        }
    }

    @Test
    void aPluginEnabledByDefaultDroppedInWhileRunningWaitsForAnAdmin() {
        try (TestHost host = TestHost.start()) {
            PokePlugin.jar().build(host.dir().resolve("plugins"));
            assertThat(host.admin("GET", "/api/plugins", null).body()).contains("\"id\":\"" + PokePlugin.ID + "\"")
                    .contains("\"enabled\":false").contains("\"state\":\"disabled\"");
            assertThat(host.host().plugins().extensions().event(PokePlugin.EVENT)).isEmpty();
        }
    }

    @Test
    void aPluginWithoutTheAttributeOrWithFalseStartsDisabled() {
        PluginJar plain = new PluginJar("acme-plain", null);
        PluginJar no = new PluginJar("acme-no", null).manifest("Plugin-Enabled-By-Default", "false");
        try (TestHost host = PluginJar.hostWith(plain, no)) {
            String body = host.admin("GET", "/api/plugins", null).body();
            assertThat(body).contains("\"id\":\"acme-plain\"").contains("\"id\":\"acme-no\"")
                    .doesNotContain("\"enabled\":true");
        }
    }

    @Test
    void anAttributeThatIsNeitherTrueNorFalseRefusesTheJarAndSaysWhy() {
        try (TestHost host = PluginJar.hostWith(new PluginJar("acme-yes", null)
                .manifest("Plugin-Enabled-By-Default", "yes"))) {
            assertThat(host.admin("GET", "/api/plugins", null).body()).contains("acme-yes.jar")
                    .contains("Plugin-Enabled-By-Default must be true or false, not 'yes'");
            assertThat(host.anonymous("GET", "/health", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void disablingWithdrawsTheEventTypeAndEnablingBringsItBack() {
        try (TestHost host = PluginJar.hostWith(PokePlugin.jar())) {
            HttpResponse<String> off = host.admin("POST", "/api/plugins/" + PokePlugin.ID + "/disable", null);
            assertThat(off.statusCode()).isEqualTo(200);
            assertThat(off.body()).contains("\"state\":\"disabled\"");
            assertThat(host.host().plugins().extensions().event(PokePlugin.EVENT)).isEmpty();

            HttpResponse<String> on = host.admin("POST", "/api/plugins/" + PokePlugin.ID + "/enable", null);
            assertThat(on.statusCode()).isEqualTo(200);
            assertThat(host.host().plugins().extensions().event(PokePlugin.EVENT)).isPresent();
        }
    }

    @Test
    void statusSurvivesARestart() {
        java.nio.file.Path dir;
        try (TestHost host = PluginJar.hostWith(PokePlugin.jar())) {
            dir = host.dir();
            host.admin("POST", "/api/plugins/" + PokePlugin.ID + "/disable", null);
        }
        try (TestHost again = TestHost.start(dir, Map.of())) {
            assertThat(again.admin("GET", "/api/plugins", null).body()).contains("\"enabled\":false");
        }
    }

    @Test
    void unknownPluginIs404AndNoTokenIs401() {
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> r = host.admin("POST", "/api/plugins/nope/enable", null);
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("\"error\"").contains("nope");
            assertThat(host.anonymous("GET", "/api/plugins", null).statusCode()).isEqualTo(401);
        }
    }
}
