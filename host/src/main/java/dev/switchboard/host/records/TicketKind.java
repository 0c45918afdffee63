package dev.switchboard.host.records;

import dev.switchboard.api.HttpStatusException;
import dev.switchboard.host.tickets.Ticket;
import dev.switchboard.host.tickets.TicketFields;
import dev.switchboard.host.tickets.Tickets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tickets as a record type: written through {@link Tickets}, so the record actions raise the same ticket events
 * (and vetoes) as the API; the dictionary is the ticket as the API shows it, with {@code _context} and
 * {@code _label} (the subject) in front. Search keys: {@code id, mask, subject, requester, status, importance}.
 */
final class TicketKind implements RecordKind {
    private static final String TABLE_LABEL = "subject";
    private final Tickets tickets;
    private final Clock clock;
    private final Map<String, RecordField> searchKeys = new LinkedHashMap<>();

    TicketKind(Tickets tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
        for (RecordField f : List.of(
                new RecordField("id", "id", "id", new RecordField.Number(0, Long.MAX_VALUE), null),
                RecordField.text("mask", "mask", "mask", 32, null),
                RecordField.text("subject", "subject", "subject", 255, null),
                new RecordField("requester", "requester", "requester", new RecordField.Email(), null),
                new RecordField("status", "status", "status", new RecordField.Choice(TicketFields.STATUSES), null),
                new RecordField("priority", "priority", "importance", new RecordField.Number(0, 100), null))) {
            searchKeys.put(f.searchKey().toLowerCase(Locale.ROOT), f);
        }
    }

    @Override
    public String name() {
        return "ticket";
    }

    @Override
    public String cerbContext() {
        return "cerberusweb.contexts.ticket";
    }

    @Override
    public List<String> writableKeys() {
        return TicketFields.WRITABLE;
    }

    @Override
    public Map<String, Object> create(String actor, Map<String, Object> changeset) {
        return dictionary(tickets.create(actor, fields(changeset, true)));
    }

    @Override
    public Optional<Map<String, Object>> get(long id) {
        return tickets.get(id).map(TicketKind::dictionary);
    }

    @Override
    public Optional<Map<String, Object>> update(String actor, long id, Map<String, Object> changeset) {
        return tickets.update(actor, id, fields(changeset, false)).map(TicketKind::dictionary);
    }

    @Override
    public boolean delete(String actor, long id) {
        return tickets.delete(actor, id).isPresent();
    }

    @Override
    public Page search(String query) {
        RecordQuery q = RecordQuery.parse(query);
        RecordQuery.Where where = q.where(searchKeys, TABLE_LABEL, name(), clock);
        String order = "id";
        if (q.sort() != null) {
            RecordField f = searchKeys.get(q.sort().toLowerCase(Locale.ROOT));
            if (f == null) {
                throw new BadRecordException("search query: sort:" + q.sort() + " is not a search key of ticket");
            }
            order = f.column();
        }
        Tickets.Rows rows = tickets.select(where.sql(), where.args(),
                order + (q.descending() ? " DESC" : "") + ", id", q.limit(), (long) (q.page() - 1) * q.limit());
        return new Page(rows.tickets().stream().map(TicketKind::dictionary).toList(), rows.total(), q.page(),
                q.limit());
    }

    /** A changeset's ticket fields as {@link TicketFields} checks them (template text, so numbers may be text). */
    private static Map<String, Object> fields(Map<String, Object> changeset, boolean creating) {
        Map<String, Object> input = new LinkedHashMap<>();
        changeset.forEach((k, v) -> input.put(k, v instanceof Number n && k.equals("priority") ? n.longValue()
                : v instanceof Number || v instanceof Boolean ? String.valueOf(v) : v));
        try {
            return TicketFields.validate(input, creating, true, List.of());
        } catch (HttpStatusException e) {
            throw new BadRecordException(e.getMessage());
        }
    }

    private static Map<String, Object> dictionary(Ticket t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("_context", "cerberusweb.contexts.ticket");
        m.put("_label", t.subject());
        m.putAll(t.toMap());
        return m;
    }
}
