package dev.switchboard.host.storage;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Copies every row of one Switchboard database into another whose schema is already migrated (moving a single
 * node from SQLite to PostgreSQL): the tables of the host and of every plugin, parents before children, ids kept
 * and identity sequences moved past them. Flyway histories are not copied; the target has its own. The source is
 * read in one transaction, so the copy is a consistent snapshot.
 */
public final class DatabaseCopy {
    private static final int BATCH = 500;

    private DatabaseCopy() {
    }

    /** Refuses a target that holds any row outside its migration histories, naming the first such table. */
    public static void requireEmpty(DataSource target) {
        try (Connection c = target.getConnection()) {
            for (String table : tables(c)) {
                long rows = count(c, table);
                if (rows > 0) {
                    throw new StorageException("the target database is not empty: table " + table + " has " + rows
                            + " row(s); copy into a new, empty database");
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the target database: " + e.getMessage(), e);
        }
    }

    /**
     * Copies the rows of {@code tables} (all of the source's when empty), replacing what the target holds in them.
     *
     * @return rows copied per table, in copy order
     * @throws StorageException naming the table when the target lacks a table or column the source has data in
     */
    public static Map<String, Long> copy(DataSource source, DataSource target, Set<String> only) {
        try (Connection from = source.getConnection(); Connection to = target.getConnection()) {
            from.setAutoCommit(false);
            to.setAutoCommit(false);
            List<String> order = parentsFirst(to, tables(to));
            Set<String> targetTables = new LinkedHashSet<>(order);
            for (String table : tables(from)) {
                if ((only.isEmpty() || only.contains(table)) && !targetTables.contains(table) && count(from, table) > 0) {
                    throw new StorageException("table " + table + " has rows but the target has no such table "
                            + "(is the plugin that owns it enabled?)");
                }
            }
            Set<String> sourceTables = new LinkedHashSet<>(tables(from));
            List<String> copied = order.stream().filter(sourceTables::contains)
                    .filter(t -> only.isEmpty() || only.contains(t)).toList();
            List<String> reversed = new ArrayList<>(copied);
            Collections.reverse(reversed);
            try (Statement s = to.createStatement()) {
                for (String table : reversed) {
                    s.executeUpdate("DELETE FROM " + table);
                }
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : copied) {
                counts.put(table, copyTable(from, to, table));
            }
            to.commit();
            from.rollback();
            return counts;
        } catch (SQLException e) {
            throw new StorageException("the target was left unchanged: " + e.getMessage(), e);
        }
    }

    private static long copyTable(Connection from, Connection to, String table) throws SQLException {
        Map<String, Integer> targetColumns = columns(to, table);
        Set<String> sourceColumns = columns(from, table).keySet();
        for (String column : sourceColumns) {
            if (!targetColumns.containsKey(column)) {
                throw new StorageException("column " + table + "." + column + " is missing in the target");
            }
        }
        List<String> names = targetColumns.keySet().stream().filter(sourceColumns::contains).toList();
        String list = String.join(", ", names);
        String insert = "INSERT INTO " + table + " (" + list + ") VALUES (" + "?, ".repeat(names.size() - 1) + "?)";
        long rows = 0;
        try (Statement read = from.createStatement();
             ResultSet rs = read.executeQuery("SELECT " + list + " FROM " + table);
             PreparedStatement write = to.prepareStatement(insert)) {
            while (rs.next()) {
                for (int i = 0; i < names.size(); i++) {
                    Object value = rs.getObject(i + 1);
                    if (value == null) {
                        write.setNull(i + 1, targetColumns.get(names.get(i)));
                    } else {
                        write.setObject(i + 1, value, targetColumns.get(names.get(i)));
                    }
                }
                write.addBatch();
                if (++rows % BATCH == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
        }
        if (names.contains("id") && "PostgreSQL".equals(to.getMetaData().getDatabaseProductName())) {
            try (Statement s = to.createStatement()) {
                s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), "
                        + "(SELECT COALESCE(MAX(id), 0) + 1 FROM " + table + "), false)");
            }
        }
        return rows;
    }

    /** The application's tables (no migration histories, no engine internals), lower-case. */
    private static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        DatabaseMetaData meta = c.getMetaData();
        String schema = "PostgreSQL".equals(meta.getDatabaseProductName()) ? c.getSchema() : null;
        try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!name.startsWith("schema_history_") && !name.startsWith("sqlite_")) {
                    out.add(name);
                }
            }
        }
        Collections.sort(out);
        return out;
    }

    /** Column name → JDBC type, in table order. */
    private static Map<String, Integer> columns(Connection c, String table) throws SQLException {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.put(rs.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT), rs.getMetaData().getColumnType(i));
            }
        }
        return out;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Orders tables so that every table comes after the tables its foreign keys point to. */
    private static List<String> parentsFirst(Connection c, List<String> tables) throws SQLException {
        Map<String, Set<String>> parents = new TreeMap<>();
        DatabaseMetaData meta = c.getMetaData();
        for (String table : tables) {
            Set<String> p = new LinkedHashSet<>();
            try (ResultSet rs = meta.getImportedKeys(null, null, table)) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!parent.equals(table)) {
                        p.add(parent);
                    }
                }
            }
            parents.put(table, p);
        }
        List<String> order = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (order.size() < tables.size()) {
            boolean progress = false;
            for (String table : tables) {
                if (!placed.contains(table) && placed.containsAll(parents.get(table).stream()
                        .filter(parents::containsKey).toList())) {
                    order.add(table);
                    placed.add(table);
                    progress = true;
                }
            }
            if (!progress) {
                throw new StorageException("foreign keys form a cycle among " + parents.keySet());
            }
        }
        return order;
    }
}
