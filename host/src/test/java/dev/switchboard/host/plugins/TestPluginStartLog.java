package dev.switchboard.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.PluginJar;
import dev.switchboard.testkit.TestHost;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What the host log says about plugins (issue 21, found 6): a jar left disabled gets one line at start naming how to
 * enable it, and enabling a plugin that has no migrations logs no Flyway "No migrations found" warning.
 */
class TestPluginStartLog {
    /** A plugin with one action and no {@code db/} folder. */
    private static PluginJar quiet() {
        return new PluginJar("acme-quiet", null)
                .source("acme.quiet.Hush", """
                        package acme.quiet;

                        import dev.switchboard.api.*;
                        import java.util.*;

                        public final class Hush implements Action {
                            public String id() { return "acme_hush"; }
                            public String label() { return "Hush"; }
                            public List<ActionParam> params() { return List.of(); }
                            public void execute(ActionContext ctx, Map<String, Object> params) { }
                        }
                        """)
                .extension("acme.quiet.Hush");
    }

    @Test
    void aDisabledJarGetsOneLineAtStartAndAPluginWithoutMigrationsNoFlywayWarning() {
        StringBuilder log = new StringBuilder();
        try (TestHost host = capturingStandardError(log, () -> PluginJar.hostWith(quiet()))) {
            String start = log.toString();
            assertThat(start.lines().filter(l -> l.contains("plugin acme-quiet 1.0.0 (acme-quiet.jar) is disabled;"
                    + " enable it on the admin page or with `plugins enable acme-quiet`"))).hasSize(1);

            log.setLength(0);
            HttpResponse<String> enabled = capturingStandardError(log,
                    () -> host.admin("POST", "/api/plugins/acme-quiet/enable", null));
            assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
            assertThat(host.admin("GET", "/api/actions", null).body()).contains("\"acme_hush\"");
            assertThat(log.toString()).doesNotContain("No migrations found");
        }
    }

    /** Runs {@code work} with standard error (where the host logs) also copied into {@code into}. */
    private static <T> T capturingStandardError(StringBuilder into, Supplier<T> work) {
        PrintStream original = System.err;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                copy.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                copy.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        try {
            return work.get();
        } finally {
            System.setErr(original);
            into.append(copy.toString(StandardCharsets.UTF_8));
        }
    }
}
