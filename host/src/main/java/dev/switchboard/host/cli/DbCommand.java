package dev.switchboard.host.cli;

import dev.switchboard.host.Host;
import dev.switchboard.host.config.Config;
import dev.switchboard.host.storage.DatabaseCopy;
import dev.switchboard.host.storage.HostDatabase;
import dev.switchboard.host.storage.Migrations;
import dev.switchboard.host.storage.StorageException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code db copy-to --url jdbc:postgresql://…}: moves an install's data to a new PostgreSQL database. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Database maintenance.",
        subcommands = {DbCommand.CopyTo.class})
final class DbCommand {
    @ParentCommand
    Cli cli;

    @Command(name = "copy-to", mixinStandardHelpOptions = true,
            description = "Copy every row of the configured database (SQLite by default) into a new, empty "
                    + "PostgreSQL database, creating its schema first. Stop the server before copying, then point "
                    + "every node at the new database with db.url.")
    static final class CopyTo implements Callable<Integer> {
        @ParentCommand
        DbCommand parent;
        @Option(names = "--url", required = true, paramLabel = "JDBC_URL", description = "jdbc:postgresql://host/db")
        String url;
        @Option(names = "--user", description = "database user")
        String user;
        @Option(names = "--password", arity = "0..1", interactive = true,
                description = "database password (asked for when given without a value)")
        String password;

        @Override
        public Integer call() {
            Map<String, String> target = new HashMap<>(Map.of("SWITCHBOARD_DB_URL", url));
            if (user != null) {
                target.put("SWITCHBOARD_DB_USER", user);
            }
            if (password != null) {
                target.put("SWITCHBOARD_DB_PASSWORD", password);
            }
            Config from = parent.cli.config();
            Config to = parent.cli.config(target);
            Offline.requireInstall(from);
            if (from.string("db.url").filter(url::equals).isPresent()) {
                System.err.println("the source and the target are the same database");
                return 2;
            }
            try {
                // Host schema and plugin settings first, so the plugins enabled here create their tables there.
                try (HostDatabase source = HostDatabase.open(from); HostDatabase dest = HostDatabase.open(to)) {
                    DatabaseCopy.requireEmpty(dest.writerDataSource());
                    Migrations.migrate(dest, "host", Host.class.getClassLoader());
                    DatabaseCopy.copy(source.writerDataSource(), dest.writerDataSource(), Set.of("plugin_status"));
                }
                Host.startHeadless(to, Clock.systemUTC()).close();
                try (HostDatabase source = HostDatabase.open(from); HostDatabase dest = HostDatabase.open(to)) {
                    Map<String, Long> rows = DatabaseCopy.copy(source.writerDataSource(), dest.writerDataSource(),
                            Set.of());
                    rows.forEach((table, n) -> System.out.println(table + ": " + n));
                }
            } catch (StorageException e) {
                System.err.println("copy failed: " + e.getMessage());
                return 1;
            }
            System.out.println("Copied. The encryption key for stored secrets is not in the database: give every node "
                    + "the same secret_key, or copy the old data dir's secret.key.");
            return 0;
        }
    }
}
