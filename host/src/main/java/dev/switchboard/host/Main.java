package dev.switchboard.host;

import dev.switchboard.host.cli.Cli;
import picocli.CommandLine;

/** {@code java -jar switchboard.jar [serve|worker|plugins|tokens|…] --help}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = Cli.commandLine().execute(args);
        if (code != 0 || !isServe(args)) {
            System.exit(code);
        }
    }

    /** Serving keeps the JVM alive on the server's threads; every other command exits with its code. */
    private static boolean isServe(String[] args) {
        if (args.length == 0) {
            return true;
        }
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V")) {
                return false;
            }
        }
        return args[0].startsWith("-") || args[0].equals("serve");
    }
}
