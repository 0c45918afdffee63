package dev.switchboard.host.records;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.host.storage.HostDatabase;
import dev.switchboard.host.tickets.Tickets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The record types Cerb's record actions reach here — {@code ticket}, {@code task}, {@code worker} — each known by
 * Cerb's names for it: the alias ({@code task}), its plural ({@code tasks}) and the context id
 * ({@code cerberusweb.contexts.task}), as Cerb's {@code getByAlias} accepts them. Brings the six record actions
 * and {@code /api/records/{type}}.
 */
public final class BotRecords {
    /** The record types by their short names, for messages. */
    static final List<String> NAMES = List.of("task", "ticket", "worker");
    private final Map<String, RecordKind> byName = new LinkedHashMap<>();
    private final HostJson json;
    private final List<TableKind> tables;

    public BotRecords(HostDatabase db, Tickets tickets, HostJson json, Clock clock) {
        this.json = json;
        this.tables = List.of(task(db, clock), worker(db, clock));
        List<RecordKind> kinds = List.of(tables.get(0), new TicketKind(tickets, clock), tables.get(1));
        for (RecordKind k : kinds) {
            byName.put(k.name(), k);
            byName.put(k.name() + "s", k);
            byName.put(k.cerbContext(), k);
        }
    }

    private static TableKind task(HostDatabase db, Clock clock) {
        return new TableKind("task", "cerberusweb.contexts.task", "task", List.of(
                RecordField.text("title", "title", "title", 255, null),
                new RecordField("status", "status", "status",
                        new RecordField.Choice(List.of("open", "waiting", "closed")), "open"),
                new RecordField("importance", "importance", "importance", new RecordField.Number(0, 100), 50L),
                new RecordField("due", "due_at", "due", new RecordField.Date(), 0L),
                new RecordField("owner_id", "owner_id", "owner.id", new RecordField.Number(0, Long.MAX_VALUE), 0L),
                new RecordField("completed", "completed_at", "completed", new RecordField.Date(), 0L)),
                "title", m -> String.valueOf(m.get("title")), db, clock);
    }

    private static TableKind worker(HostDatabase db, Clock clock) {
        return new TableKind("worker", "cerberusweb.contexts.worker", "worker", List.of(
                RecordField.text("first_name", "first_name", "firstName", 128, null),
                RecordField.text("last_name", "last_name", "lastName", 128, ""),
                new RecordField("email", "email", "email", new RecordField.Email(), null),
                RecordField.text("title", "title", "title", 255, ""),
                new RecordField("is_disabled", "is_disabled", "isDisabled", new RecordField.Flag(), 0L)),
                "first_name || ' ' || last_name",
                m -> (m.get("first_name") + " " + m.get("last_name")).strip(), db, clock);
    }

    /** The record type with this name (case-insensitive), if this host has it. */
    public Optional<RecordKind> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name.strip().toLowerCase(Locale.ROOT)));
    }

    /** Whether {@code name} is a record type here. */
    public boolean knows(String name) {
        return find(name).isPresent();
    }

    /**
     * The {@code records[]} types packages can create besides tickets (which bring their own): tasks and workers,
     * to register as host built-ins.
     */
    public List<Object> packageRecordTypes() {
        return tables.stream().map(t -> (Object) new PackageRecords(t)).toList();
    }

    /** Cerb's record actions over these types, to register as host built-ins. */
    public List<Object> actions() {
        return List.of(new RecordCreateAction(this, json), new RecordUpdateAction(this, json),
                new RecordUpsertAction(this, json), new RecordRetrieveAction(this, json),
                new RecordSearchAction(this, json), new RecordDeleteAction(this, json));
    }
}
