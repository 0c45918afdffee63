package dev.switchboard.host.records;

import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.RecordType;
import dev.switchboard.api.Sql;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lets a package create tasks and workers through {@code records[]} ({@code "_context": "task"}, {@code tasks} or
 * {@code cerberusweb.contexts.task}; the same for workers) with the fields of {@link BotRecords}' types, in the
 * import's transaction; {@code records list task} lists them.
 */
final class PackageRecords implements RecordType {
    private static final List<String> PACKAGE_KEYS = List.of("uid", "_context");
    private final TableKind kind;

    PackageRecords(TableKind kind) {
        this.kind = kind;
    }

    @Override
    public String context() {
        return kind.name();
    }

    @Override
    public List<String> aliases() {
        return List.of(kind.name() + "s", kind.cerbContext());
    }

    @Override
    public long create(Sql sql, Map<String, Object> fields) {
        Map<String, Object> changeset = new LinkedHashMap<>(fields);
        PACKAGE_KEYS.forEach(changeset::remove);
        try {
            return ((Number) kind.create(sql, changeset).get("id")).longValue();
        } catch (BadRecordException e) {
            throw new HttpStatusException(422, e.getMessage());
        }
    }

    @Override
    public Map<String, Object> describe(Sql sql, long id) {
        return kind.get(sql, id).map(r -> Map.of("name", r.get("_label"))).orElse(Map.of());
    }

    @Override
    public List<Map<String, Object>> list(Sql sql) {
        return kind.list(sql).stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", r.get("id"));
            row.put("name", r.get("_label"));
            return (Map<String, Object>) row;
        }).toList();
    }
}
