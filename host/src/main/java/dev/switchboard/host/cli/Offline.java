package dev.switchboard.host.cli;

import dev.switchboard.host.Host;
import dev.switchboard.host.config.Config;
import dev.switchboard.host.storage.HostDatabase;
import dev.switchboard.host.storage.Migrations;

/** Opens the data dir's database for a CLI command (migrated, no server, no plugins started). */
final class Offline implements AutoCloseable {
    final Config config;
    final HostDatabase db;

    Offline(Config config) {
        this.config = config;
        this.db = HostDatabase.open(config);
        Migrations.migrate(db, "host", Host.class.getClassLoader());
    }

    @Override
    public void close() {
        db.close();
    }
}
