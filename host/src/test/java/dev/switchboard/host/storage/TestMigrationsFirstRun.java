package dev.switchboard.host.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.host.Host;
import dev.switchboard.host.config.Config;
import dev.switchboard.testkit.TestPostgres;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new database gets its migrations without Flyway (all of an owner's scripts in one transaction, the history rows
 * written as Flyway writes them), and ends exactly as Flyway would have left it: the same history rows (but for the
 * time of day and the milliseconds) and the same schema, on SQLite and on PostgreSQL; a later migration then goes
 * through Flyway, which validates the earlier rows' checksums, on both the same. Real SQLite files, a real
 * PostgreSQL (embedded, see TestPostgres), the host's own bundled scripts and a plugin-like owner in a class-path
 * folder (scripts with placeholders, a BOM, CRLF lines, a two-part version, a dialect folder).
 */
class TestMigrationsFirstRun {
    @TempDir
    Path tmp;

    @Test
    void onSqliteTheFirstRunLeavesWhatFlywayLeaves() throws Exception {
        try (URLClassLoader shop = shop(); HostDatabase viaFlyway = sqlite("flyway"); HostDatabase direct = sqlite("direct")) {
            sameEndState(viaFlyway, direct, shop, TestMigrationsFirstRun::sqliteSchema);
        }
    }

    @Test
    void onPostgresqlTheFirstRunLeavesWhatFlywayLeaves() throws Exception {
        try (URLClassLoader shop = shop(); HostDatabase viaFlyway = postgres("flyway");
             HostDatabase direct = postgres("direct")) {
            sameEndState(viaFlyway, direct, shop, TestMigrationsFirstRun::postgresSchema);
        }
    }

    private void sameEndState(HostDatabase viaFlyway, HostDatabase direct, URLClassLoader shop,
                              Function<HostDatabase, List<String>> schema) throws Exception {
        ClassLoader hostLoader = Host.class.getClassLoader();
        int hostScripts = Migrations.bundledVersions(hostLoader, List.of("db/host", "db-" + direct.dialect() + "/host"))
                .size();
        // the host on an empty database: no baseline row; the plugin-like owner on a database holding the host's
        // tables: Flyway's baseline row at version 0 first
        assertThat(Migrations.migrateWithFlyway(viaFlyway, "host", hostLoader)).isEqualTo(hostScripts);
        assertThat(Migrations.migrateWithFlyway(viaFlyway, "shop", shop)).isEqualTo(3);
        // what Migrations.migrate does on a database without the history table, called directly so that a silent
        // fall-back to Flyway cannot pass for it
        assertThat(MigrationsFirstRun.apply(direct, "host", "schema_history_host", Migrations.bundledScripts(
                hostLoader, List.of("db/host", "db-" + direct.dialect() + "/host")))).hasValue(hostScripts);
        assertThat(MigrationsFirstRun.apply(direct, "shop", "schema_history_shop", Migrations.bundledScripts(
                shop, List.of("db/shop", "db-" + direct.dialect() + "/shop")))).hasValue(3);

        assertThat(history(direct, "host")).isEqualTo(history(viaFlyway, "host")).hasSize(hostScripts);
        assertThat(history(direct, "shop")).isEqualTo(history(viaFlyway, "shop")).hasSize(4)
                .first().asString().contains("BASELINE");
        List<String> schemaDirect = schema.apply(direct);
        assertThat(schemaDirect).isEqualTo(schema.apply(viaFlyway)).isNotEmpty();
        List<String> labels = direct.read(sql -> sql.query("SELECT label FROM shop_item").stream()
                .map(r -> r.getString("label")).toList());
        assertThat(labels).containsExactly("first");

        // A start on either finds them current; a new script goes through Flyway on both, which validates the
        // checksums written by the first run (a mismatch fails the migration)
        assertThat(Migrations.migrate(direct, "host", hostLoader)).isZero();
        assertThat(Migrations.migrate(direct, "shop", shop)).isZero();
        Files.writeString(tmp.resolve("shop/db/shop/V3__more.sql"), "CREATE TABLE shop_more (id ${id_pk});\n");
        assertThat(Migrations.migrate(direct, "shop", shop)).isEqualTo(1);
        assertThat(Migrations.migrate(viaFlyway, "shop", shop)).isEqualTo(1);
        assertThat(history(direct, "shop")).isEqualTo(history(viaFlyway, "shop")).hasSize(5);
        List<String> schemaAfter = schema.apply(direct);
        assertThat(schemaAfter).isEqualTo(schema.apply(viaFlyway));
    }

