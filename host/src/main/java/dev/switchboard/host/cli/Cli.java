package dev.switchboard.host.cli;

import dev.switchboard.host.Host;
import dev.switchboard.host.config.Config;
import dev.switchboard.host.config.ConfigException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line. With no sub-command it serves. Commands that change settings write to the database, so they
 * work whether or not a server runs on the same data dir; a running server picks the change up within a second.
 */
@Command(name = "switchboard", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Helpdesk automation host with plugins: inbound and outbound webhooks.",
        subcommands = {Cli.Serve.class, Cli.Worker.class, PluginsCommand.class, TokensCommand.class,
        PackagesCommand.class, DbCommand.class})
public final class Cli implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, description = "config file (default: $SWITCHBOARD_CONFIG, else none)",
            scope = CommandLine.ScopeType.INHERIT)
    Path configFile;

    /** The command line with our exception handling: config errors are one line, exit 2. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Cli());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException || e instanceof dev.switchboard.api.SwitchboardException) {
                cmd.getErr().println(e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl;
    }

    @Override
    public Integer call() {
        return new Serve().run(this);
    }

    /** Loads the configuration for this invocation. */
    Config config() {
        return config(Map.of());
    }

    /** The configuration with some SWITCHBOARD_* variables overridden (e.g. another database). */
    Config config(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(overrides);
        return Config.load(env, configFile, defaultPluginsDir());
    }

    /** {@code plugins/} next to the jar (or next to target/classes when run from a build). */
    static Path defaultPluginsDir() {
        try {
            Path location = Path.of(Cli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.toAbsolutePath().getParent().resolve("plugins");
        } catch (Exception e) {
            return Path.of("plugins");
        }
    }

    /** {@code serve}: the HTTP server, plugins and workers. */
    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the server (the default).")
    static final class Serve implements Callable<Integer> {
        @CommandLine.ParentCommand
        Cli parent;

        @Override
        public Integer call() {
            return run(parent);
        }

        int run(Cli cli) {
            Host host = Host.start(cli.config(), java.time.Clock.systemUTC());
            Runtime.getRuntime().addShutdownHook(new Thread(host::close, "shutdown"));
            return 0;
        }
    }

    /** {@code worker}: plugins' background work (outbound delivery, retention) without an HTTP server. */
    @Command(name = "worker", mixinStandardHelpOptions = true,
            description = "Run background workers only (outbound deliveries), sharing the database with serve nodes.")
    static final class Worker implements Callable<Integer> {
        @CommandLine.ParentCommand
        Cli parent;

        @Override
        public Integer call() throws InterruptedException {
            Host host = Host.startWorker(parent.config(), java.time.Clock.systemUTC());
            Runtime.getRuntime().addShutdownHook(new Thread(host::close, "shutdown"));
            new java.util.concurrent.CountDownLatch(1).await(); // workers are daemon threads: hold until stopped
            return 0;
        }
    }

    /** The version printed by {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Switchboard (plugin API " + Host.apiVersion() + ")"};
        }
    }
}
