package dev.switchboard.host;

import dev.switchboard.api.SwitchboardException;
import dev.switchboard.host.cli.Cli;
import picocli.CommandLine;

/** {@code java -jar switchboard.jar [serve|worker|plugins|tokens|…] --help}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        jettyPadding();
        if (args.length == 0) {
            // The README's start: serve with the defaults, without building picocli's model of every command (a
            // sixth of a start). Errors end the same way as through the command line below.
            serve();
            return;
        }
        CommandLine cl = Cli.commandLine();
        CommandLine.IExecutionStrategy run = cl.getExecutionStrategy();
        boolean[] serving = {false};
        cl.setExecutionStrategy(parsed -> {
            boolean help = parsed.asCommandLineList().stream()
                    .anyMatch(c -> c.isUsageHelpRequested() || c.isVersionHelpRequested());
            serving[0] = Cli.runsServer(parsed) && !help;
            // Before the first logger exists: a one-off command (tokens create, packages import …) prints its own
            // result and which database it used; the host's INFO lines (pragmas, migrations) are noise there.
            if (!serving[0]) {
                System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            }
            return run.execute(parsed);
        });
        int code = cl.execute(args);
        // Serving keeps the JVM alive on the server's threads; every other command exits with its code.
        if (code != 0 || !serving[0]) {
            System.exit(code);
        }
    }

    private static void serve() {
        try {
            new Cli().call();
        } catch (SwitchboardException e) { // a bad setting, a busy port (ConfigException): one line, exit 2
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Jetty sizes the padding of its concurrent queues by the references a cache line holds and, unless told, asks
     * the platform MBean server whether references are compressed: starting that server (every platform MXBean
     * registered) costs a tenth of a second of a start's CPU. References are compressed by default below a 32 GB
     * heap, so below it the answer is 16 (64-byte lines, 4-byte references) and is given here; a larger heap, or a
     * value set on the command line, leaves it to Jetty.
     */
    private static void jettyPadding() {
        String key = "org.eclipse.jetty.util.referencesPerCacheLine";
        if (System.getProperty(key) == null && Runtime.getRuntime().maxMemory() < (30L << 30)) {
            System.setProperty(key, "16");
        }
    }
}
