package dev.switchboard.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for tests: {@code SWITCHBOARD_TEST_PG_URL} (a server you run, with a user that may create
 * databases) when set, else one embedded server per test JVM started from Maven Central binaries. Each test data
 * dir gets its own database, so a host restarted on the same dir finds its data again.
 */
public final class TestPostgres {
    private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile String adminUrl;

    private TestPostgres() {
    }

    /** True when the suite runs on PostgreSQL ({@code -Dswitchboard.test.db=postgresql}). */
    public static boolean selected() {
        return "postgresql".equals(System.getProperty("switchboard.test.db"));
    }

    /** The JDBC URL of the database that belongs to this data dir (created on first use). */
    public static String databaseFor(Path dir) {
        return DATABASES.computeIfAbsent(dir.toAbsolutePath(), d -> create("sbtest_" + ProcessHandle.current().pid()
                + "_" + COUNTER.incrementAndGet()));
    }

    private static String create(String name) {
        String admin = adminUrl();
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        int slash = admin.indexOf('/', "jdbc:postgresql://".length());
        int query = admin.indexOf('?');
        return admin.substring(0, slash + 1) + name + (query < 0 ? "" : admin.substring(query));
    }

    private static synchronized String adminUrl() {
        if (adminUrl == null) {
            String given = System.getenv("SWITCHBOARD_TEST_PG_URL");
            if (given != null && !given.isBlank()) {
                adminUrl = given;
            } else {
                try {
                    EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            pg.close();
                        } catch (IOException e) {
                            System.err.println("embedded PostgreSQL did not stop: " + e.getMessage());
                        }
                    }, "embedded-pg-stop"));
                    adminUrl = pg.getJdbcUrl("postgres", "postgres");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
                }
            }
        }
        return adminUrl;
    }
}
