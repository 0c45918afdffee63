package dev.switchboard.host.plugins;

import dev.switchboard.testkit.PluginJar;

/**
 * A test plugin for host tests that need "some plugin": one event type, {@value #EVENT}, which nothing in the host
 * raises (behaviors bound to it run only when a test runs them), an alias, and
 * {@code Plugin-Enabled-By-Default: true}, so a host that finds it at start-up starts it.
 */
public final class PokePlugin {
    /** The plugin id. */
    public static final String ID = "acme-poke";
    /** Its event type. */
    public static final String EVENT = "acme.poked";
    /** The alias its manifest declares. */
    public static final String ALIAS = "acme.poker";

    private static final String SOURCE = """
            package acme.poke;

            import dev.switchboard.api.EventType;
            import dev.switchboard.api.Placeholder;
            import java.util.List;

            public final class Poked implements EventType {
                @Override
                public String id() {
                    return "acme.poked";
                }

                @Override
                public String label() {
                    return "Poked";
                }

                @Override
                public List<Placeholder> placeholders() {
                    return List.of(new Placeholder("who", "text", "Who poked"));
                }
            }
            """;

    private PokePlugin() {
    }

    /** The jar, enabled by default. */
    public static PluginJar jar() {
        return new PluginJar(ID, null).source("acme.poke.Poked", SOURCE).extension("acme.poke.Poked")
                .manifest("Plugin-Aliases", ALIAS).manifest("Plugin-Enabled-By-Default", "true");
    }
}
