package dev.switchboard.host.cli;

import dev.switchboard.host.Host;
import dev.switchboard.host.config.Config;
import dev.switchboard.host.storage.HostDatabase;
import dev.switchboard.host.storage.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Opens the data dir's database for a CLI command (migrated, no server, no plugins started).
 *
 * <p>A command works on an install that exists: one that would have to create the database first is refused (the
 * usual cause is running it from another folder than the server, since {@code data_dir} defaults to {@code ./data},
 * and a token made in a new database is one the server does not know). Every command says on standard error which
 * database it used, so a wrong one is seen at once.
 */
final class Offline implements AutoCloseable {
    final Config config;
    final HostDatabase db;

    Offline(Config config) {
        this.config = config;
        requireInstall(config);
        this.db = HostDatabase.open(config);
        try {
            Migrations.migrate(db, "host", Host.class.getClassLoader());
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * Refuses to go on when the configured SQLite file does not exist (or the PostgreSQL database holds no install),
     * and says which database is used.
     *
     * @throws CliException saying where it looked and how to point elsewhere
     */
    static void requireInstall(Config config) {
        if (config.string("db.url").isEmpty()) {
            Path file = config.dataDir().resolve("switchboard.db");
            if (!Files.isRegularFile(file)) {
                throw new CliException("no Switchboard database at " + file + "; the server creates it in its data "
                        + "dir (default ./data in the folder it was started from, logged at start). Run this from "
                        + "that folder, or point at it with --data-dir DIR, " + Config.envName("data_dir")
                        + "=DIR or data_dir=DIR in the --config file");
            }
        } else {
            try (HostDatabase db = HostDatabase.open(config)) {
                requireSchema(db, describe(config));
            }
        }
        System.err.println("database: " + describe(config));
    }

    /** The SQLite file, or the PostgreSQL URL without its query (which may hold a password). */
    static String describe(Config config) {
        return config.string("db.url").map(u -> u.replaceAll("\\?.*", ""))
                .orElse(config.dataDir().resolve("switchboard.db").toString());
    }

    /** On PostgreSQL: the database must already hold a Switchboard install (its host schema history). */
    private static void requireSchema(HostDatabase db, String shown) {
        try (Connection c = db.writerDataSource().getConnection();
             ResultSet tables = c.getMetaData().getTables(null, null, "schema_history_host", null)) {
            if (!tables.next()) {
                throw new CliException("the database " + shown + " holds no Switchboard install; start the server "
                        + "on it once, or copy an install into it with db copy-to");
            }
        } catch (SQLException e) {
            throw new CliException("cannot read " + shown + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