    @Test
    void aPluginJarsScriptsAreReadFromTheJar() throws Exception {
        Path jar = tmp.resolve("plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String dir : List.of("db/", "db/shop/", "db-sqlite/", "db-sqlite/shop/")) {
                out.putNextEntry(new JarEntry(dir));
                out.closeEntry();
            }
            entry(out, "db/shop/V10__later.sql", "CREATE TABLE later (id INTEGER PRIMARY KEY);");
            entry(out, "db/shop/V2__items.sql", "CREATE TABLE items (id ${id_pk});");
            entry(out, "db-sqlite/shop/V2_5__sqlite.sql", "CREATE INDEX items_id ON items (id);");
        }
        try (HostDatabase db = sqlite("jar"); URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                null)) {
            List<MigrationsFirstRun.Script> scripts = Migrations.bundledScripts(loader, List.of("db/shop",
                    "db-sqlite/shop"));
            assertThat(scripts).extracting(MigrationsFirstRun.Script::version).containsExactly("2", "2.5", "10");
            assertThat(MigrationsFirstRun.apply(db, "shop", "schema_history_shop", scripts)).hasValue(3);
            assertThat(history(db, "shop")).extracting(r -> r.split("\\|")[4])
                    .containsExactly("V2__items.sql", "V2_5__sqlite.sql", "V10__later.sql");
            assertThat(Migrations.migrate(db, "shop", loader)).isZero();
        }
    }

    private static void entry(JarOutputStream out, String name, String text) throws Exception {
        out.putNextEntry(new JarEntry(name));
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    @Test
    void aScriptThatFailsLeavesNothingAndFlywayReportsIt() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bad/db/bad"));
        Files.writeString(dir.resolve("V1__ok.sql"), "CREATE TABLE ok_table (id INTEGER PRIMARY KEY);");
        Files.writeString(dir.resolve("V2__broken.sql"), "CREATE TABLE broken (id INTEGER PRIMARY KEY;");
        try (HostDatabase db = sqlite("bad"); URLClassLoader loader = loader(tmp.resolve("bad"))) {
            assertThatThrownBy(() -> Migrations.migrate(db, "bad", loader))
                    .isInstanceOf(StorageException.class).hasMessageContaining("migrations for bad failed")
                    .hasMessageContaining("V2__broken.sql");
            // the one transaction was rolled back; then Flyway applied V1 alone and failed on V2, as before
            assertThat(history(db, "bad")).hasSize(1).first().asString().contains("V1__ok.sql");
        }
    }

    @Test
    void whatThisPathDoesNotReproduceIsLeftToFlyway() throws Exception {
        Map<String, String> placeholders = Dialect.SQLITE.placeholders();
        assertThat(prepare("CREATE TABLE t (id ${id_pk}, b ${blob});", placeholders)).isTrue();
        assertThat(prepare("CREATE TABLE t (n TEXT DEFAULT '${flyway:user}');", placeholders)).isFalse();
        assertThat(prepare("CREATE TABLE t (id INT);\nCOMMIT;\n", placeholders)).isFalse();
        assertThat(prepare("-- flyway:executeInTransaction=false\nCREATE INDEX i ON t(id);", placeholders))
                .isFalse();
        assertThat(prepare("BEGIN;\nCREATE TABLE t (id INT);\nEND;", placeholders)).isFalse();
        assertThat(prepare("CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  DELETE FROM u;\nEND;", placeholders))
                .as("a trigger's BEGIN … END").isTrue();
        Path dir = Files.createDirectories(tmp.resolve("nested/db/n/sub"));
        Files.writeString(dir.resolve("V1__deep.sql"), "SELECT 1;");
        try (URLClassLoader loader = loader(tmp.resolve("nested"))) {
            assertThat(Migrations.bundledScripts(loader, List.of("db/n"))).as("a sub-folder Flyway would scan").isNull();
        }
        Path twice = Files.createDirectories(tmp.resolve("twice/db/t"));
        Files.writeString(twice.resolve("V1__a.sql"), "SELECT 1;");
        Files.writeString(twice.resolve("V1_0__b.sql"), "SELECT 1;");
        try (URLClassLoader loader = loader(tmp.resolve("twice"))) {
            assertThat(Migrations.bundledScripts(loader, List.of("db/t"))).as("one version twice").isNull();
        }
    }

    @Test
    void theChecksumIsFlywaysCrcOfTheLines() {
        CRC32 crc = new CRC32();
        crc.update("a".getBytes(StandardCharsets.UTF_8));
        crc.update("b".getBytes(StandardCharsets.UTF_8));
        int expected = (int) crc.getValue();
        assertThat(MigrationsFirstRun.checksum("a\r\nb\n")).isEqualTo(expected);
        assertThat(MigrationsFirstRun.checksum("a\nb")).isEqualTo(expected);
        assertThat(Migrations.compareVersions("3.1", "4")).isNegative();
        assertThat(Migrations.compareVersions("10", "9")).isPositive();
        assertThat(Migrations.compareVersions("1.0", "1")).isZero();
    }

    private boolean prepare(String sql, Map<String, String> placeholders) throws Exception {
        Path f = Files.createTempFile(tmp, "V1__x", ".sql");
        Files.writeString(f, sql);
        return MigrationsFirstRun.prepare(new MigrationsFirstRun.Script("1", "V1__x.sql", f.toUri().toURL()),
                placeholders) != null;
    }

    /** A plugin-like owner: placeholders, a BOM and CRLF lines, a two-part version, a SQLite-only script. */
    private URLClassLoader shop() throws Exception {
        Path common = Files.createDirectories(tmp.resolve("shop/db/shop"));
        Files.write(common.resolve("V1__items_and_prices.sql"), ("\uFEFF-- items\r\nCREATE TABLE shop_item (\r\n"
                + "    id ${id_pk},\r\n    label VARCHAR(40) NOT NULL,\r\n    photo ${blob}\r\n);\r\n"
                + "INSERT INTO shop_item (label) VALUES ('first');\r\n").getBytes(StandardCharsets.UTF_8));
        Files.writeString(common.resolve("V1_1__price_index.sql"),
                "CREATE TABLE shop_price (id ${id_pk}, item_id BIGINT NOT NULL REFERENCES shop_item (id));\n"
                        + "CREATE INDEX shop_price_item ON shop_price (item_id);\n");
        Files.writeString(Files.createDirectories(tmp.resolve("shop/db-sqlite/shop")).resolve("V2__sqlite_only.sql"),
                "CREATE TABLE shop_note (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT);");
        Files.writeString(Files.createDirectories(tmp.resolve("shop/db-postgresql/shop"))
                .resolve("V2__postgresql_only.sql"), "CREATE TABLE shop_note (id BIGSERIAL PRIMARY KEY, body TEXT);");
        return loader(tmp.resolve("shop"));
    }

    private HostDatabase sqlite(String name) {
        return HostDatabase.open(tmp.resolve(name), "FULL");
    }

    private HostDatabase postgres(String name) {
        Path dir = tmp.resolve(name);
        return HostDatabase.open(Config.load(Map.of("SWITCHBOARD_DATA_DIR", dir.toString(),
                "SWITCHBOARD_DB_URL", TestPostgres.databaseFor(dir)), null, dir.resolve("plugins")));
    }

    private static URLClassLoader loader(Path dir) throws Exception {
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    }

    /** The history rows but for when they were written and how long they took. */
    private static List<String> history(HostDatabase db, String owner) {
        return db.read(sql -> sql.query("SELECT installed_rank, version, description, type, script, checksum,"
                + " installed_by, success FROM schema_history_" + owner + " ORDER BY installed_rank").stream()
                .map(r -> String.join("|", r.getString("installed_rank"), r.getString("version"),
                        r.getString("description"), r.getString("type"), r.getString("script"),
                        r.getString("checksum"), r.getString("installed_by"), r.getString("success")))
                .toList());
    }

    private static List<String> sqliteSchema(HostDatabase db) {
        return db.read(sql -> sql.query("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
                .stream().map(r -> r.getString("type") + " " + r.getString("name") + " " + r.getString("tbl_name")
                        + "\n" + r.getString("sql")).toList());
    }

    /** Tables and their columns, constraints, indexes and sequences of the current schema. */
    private static List<String> postgresSchema(HostDatabase db) {
        List<String> all = new ArrayList<>();
        db.read(sql -> {
            sql.query("SELECT table_name, column_name, ordinal_position, data_type, column_default, is_nullable,"
                    + " is_identity FROM information_schema.columns WHERE table_schema = current_schema()"
                    + " ORDER BY table_name, ordinal_position").forEach(r -> all.add("column " + r));
            sql.query("SELECT c.conrelid::regclass::text AS tbl, c.conname, pg_get_constraintdef(c.oid) AS def"
                    + " FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace"
                    + " WHERE n.nspname = current_schema() ORDER BY 1, 2").forEach(r -> all.add("constraint " + r));
            sql.query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
                    + " ORDER BY indexname").forEach(r -> all.add("index " + r));
            sql.query("SELECT sequence_name, data_type, start_value, increment FROM information_schema.sequences"
                    + " WHERE sequence_schema = current_schema() ORDER BY sequence_name")
                    .forEach(r -> all.add("sequence " + r));
            return null;
        });
        return all;
    }
}
