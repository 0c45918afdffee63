package dev.switchboard.host.cli;

import dev.switchboard.host.Host;
import dev.switchboard.host.config.Config;
import dev.switchboard.host.config.ConfigException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
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
        description = "Helpdesk automation host with plugins.",
        subcommands = {Cli.Serve.class, Cli.Worker.class, PluginsCommand.class, TokensCommand.class,
        PackagesCommand.class, RecordsCommand.class, DbCommand.class, Cli.CdsTraining.class})
public final class Cli implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, description = "config file (default: $SWITCHBOARD_CONFIG, else none)",
            scope = CommandLine.ScopeType.INHERIT)
    Path configFile;
    @Option(names = "--data-dir", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "where switchboard.db lives (default: data_dir in the config file, $SWITCHBOARD_DATA_DIR, "
                    + "else ./data in the current folder)")
    Path dataDir;
    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "HTTP port when serving (default: port in the config file, $SWITCHBOARD_PORT, else 8080)")
    Integer port;

    /**
     * The command line with our exception handling: the errors we raise on purpose (a bad setting, a missing file,
     * no database, a busy port) are one line on standard error and exit 2; anything else is a bug and keeps its
     * stack trace.
     */
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

    /**
     * Whether the command line runs a server process ({@code serve}, the default, or {@code worker}), whose log
     * lines at INFO are wanted; the other commands print their own result and only warnings.
     */
    public static boolean runsServer(CommandLine.ParseResult parsed) {
        List<CommandLine> chain = parsed.asCommandLineList();
        Object command = chain.get(chain.size() - 1).getCommand();
        return command instanceof Cli || command instanceof Serve || command instanceof Worker;
    }

    @Override
    public Integer call() {
        return new Serve().run(this, port);
    }

    /** Loads the configuration for this invocation. */
    Config config() {
        return config(Map.of());
    }

    /** The configuration with some SWITCHBOARD_* variables overridden (e.g. another database). */
    Config config(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(System.getenv());
        // The command line wins over the environment, which wins over the file.
        if (dataDir != null) {
            env.put("SWITCHBOARD_DATA_DIR", dataDir.toString());
        }
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
        @Option(names = {"-p", "--port"}, paramLabel = "PORT",
                description = "HTTP port (default: port in the config file, $SWITCHBOARD_PORT, else 8080; 0 = any "
                        + "free port)")
        Integer port;

        @Override
        public Integer call() {
            return run(parent, port != null ? port : parent.port);
        }

        int run(Cli cli, Integer port) {
            Config config = port == null ? cli.config() : cli.config(Map.of("SWITCHBOARD_PORT", port.toString()));
            Host host = Host.start(config, java.time.Clock.systemUTC());
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

    /**
     * {@code cds-training} (hidden): the start the build runs once through {@code bin/switchboard}, which adds
     * {@code -XX:ArchiveClassesAtExit=host/target/switchboard.jsa} for it: a host on a free port of 127.0.0.1
     * over a fresh temporary data dir, one {@code GET /health}, one template rendered, stop, exit (the archive is
     * written at exit). It reads no environment and no config file, so a build never touches the builder's own
     * database. It also leaves the SQLite driver's native library for this machine next to the jar
     * ({@link #writeSqliteLibrary}).
     */
    @Command(name = "cds-training", hidden = true, description = "Start on a temporary data dir, GET /health, stop.")
    static final class CdsTraining implements Callable<Integer> {
        @Override
        public Integer call() throws java.io.IOException, java.net.URISyntaxException {
            Path dir = java.nio.file.Files.createTempDirectory("switchboard-cds-");
            try {
                Config config = Config.load(Map.of("SWITCHBOARD_DATA_DIR", dir.toString(), "SWITCHBOARD_PORT", "0",
                        "SWITCHBOARD_BIND_ADDRESS", "127.0.0.1"), null, defaultPluginsDir());
                try (Host host = Host.start(config, java.time.Clock.systemUTC())) {
                    java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI
                            .create("http://127.0.0.1:" + host.port() + "/health").toURL().openConnection();
                    int status = c.getResponseCode();
                    if (status != 200) {
                        throw new CliException("cds-training: GET /health answered " + status);
                    }
                    c.getInputStream().readAllBytes();
                    // Jinjava is set up after /health: one render, so that its classes are in the archive too
                    host.templates().render("{% set n = {'a': 1} %}{{ n|json_encode }}", Map.of());
                }
            } finally {
                try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
                    for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        java.nio.file.Files.delete(f);
                    }
                }
            }
            Path jar = Path.of(Cli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (jar.getFileName().toString().endsWith(".jar")) {
                String name = jar.getFileName().toString();
                writeSqliteLibrary(jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + "-native"));
            }
            return 0;
        }

        /**
         * Copies the SQLite driver's native library for this machine out of the jar into {@code dir}
         * ({@code host/target/switchboard-native/}), where {@code bin/switchboard} points the driver at it: a
         * start then loads it from there instead of listing the temp dir, writing the library into it under a new
         * name and reading it back (a tenth of a start's main thread). Nothing is written for a machine the
         * driver bundles no library for.
         */
        static void writeSqliteLibrary(Path dir) throws java.io.IOException {
            String name = org.sqlite.util.LibraryLoaderUtil.getNativeLibName();
            try (java.io.InputStream in = Cli.class.getResourceAsStream(
                    org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name)) {
                if (in == null) {
                    return;
                }
                java.nio.file.Files.createDirectories(dir);
                Path part = dir.resolve(name + ".part");
                java.nio.file.Files.copy(in, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                java.nio.file.Files.move(part, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
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
