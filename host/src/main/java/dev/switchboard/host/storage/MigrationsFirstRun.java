package dev.switchboard.host.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first migration of an owner whose history table does not exist yet (a new data dir, a new database, a plugin
 * enabled for the first time), without Flyway: loading, configuring and running Flyway migration by migration was
 * most of a new install's start. The bundled scripts run in version order in ONE transaction, and the history table
 * ends exactly as Flyway leaves it: its DDL, Flyway's baseline row when the schema already held tables
 * ({@code baselineOnMigrate} at version 0, as for every plugin after the host), then one row per script with
 * Flyway's version text, description, script name, checksum and installer. So later starts and later migrations
 * (through Flyway) cannot tell the two apart; {@code TestMigrationsFirstRun} compares both on SQLite and PostgreSQL.
 *
 * <p>Anything this path does not reproduce goes to Flyway instead, untouched: a script that is not UTF-8, uses a
 * placeholder other than the dialect's, carries a Flyway directive or controls the transaction itself; a schema
 * that has no tables but other objects (PostgreSQL), where Flyway's notion of empty decides. A script that fails
 * here rolls everything back (DDL is transactional in both databases) and Flyway then applies the migrations one
 * by one as before, reporting a genuine error in its own words.
 */
final class MigrationsFirstRun {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationsFirstRun.class);

    /** Statements that would end or nest the one transaction, and Flyway's in-script settings. */
    private static final Pattern NOT_HERE = Pattern.compile("(?im)^\\s*(?:(?:COMMIT|ROLLBACK|SAVEPOINT|RELEASE|VACUUM"
            + "|END\\s+TRANSACTION|BEGIN\\s+(?:TRANSACTION|DEFERRED|IMMEDIATE|EXCLUSIVE|WORK))\\b|BEGIN\\s*;)|flyway:");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final String BASELINE = "<< Flyway Baseline >>";

    /** One bundled {@code V<version>__<description>.sql}: Flyway's version text (dots), its file name, where. */
    record Script(String version, String name, URL url) {
        /** Flyway's description: the part after {@code __}, underscores as spaces. */
        String description() {
            return name.substring(name.indexOf("__") + 2, name.length() - ".sql".length()).replace('_', ' ');
        }
    }

    private record Prepared(Script script, String sql, int checksum) {
    }

    private MigrationsFirstRun() {
    }

    /**
     * Applies all of an owner's scripts to a database without its history table.
     *
     * @param scripts in version order
     * @return how many were applied, or empty when Flyway must do it (then nothing was changed)
     */
    static OptionalInt apply(HostDatabase db, String owner, String table, List<Script> scripts) {
        Map<String, String> placeholders = Dialect.of(db.dialect()).placeholders();
        List<Prepared> prepared = new ArrayList<>();
        for (Script s : scripts) {
            Prepared p = prepare(s, placeholders);
            if (p == null) {
                return OptionalInt.empty();
            }
            prepared.add(p);
        }
        boolean postgres = "postgresql".equals(db.dialect());
        try (Connection c = db.writerDataSource().getConnection()) {
            c.setAutoCommit(false); // SQLite: BEGIN IMMEDIATE, the write lock, before anything is read
            try {
                OptionalInt applied = applyIn(c, postgres, owner, table, prepared);
                if (applied.isPresent()) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return applied;
            } catch (SQLException e) {
                c.rollback();
                LOG.info("schema {}: the migrations in one transaction failed ({}); Flyway applies them one by one",
                        owner, e.getMessage());
                return OptionalInt.empty();
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException("cannot migrate " + owner + ": " + e.getMessage(), e);
        }
    }

    private static OptionalInt applyIn(Connection c, boolean postgres, String owner, String table,
                                       List<Prepared> scripts) throws SQLException {
        String schema;
        String qualified;
        String installedBy;
        if (postgres) {
            schema = one(c, "SELECT current_schema()");
            if (schema == null) {
                return OptionalInt.empty();
            }
            qualified = quote(schema) + "." + quote(table);
            // Flyway's lock for this history table (its advisory lock number), so a node running Flyway and one
            // running this at the same moment take turns
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, flywayLockNumber(qualified));
                lock.executeQuery().close();
            }
            installedBy = one(c, "SELECT current_user");
        } else {
            schema = "main";
            qualified = quote(table);
            installedBy = "";
        }
        if (historyExists(c, postgres, schema, table)) {
            return OptionalInt.empty(); // another process was first: the usual check decides
        }
        Boolean empty = postgres ? postgresEmpty(c, schema) : sqliteEmpty(c);
        if (empty == null) {
            return OptionalInt.empty();
        }
        try (Statement st = c.createStatement()) {
            if (postgres) {
                st.execute(postgresHistoryTable(qualified, table));
            } else {
                st.executeUpdate(sqliteHistoryTable(table));
            }
        }
        int rank = 0;
        List<Object[]> rows = new ArrayList<>();
        if (!empty) {
            rows.add(new Object[] {++rank, "0", BASELINE, "BASELINE", BASELINE, null, installedBy, 0});
        }
        for (Prepared p : scripts) {
            long t0 = System.nanoTime();
            try (Statement st = c.createStatement()) {
                if (postgres) {
                    st.execute(p.sql()); // pgjdbc sends every statement of the script
                } else {
                    st.executeUpdate(p.sql()); // sqlite3_exec: every statement of the script
                }
            } catch (SQLException e) {
                throw new SQLException(p.script().name() + ": " + e.getMessage(), e.getSQLState(), e);
            }
            int ms = (int) ((System.nanoTime() - t0) / 1_000_000);
            rows.add(new Object[] {++rank, p.script().version(), p.script().description(), "SQL",
                    p.script().name(), p.checksum(), installedBy, ms});
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + qualified
                + " (\"installed_rank\", \"version\", \"description\", \"type\", \"script\", \"checksum\","
                + " \"installed_by\", \"execution_time\", \"success\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Object[] row : rows) {
                insert.setInt(1, (Integer) row[0]);
                insert.setString(2, (String) row[1]);
                insert.setString(3, (String) row[2]);
                insert.setString(4, (String) row[3]);
                insert.setString(5, (String) row[4]);
                if (row[5] == null) {
                    insert.setNull(6, java.sql.Types.INTEGER);
                } else {
                    insert.setInt(6, (Integer) row[5]);
                }
                insert.setString(7, (String) row[6]);
                insert.setInt(8, (Integer) row[7]);
                insert.setBoolean(9, true);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        LOG.info("schema {}: applied {} migration(s), now at version {}", owner, scripts.size(),
                scripts.get(scripts.size() - 1).script().version());
        return OptionalInt.of(scripts.size());
    }

    /** The script's SQL with the dialect's placeholders in, and Flyway's checksum; null when Flyway must run it. */
    static Prepared prepare(Script script, Map<String, String> placeholders) {
        String text;
        try (InputStream in = script.url().openStream()) {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(in.readAllBytes()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null; // Flyway reads it in its own way (and says what is wrong)
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + script.url() + ": " + e.getMessage(), e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (NOT_HERE.matcher(text).find()) {
            return null;
        }
        StringBuilder sql = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String value = placeholders.get(m.group(1));
            if (value == null) {
                return null; // Flyway's own placeholders, or a missing one Flyway reports
            }
            m.appendReplacement(sql, Matcher.quoteReplacement(value));
        }
        m.appendTail(sql);
        return new Prepared(script, sql.toString(), checksum(text));
    }

    /**
     * Flyway's checksum of a script: CRC-32 of the UTF-8 bytes of its lines without their line breaks (so it does
     * not depend on them), before placeholders are replaced, without a byte-order mark.
     */
    static int checksum(String text) {
        CRC32 crc = new CRC32();
        try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return (int) crc.getValue();
    }

    /** Flyway's PostgreSQL advisory lock number for a history table ({@code "schema"."table"}). */
    static long flywayLockNumber(String qualifiedTable) {
        long magic = (0x46L << 40) + (0x6CL << 32) + (0x79L << 24) + (0x77 << 16) + (0x61 << 8) + 0x79; // "Flyway"
        return magic + qualifiedTable.hashCode();
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String one(Connection c, String query) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static boolean historyExists(Connection c, boolean postgres, String schema, String table)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(postgres
                ? "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = ? AND tablename = ?"
                : "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE")) {
            int i = 1;
            if (postgres) {
                st.setString(i++, schema);
            }
            st.setString(i, table);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Flyway's SQLite test: no table but its own bookkeeping ones. */
    private static Boolean sqliteEmpty(Connection c) throws SQLException {
        return one(c, "SELECT 1 FROM sqlite_master WHERE type = 'table'"
                + " AND tbl_name NOT IN ('android_metadata', 'sqlite_sequence') LIMIT 1") == null;
    }

    /**
     * Empty as Flyway's PostgreSQL test has it when the schema has no relation, type or function of its own; not
     * empty when it has a table; anything between (null) is Flyway's to judge.
     */
    private static Boolean postgresEmpty(Connection c, String schema) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT"
                + " EXISTS (SELECT 1 FROM pg_catalog.pg_class k JOIN pg_catalog.pg_namespace n"
                + " ON n.oid = k.relnamespace WHERE n.nspname = ? AND k.relkind IN ('r', 'p')),"
                + " EXISTS (SELECT k.oid FROM pg_catalog.pg_class k JOIN pg_catalog.pg_namespace n"
                + " ON n.oid = k.relnamespace LEFT JOIN pg_catalog.pg_depend d ON d.objid = k.oid AND d.deptype = 'e'"
                + " WHERE n.nspname = ? AND d.objid IS NULL AND k.relkind IN ('r', 'v', 'S', 't')"
                + " UNION ALL SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n"
                + " ON n.oid = t.typnamespace LEFT JOIN pg_catalog.pg_depend d ON d.objid = t.oid AND d.deptype = 'e'"
                + " WHERE n.nspname = ? AND d.objid IS NULL AND t.typcategory NOT IN ('A', 'C')"
                + " UNION ALL SELECT p.oid FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n"
                + " ON n.oid = p.pronamespace LEFT JOIN pg_catalog.pg_depend d ON d.objid = p.oid AND d.deptype = 'e'"
                + " WHERE n.nspname = ? AND d.objid IS NULL)")) {
            for (int i = 1; i <= 4; i++) {
                st.setString(i, schema);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                boolean tables = rs.getBoolean(1);
                boolean anything = rs.getBoolean(2);
                if (tables) {
                    return false;
                }
                return anything ? null : true;
            }
        }
    }

    /** Flyway's history table on SQLite (as {@code sqlite_master} keeps it). */
    private static String sqliteHistoryTable(String table) {
        return "CREATE TABLE " + quote(table) + " (\n"
                + "    \"installed_rank\" INT NOT NULL PRIMARY KEY,\n"
                + "    \"version\" VARCHAR(50),\n"
                + "    \"description\" VARCHAR(200) NOT NULL,\n"
                + "    \"type\" VARCHAR(20) NOT NULL,\n"
                + "    \"script\" VARCHAR(1000) NOT NULL,\n"
                + "    \"checksum\" INT,\n"
                + "    \"installed_by\" VARCHAR(100) NOT NULL,\n"
                + "    \"installed_on\" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),\n"
                + "    \"execution_time\" INT NOT NULL,\n"
                + "    \"success\" BOOLEAN NOT NULL\n"
                + ");\n"
                + "CREATE INDEX " + quote(table + "_s_idx") + " ON " + quote(table) + " (\"success\");";
    }

    /** Flyway's history table on PostgreSQL (no tablespace configured). */
    private static String postgresHistoryTable(String qualified, String table) {
        return "CREATE TABLE " + qualified + " (\n"
                + "    \"installed_rank\" INT NOT NULL,\n"
                + "    \"version\" VARCHAR(50),\n"
                + "    \"description\" VARCHAR(200) NOT NULL,\n"
                + "    \"type\" VARCHAR(20) NOT NULL,\n"
                + "    \"script\" VARCHAR(1000) NOT NULL,\n"
                + "    \"checksum\" INTEGER,\n"
                + "    \"installed_by\" VARCHAR(100) NOT NULL,\n"
                + "    \"installed_on\" TIMESTAMP NOT NULL DEFAULT now(),\n"
                + "    \"execution_time\" INTEGER NOT NULL,\n"
                + "    \"success\" BOOLEAN NOT NULL\n"
                + ");\n"
                + "ALTER TABLE " + qualified + " ADD CONSTRAINT " + quote(table + "_pk")
                + " PRIMARY KEY (\"installed_rank\");\n"
                + "CREATE INDEX " + quote(table + "_s_idx") + " ON " + qualified + " (\"success\");";
    }
}
