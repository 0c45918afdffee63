package dev.switchboard.host.records;

import dev.switchboard.api.Row;
import dev.switchboard.api.Sql;
import dev.switchboard.host.storage.HostDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A record type kept in one table of plain columns (tasks, workers): no record events, every write in its own
 * transaction. {@code created_at}/{@code updated_at} are epoch milliseconds in the table and Cerb's epoch-second
 * {@code created}/{@code updated} in the dictionary.
 */
final class TableKind implements RecordKind {
    private final String name;
    private final String cerbContext;
    private final String table;
    private final List<RecordField> fields;
    private final String labelColumn;
    private final Function<Map<String, Object>, String> label;
    private final HostDatabase db;
    private final Clock clock;

    TableKind(String name, String cerbContext, String table, List<RecordField> fields, String labelColumn,
              Function<Map<String, Object>, String> label, HostDatabase db, Clock clock) {
        this.name = name;
        this.cerbContext = cerbContext;
        this.table = table;
        this.fields = List.copyOf(fields);
        this.labelColumn = labelColumn;
        this.label = label;
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String cerbContext() {
        return cerbContext;
    }

    @Override
    public List<String> writableKeys() {
        return fields.stream().map(RecordField::key).toList();
    }

    @Override
    public Map<String, Object> create(String actor, Map<String, Object> changeset) {
        return db.write(sql -> create(sql, changeset));
    }

    /** Creates the record in the caller's transaction (a package import's). */
    Map<String, Object> create(Sql sql, Map<String, Object> changeset) {
        Map<String, Object> values = values(changeset);
        for (RecordField f : fields) {
            if (!values.containsKey(f.column())) {
                if (f.fallback() == null) {
                    throw new BadRecordException("'" + f.key() + "' is required to create a " + name);
                }
                values.put(f.column(), f.fallback());
            }
        }
        long now = clock.millis();
        values.put("created_at", now);
        values.put("updated_at", now);
        String columns = String.join(", ", values.keySet());
        String marks = String.join(", ", values.keySet().stream().map(c -> "?").toList());
        long id = sql.insert("INSERT INTO " + table + "(" + columns + ") VALUES (" + marks + ")",
                values.values().toArray());
        return get(sql, id).orElseThrow();
    }

    /** Every record, oldest first. */
    List<Map<String, Object>> list(Sql sql) {
        return sql.query("SELECT * FROM " + table + " ORDER BY id").stream().map(this::dictionary).toList();
    }

    @Override
    public Optional<Map<String, Object>> get(long id) {
        return db.read(sql -> get(sql, id));
    }

    Optional<Map<String, Object>> get(Sql sql, long id) {
        return sql.first("SELECT * FROM " + table + " WHERE id = ?", id).map(this::dictionary);
    }

    @Override
    public Optional<Map<String, Object>> update(String actor, long id, Map<String, Object> changeset) {
        Map<String, Object> values = values(changeset);
        return db.write(sql -> {
            if (get(sql, id).isEmpty()) {
                return Optional.empty();
            }
            if (!values.isEmpty()) {
                values.put("updated_at", clock.millis());
                List<Object> args = new ArrayList<>(values.values());
                args.add(id);
                sql.update("UPDATE " + table + " SET " + String.join(", ", values.keySet().stream()
                        .map(c -> c + " = ?").toList()) + " WHERE id = ?", args.toArray());
            }
            return get(sql, id);
        });
    }

    @Override
    public boolean delete(String actor, long id) {
        return db.write(sql -> sql.update("DELETE FROM " + table + " WHERE id = ?", id)) > 0;
    }

    @Override
    public Page search(String query) {
        RecordQuery q = RecordQuery.parse(query);
        Map<String, RecordField> keys = new LinkedHashMap<>();
        keys.put("id", new RecordField("id", "id", "id", new RecordField.Number(0, Long.MAX_VALUE), null));
        fields.forEach(f -> keys.put(f.searchKey().toLowerCase(Locale.ROOT), f));
        RecordQuery.Where where = q.where(keys, labelColumn, name, clock);
        String order = "id";
        if (q.sort() != null) {
            RecordField f = keys.get(q.sort().toLowerCase(Locale.ROOT));
            if (f == null) {
                throw new BadRecordException("search query: sort:" + q.sort() + " is not a search key of " + name);
            }
            order = f.column();
        }
        String orderBy = " ORDER BY " + order + (q.descending() ? " DESC" : "") + ", id";
        List<Object> args = new ArrayList<>(where.args());
        args.add(q.limit());
        args.add((long) (q.page() - 1) * q.limit());
        return db.read(sql -> {
            long total = sql.first("SELECT COUNT(*) AS n FROM " + table + where.sql(), where.args().toArray())
                    .map(r -> r.getLong("n")).orElse(0L);
            List<Map<String, Object>> rows = sql.query("SELECT * FROM " + table + where.sql() + orderBy
                    + " LIMIT ? OFFSET ?", args.toArray()).stream().map(this::dictionary).toList();
            return new Page(rows, total, q.page(), q.limit());
        });
    }

    /** The columns a changeset sets, parsed; unknown keys refused naming the type's keys. */
    private Map<String, Object> values(Map<String, Object> changeset) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : changeset.entrySet()) {
            RecordField f = fields.stream().filter(x -> x.key().equals(e.getKey())).findFirst().orElseThrow(() ->
                    new BadRecordException("'" + e.getKey() + "' is not a field of a " + name + "; its fields are "
                            + String.join(", ", writableKeys())));
            out.put(f.column(), f.parse(e.getValue(), clock));
        }
        return out;
    }

    private Map<String, Object> dictionary(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("_context", cerbContext);
        m.put("_label", "");
        m.put("id", r.getLong("id"));
        for (RecordField f : fields) {
            Object v = r.get(f.column());
            m.put(f.key(), v instanceof java.lang.Number n ? (Object) n.longValue() : r.getString(f.column()));
        }
        m.put("created", r.getLong("created_at") / 1000);
        m.put("updated", r.getLong("updated_at") / 1000);
        m.put("_label", label.apply(m));
        return m;
    }
}
