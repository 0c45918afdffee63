package dev.switchboard.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.Host;
import dev.switchboard.host.storage.HostDatabase;
import dev.switchboard.host.storage.Migrations;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * The build's training start leaves the SQLite driver's native library for this machine in a folder of its own,
 * and a JVM given that folder the way {@code bin/switchboard} gives it ({@code org.sqlite.lib.path},
 * {@code org.sqlite.lib.name}) opens its database with that copy: its temp dir for extracting one does not exist
 * here, so a driver that did not load the copy given would fail. A real JVM, a real SQLite file.
 */
class TestStartSqliteLibrary {
    @TempDir
    Path folder;

    @Test
    void theTrainingLeavesTheLibraryAndAStartLoadsItFromThere() throws Exception {
        Path dir = folder.resolve("switchboard-native");
        Cli.CdsTraining.writeSqliteLibrary(dir);
        String name = LibraryLoaderUtil.getNativeLibName();
        try (InputStream bundled = Cli.class.getResourceAsStream(
                LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name)) {
            assertThat(Files.readAllBytes(dir.resolve(name))).isEqualTo(bundled.readAllBytes());
        }

        try (HostDatabase db = HostDatabase.open(folder.resolve("data"), "FULL")) {
            Migrations.migrate(db, "host", Host.class.getClassLoader());
        }
        Path out = folder.resolve("out.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dorg.sqlite.lib.path=" + dir, "-Dorg.sqlite.lib.name=" + name, "-Dorg.sqlite.tmpdir=" + folder.resolve("absent"),
                "-cp", System.getProperty("java.class.path"), "dev.switchboard.host.Main",
                "tokens", "list", "--data-dir", folder.resolve("data").toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(out, StandardCharsets.UTF_8)).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).doesNotContain("Failed to load native library")
                .doesNotContain("UnsatisfiedLinkError");
    }
}
