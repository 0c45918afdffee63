package dev.switchboard.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A full disk for a test host's SQLite file, the realistic way: {@code PRAGMA max_page_count} on the host's one
 * writer connection caps the file at its current size, so the next write that needs a new page fails with
 * SQLITE_FULL, the error a full disk gives. Set straight on the connection (not through a host write), as space
 * coming back is not a write either.
 */
public final class FullDisk {
    /** SQLite's default cap. */
    private static final long NO_CAP = 1_073_741_823L;

    private FullDisk() {
    }

    /** No new pages from now on (free pages inside the file can still be used up). */
    public static void fill(TestHost host) {
        try (Connection c = host.host().database().writerDataSource().getConnection();
             Statement s = c.createStatement()) {
            long pages;
            try (ResultSet rs = s.executeQuery("PRAGMA page_count")) {
                rs.next();
                pages = rs.getLong(1);
            }
            s.execute("PRAGMA max_page_count = " + pages);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Space is back. */
    public static void free(TestHost host) {
        try (Connection c = host.host().database().writerDataSource().getConnection();
             Statement s = c.createStatement()) {
            s.execute("PRAGMA max_page_count = " + NO_CAP);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
