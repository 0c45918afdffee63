package dev.switchboard.host.storage;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway migrations, one history per owner: the host's under {@code db/host/}, each plugin's under
 * {@code db/<plugin-id>/} in its own jar (read through the plugin's class loader, never the thread's). Migrations
 * for one database only go under {@code db-sqlite/<owner>/} or {@code db-postgresql/<owner>/}, in the same history
 * (e.g. rebuilding a table, which only SQLite needs).
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /**
     * Applies pending migrations for one owner.
     *
     * @param owner  {@code host} or a plugin id
     * @param loader the class loader holding {@code db/<owner>/}
     * @return the number of migrations applied
     */
    public static int migrate(HostDatabase db, String owner, ClassLoader loader) {
        String safe = owner.replaceAll("[^A-Za-z0-9_]", "_");
        try {
            Flyway flyway = Flyway.configure(loader)
                    .dataSource(db.writerDataSource())
                    .locations("classpath:db/" + owner, "classpath:db-" + db.dialect() + "/" + owner)
                    .table("schema_history_" + safe)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .failOnMissingLocations(false)
                    .placeholders(Dialect.of(db.dialect()).placeholders())
                    .load();
            if (flyway.info().all().length == 0) {
                // A plugin without tables: migrate() would only warn "No migrations found" at every start.
                return 0;
            }
            MigrateResult result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("schema {}: applied {} migration(s), now at version {}", owner, result.migrationsExecuted,
                        result.targetSchemaVersion);
            }
            return result.migrationsExecuted;
        } catch (RuntimeException e) {
            throw new StorageException("migrations for " + owner + " failed: " + e.getMessage(), e);
        }
    }
}
