package dev.switchboard.host.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway migrations, one history per owner: the host's under {@code db/host/}, each plugin's under
 * {@code db/<plugin-id>/} in its own jar (read through the plugin's class loader, never the thread's). Migrations
 * for one database only go under {@code db-sqlite/<owner>/} or {@code db-postgresql/<owner>/}, in the same history
 * (e.g. rebuilding a table, which only SQLite needs).
 *
 * <p>Flyway runs only when there is something it alone can do (loading and validating it was a large part of a
 * start). A schema that is already current is left alone: every bundled {@code V<version>__*.sql} of the owner is
 * in its history as applied, and the owner bundles nothing else (repeatable or Java migrations, sub-folders, whose
 * state only Flyway can tell). An owner without a history table yet gets all its scripts in one transaction and
 * the history rows Flyway would have written ({@link MigrationsFirstRun}). Anything else (a new script on an
 * existing schema, a missing history row) goes through Flyway.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__[^/]*\\.sql");

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
        return migrate(db, owner, loader, true);
    }

    /** As {@link #migrate(HostDatabase, String, ClassLoader)}, but always through Flyway (the tests' reference). */
    static int migrateWithFlyway(HostDatabase db, String owner, ClassLoader loader) {
        return migrate(db, owner, loader, false);
    }

    private static int migrate(HostDatabase db, String owner, ClassLoader loader, boolean withoutFlyway) {
        String safe = owner.replaceAll("[^A-Za-z0-9_]", "_");
        String table = "schema_history_" + safe;
        List<String> locations = List.of("db/" + owner, "db-" + db.dialect() + "/" + owner);
        try {
            if (!withoutFlyway) {
                return flyway(db, owner, loader, table, locations);
            }
            List<MigrationsFirstRun.Script> bundled = bundledScripts(loader, locations);
            if (bundled != null && !bundled.isEmpty()) {
                Set<String> applied = appliedVersions(db, table);
                if (applied == null) {
                    // no history yet (a new database, a plugin's first start): the scripts in one go, no Flyway
                    OptionalInt done = MigrationsFirstRun.apply(db, owner, table, bundled);
                    if (done.isPresent()) {
                        return done.getAsInt();
                    }
                } else if (applied.containsAll(versions(bundled))) {
                    return 0; // current
                }
            }
            // None listed is not proof of none: a jar without directory entries lists nothing here, while Flyway's
            // scanner reads its entries; so Flyway decides (a plugin without tables returns below).
            return flyway(db, owner, loader, table, locations);
        } catch (RuntimeException e) {
            throw new StorageException("migrations for " + owner + " failed: " + e.getMessage(), e);
        }
    }

    private static int flyway(HostDatabase db, String owner, ClassLoader loader, String table,
                              List<String> locations) {
        Flyway flyway = Flyway.configure(loader)
                .dataSource(db.writerDataSource())
                .locations(locations.stream().map(l -> "classpath:" + l).toArray(String[]::new))
                .table(table)
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
    }

    /** The normalised versions of the bundled scripts (see {@link #bundledScripts}), or null. */
    static Set<String> bundledVersions(ClassLoader loader, List<String> locations) {
        List<MigrationsFirstRun.Script> scripts = bundledScripts(loader, locations);
        return scripts == null ? null : versions(scripts);
    }

    private static Set<String> versions(List<MigrationsFirstRun.Script> scripts) {
        Set<String> versions = new HashSet<>();
        scripts.forEach(s -> versions.add(normalised(s.version())));
        return versions;
    }

    /**
     * The {@code V<version>__*.sql} files in these folders of the loader (jar or directory, as Flyway's scanner
     * finds them) in version order, or null when one holds anything else (a sub-folder, a repeatable or Java
     * migration, a {@code .conf} file) or two hold the same version, which only Flyway can judge.
     */
    static List<MigrationsFirstRun.Script> bundledScripts(ClassLoader loader, List<String> locations) {
        List<MigrationsFirstRun.Script> scripts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, List<String>> jars = new HashMap<>(); // each jar's entries read once (the host's: 18,000)
        try {
            for (String location : locations) {
                for (URL url : Collections.list(loader.getResources(location))) {
                    for (String name : fileNames(url, location, jars)) {
                        Matcher m = VERSIONED.matcher(name);
                        if (!m.matches()) {
                            return null;
                        }
                        String version = m.group(1).replace('_', '.');
                        if (!seen.add(normalised(version))) {
                            return null;
                        }
                        String dir = url.toString();
                        scripts.add(new MigrationsFirstRun.Script(version, name,
                                new URL(dir + (dir.endsWith("/") ? "" : "/") + name)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the migrations in " + locations + ": " + e.getMessage(), e);
        }
        scripts.sort((a, b) -> compareVersions(a.version(), b.version()));
        return scripts;
    }

    /** Flyway's version order: part by part, numerically; a missing part counts as 0. */
    static int compareVersions(String a, String b) {
        String[] x = normalised(a).split("\\.");
        String[] y = normalised(b).split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = new BigInteger(i < x.length ? x[i] : "0").compareTo(new BigInteger(i < y.length ? y[i] : "0"));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * The files in one folder of the class path, by name (what is in a sub-folder as {@code folder/name}); a jar's
     * entries under {@code db} are listed once into {@code jars}.
     */
    private static List<String> fileNames(URL url, String location, Map<String, List<String>> jars)
            throws IOException {
        List<String> names = new ArrayList<>();
        if ("jar".equals(url.getProtocol())) {
            JarURLConnection jar = (JarURLConnection) url.openConnection();
            List<String> entries = jars.get(jar.getJarFileURL().toString());
            if (entries == null) {
                entries = jar.getJarFile().stream().map(e -> e.getName()).filter(n -> n.startsWith("db")).toList();
                jars.put(jar.getJarFileURL().toString(), entries);
            }
            String prefix = location + "/";
            entries.stream().filter(n -> n.startsWith(prefix) && n.length() > prefix.length())
                    .forEach(n -> names.add(n.substring(prefix.length())));
        } else if ("file".equals(url.getProtocol())) {
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                files.forEach(f -> names.add(f.getFileName() + (Files.isDirectory(f) ? "/" : "")));
            } catch (URISyntaxException e) {
                throw new IOException("not a file URL: " + url, e);
            }
        } else {
            names.add(url.toString()); // an unknown kind of class path entry: matches nothing, so Flyway decides
        }
        return names;
    }

    /** The successfully applied versions in one history table, or null when it does not exist yet. */
    private static Set<String> appliedVersions(HostDatabase db, String table) {
        Set<String> versions = new HashSet<>();
        try (Connection c = db.writerDataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String name = meta.storesLowerCaseIdentifiers() ? table.toLowerCase(java.util.Locale.ROOT) : table;
            try (ResultSet tables = meta.getTables(null, c.getSchema(), name, null)) {
                if (!tables.next()) {
                    return null;
                }
            }
            try (Statement st = c.createStatement();
                 ResultSet rows = st.executeQuery("SELECT version FROM " + table
                         + " WHERE success = TRUE AND version IS NOT NULL")) {
                while (rows.next()) {
                    versions.add(normalised(rows.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read " + table + ": " + e.getMessage(), e);
        }
        return versions;
    }

    /** Flyway's version equality: dot-separated numbers, leading and trailing zeros not significant (1.0 = 1). */
    static String normalised(String version) {
        List<String> parts = new ArrayList<>();
        for (String p : version.split("\\.")) {
            parts.add(new BigInteger(p.isEmpty() ? "0" : p).toString());
        }
        while (parts.size() > 1 && parts.get(parts.size() - 1).equals("0")) {
            parts.remove(parts.size() - 1);
        }
        return String.join(".", parts);
    }
}
