package dev.switchboard.host.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.host.Host;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start on a current schema does not run Flyway; a new migration, a missing history row or a folder holding what
 * only Flyway can judge (a repeatable migration) or a jar whose folders this check cannot list still goes through it. Real SQLite files, real class-path folders.
 */
class TestMigrationsSkip {
    @TempDir
    Path tmp;

    @Test
    void aCurrentSchemaIsLeftAloneAndANewMigrationIsStillApplied() throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("classes/db/shop"));
        Files.writeString(classes.resolve("V1__items.sql"), "CREATE TABLE items (id INTEGER PRIMARY KEY);");
        try (HostDatabase db = HostDatabase.open(tmp.resolve("data"), "FULL");
             URLClassLoader loader = loader(tmp.resolve("classes"))) {
            assertThat(Migrations.migrate(db, "shop", loader)).isEqualTo(1);
            assertThat(Migrations.migrate(db, "shop", loader)).as("current: nothing to do").isZero();

            Files.writeString(classes.resolve("V1_1__prices.sql"), "CREATE TABLE prices (id INTEGER PRIMARY KEY);");
            assertThat(Migrations.migrate(db, "shop", loader)).as("a new version is applied").isEqualTo(1);
            assertThat(tables(db)).contains("items", "prices");
            assertThat(Migrations.migrate(db, "shop", loader)).isZero();
        }
    }

    @Test
    void aJarWithoutDirectoryEntriesStillHasItsMigrationsApplied() throws Exception {
        // as jars built without directory entries (javac + a hand-written jar, PF4J plugin zips) often are: the
        // class loader lists no "db/shop" folder, Flyway's scanner still finds the file
        Path jar = tmp.resolve("shop.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("db/shop/V1__items.sql"));
            out.write("CREATE TABLE items (id INTEGER PRIMARY KEY);".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        try (HostDatabase db = HostDatabase.open(tmp.resolve("data"), "FULL");
             URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(Migrations.migrate(db, "shop", loader)).isEqualTo(1);
            assertThat(tables(db)).contains("items");
            assertThat(Migrations.migrate(db, "shop", loader)).isZero();
        }
    }

    @Test
    void aMigrationWhoseHistoryRowIsGoneGoesThroughFlyway() throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("classes/db/shop"));
        Files.writeString(classes.resolve("V1__items.sql"), "CREATE TABLE items (id INTEGER PRIMARY KEY);");
        Files.writeString(classes.resolve("V2__prices.sql"), "CREATE TABLE prices (id INTEGER PRIMARY KEY);");
        try (HostDatabase db = HostDatabase.open(tmp.resolve("data"), "FULL");
             URLClassLoader loader = loader(tmp.resolve("classes"))) {
            assertThat(Migrations.migrate(db, "shop", loader)).isEqualTo(2);
            db.write(sql -> sql.update("DELETE FROM schema_history_shop WHERE version = '2'"));
            // Flyway sees V2 pending again and runs it, which fails on the existing table: the check did not skip
            assertThatThrownBy(() -> Migrations.migrate(db, "shop", loader))
                    .isInstanceOf(StorageException.class).hasMessageContaining("migrations for shop failed");
        }
    }

    @Test
    void theBundledVersionsAreFlywaysAndAnythingElseLeavesTheDecisionToFlyway() throws Exception {
        assertThat(Migrations.bundledVersions(Host.class.getClassLoader(), List.of("db/host", "db-sqlite/host")))
                .contains("1", "2", "3", "3.1").doesNotContain("3_1");
        Path classes = Files.createDirectories(tmp.resolve("classes/db/shop"));
        Files.writeString(classes.resolve("V1__items.sql"), "SELECT 1;");
        Files.writeString(classes.resolve("R__view.sql"), "SELECT 1;");
        try (URLClassLoader loader = loader(tmp.resolve("classes"))) {
            assertThat(Migrations.bundledVersions(loader, List.of("db/shop"))).isNull();
            assertThat(Migrations.bundledVersions(loader, List.of("db/none"))).isEmpty();
        }
        assertThat(Migrations.normalised("1.0")).isEqualTo("1");
        assertThat(Migrations.normalised("01.2")).isEqualTo("1.2");
    }

    private static URLClassLoader loader(Path dir) throws Exception {
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    }

    private static List<String> tables(HostDatabase db) {
        return db.read(sql -> sql.query("SELECT name FROM sqlite_master WHERE type = 'table'").stream()
                .map(r -> r.getString("name")).toList());
    }
}
