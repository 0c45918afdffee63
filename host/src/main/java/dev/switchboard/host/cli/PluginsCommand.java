package dev.switchboard.host.cli;

import dev.switchboard.host.Host;
import dev.switchboard.host.audit.AuditLog;
import dev.switchboard.host.json.HostJson;
import dev.switchboard.host.plugins.PluginException;
import dev.switchboard.host.plugins.PluginInfo;
import dev.switchboard.host.plugins.PluginStatusStore;
import dev.switchboard.host.plugins.PluginSystem;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code plugins list|enable|disable}. */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "List, enable or disable plugins.",
        subcommands = {PluginsCommand.ListPlugins.class, PluginsCommand.Enable.class, PluginsCommand.Disable.class})
final class PluginsCommand {
    @ParentCommand
    Cli cli;

    /** Runs {@code action} with the plugins loaded (not started) from the configured folder. */
    <T> T withPlugins(java.util.function.BiFunction<PluginSystem, Offline, T> action) {
        try (Offline off = new Offline(cli.config())) {
            PluginStatusStore status = new PluginStatusStore(off.db, Clock.systemUTC());
            PluginSystem plugins = new PluginSystem(off.db, status, off.config.pluginsDir(), Host.apiVersion(),
                    id -> null);
            plugins.load();
            return action.apply(plugins, off);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the plugins in the plugins folder.")
    static final class ListPlugins implements Callable<Integer> {
        @ParentCommand
        PluginsCommand parent;

        @Override
        public Integer call() {
            return parent.withPlugins((plugins, off) -> {
                System.out.printf("%-20s %-16s %-9s %s%n", "ID", "VERSION", "ENABLED", "FILE / ERROR");
                for (PluginInfo p : plugins.list()) {
                    System.out.printf("%-20s %-16s %-9s %s%n", p.id(), p.version() == null ? "-" : p.version(),
                            p.enabled() ? "yes" : "no", p.error() == null ? p.file() : p.file() + " — " + p.error());
                    for (String warning : p.warnings()) {
                        System.out.printf("%-20s warning: %s%n", "", warning);
                    }
                }
                System.out.println("(plugins folder: " + off.config.pluginsDir() + ")");
                return 0;
            });
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true,
            description = "Enable a plugin (a running server starts it within a second).")
    static final class Enable implements Callable<Integer> {
        @ParentCommand
        PluginsCommand parent;
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            return parent.setStatus(id, true);
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable a plugin (a running server stops it within a second).")
    static final class Disable implements Callable<Integer> {
        @ParentCommand
        PluginsCommand parent;
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            return parent.setStatus(id, false);
        }
    }

    int setStatus(String id, boolean enabled) {
        return withPlugins((plugins, off) -> {
            PluginInfo p = plugins.find(id).orElseThrow(() -> new PluginException(
                    "no plugin with id '" + id + "' in " + off.config.pluginsDir(), true));
            if (p.version() == null) {
                throw new PluginException("plugin file " + p.file() + " cannot be loaded: " + p.error(), false);
            }
            new PluginStatusStore(off.db, Clock.systemUTC()).set(p.id(), enabled, "cli");
            new AuditLog(off.db, new HostJson(), Clock.systemUTC()).record("cli",
                    enabled ? "plugin.enable" : "plugin.disable", "plugin:" + p.id(), Map.of());
            System.out.println((enabled ? "enabled " : "disabled ") + p.id());
            return 0;
        });
    }
}
