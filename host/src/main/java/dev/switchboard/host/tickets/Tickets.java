package dev.switchboard.host.tickets;

import dev.switchboard.api.EventIds;
import dev.switchboard.api.HostEvent;
import dev.switchboard.api.Sql;
import dev.switchboard.api.VetoException;
import dev.switchboard.host.events.EventBus;
import dev.switchboard.host.storage.HostDatabase;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ticket storage and record events. Every change raises {@code ticket.created}, {@code ticket.updated} (with the
 * changed fields as {@code changes: {field: {old, new}}}) or {@code ticket.deleted} inside the writing transaction:
 * a listener's {@link VetoException} rolls the change back; behaviors and {@code afterCommit} listeners are told
 * once it committed. Field values passed in are already checked by {@link TicketFields}.
 */
public final class Tickets {
    public static final String CREATED = EventIds.TICKET_CREATED;
    public static final String UPDATED = EventIds.TICKET_UPDATED;
    public static final String DELETED = EventIds.TICKET_DELETED;
    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

    private final HostDatabase db;
    private final EventBus events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Tickets(HostDatabase db, EventBus events, Clock clock) {
        this.db = db;
        this.events = events;
        this.clock = clock;
    }

    /** A page of tickets, newest first; {@code next} is the {@code before} cursor of the next page, or null. */
    public record Page(List<Ticket> tickets, Long next) {
    }

    /**
     * Search filters; null means any.
     *
     * @param subject text the subject contains (case-insensitive)
     * @param before  only tickets with a smaller id (the paging cursor); 0 for the first page
     */
    public record Query(String status, String requester, String subject, int limit, long before) {
    }

    /** The host built-ins tickets bring: the three event types and the {@code ticket} record type. */
    public List<Object> extensions() {
        List<Object> out = new ArrayList<>(TicketEventType.all());
        out.add(new TicketRecordType(this));
        return out;
    }

    /** The database tickets live in (callers that write more in the same transaction use it). */
    public HostDatabase database() {
        return db;
    }

    /** Creates a ticket in its own transaction. */
    public Ticket create(String actor, Map<String, Object> fields) {
        return db.write(sql -> create(sql, actor, fields));
    }

    /** Creates a ticket in the caller's transaction and raises {@code ticket.created}. */
    public Ticket create(Sql sql, String actor, Map<String, Object> fields) {
        long now = clock.millis();
        String mask = newMask(sql);
        long id = sql.insert("INSERT INTO ticket(mask, subject, body, requester, status, priority, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", mask, fields.get("subject"), fields.get("body"),
                fields.get("requester"), fields.get("status"), fields.get("priority"), now, now);
        Ticket t = get(sql, id).orElseThrow();
        events.publish(sql, new HostEvent(CREATED, clock.instant(), actor, Map.of("ticket", t.toMap())));
        return t;
    }

    /** The ticket with this id. */
    public Optional<Ticket> get(long id) {
        return db.read(sql -> get(sql, id));
    }

    /** The ticket with this id, or with this mask when {@code ref} is not a number. */
    public Optional<Ticket> find(String ref) {
        String r = ref == null ? "" : ref.strip();
        if (r.matches("\\d{1,18}")) {
            return get(Long.parseLong(r));
        }
        return db.read(sql -> sql.first("SELECT * FROM ticket WHERE mask = ?", r).map(Ticket::of));
    }

    private static Optional<Ticket> get(Sql sql, long id) {
        return sql.first("SELECT * FROM ticket WHERE id = ?", id).map(Ticket::of);
    }

    /**
     * Changes fields of a ticket and raises {@code ticket.updated} with what changed. Fields set to their current
     * value are no change: when nothing changes, nothing is written and no event is raised.
     *
     * @return the ticket after the change, empty when there is no such ticket
     */
    public Optional<Ticket> update(String actor, long id, Map<String, Object> fields) {
        return db.write(sql -> {
            Optional<Ticket> before = get(sql, id);
            if (before.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> changes = new LinkedHashMap<>();
            List<Object> args = new ArrayList<>();
            StringBuilder set = new StringBuilder();
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                Object old = before.get().field(e.getKey());
                if (!old.equals(e.getValue())) {
                    changes.put(e.getKey(), change(old, e.getValue()));
                    set.append(e.getKey()).append(" = ?, ");
                    args.add(e.getValue());
                }
            }
            if (changes.isEmpty()) {
                return before;
            }
            args.add(clock.millis());
            args.add(id);
            sql.update("UPDATE ticket SET " + set + "updated_at = ? WHERE id = ?", args.toArray());
            Ticket after = get(sql, id).orElseThrow();
            events.publish(sql, new HostEvent(UPDATED, clock.instant(), actor,
                    Map.of("ticket", after.toMap(), "changes", changes)));
            return Optional.of(after);
        });
    }

    private static Map<String, Object> change(Object old, Object now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("old", old);
        m.put("new", now);
        return m;
    }

    /**
     * Deletes a ticket and raises {@code ticket.deleted} with the ticket as it was.
     *
     * @return the deleted ticket, empty when there was none
     */
    public Optional<Ticket> delete(String actor, long id) {
        return db.write(sql -> {
            Optional<Ticket> before = get(sql, id);
            if (before.isPresent()) {
                sql.update("DELETE FROM ticket WHERE id = ?", id);
                events.publish(sql, new HostEvent(DELETED, clock.instant(), actor,
                        Map.of("ticket", before.get().toMap())));
            }
            return before;
        });
    }

    /** Tickets matching the query, newest first. */
    public Page search(Query q) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.before() > 0) {
            where.append(" AND id < ?");
            args.add(q.before());
        }
        if (q.status() != null) {
            where.append(" AND status = ?");
            args.add(q.status());
        }
        if (q.requester() != null) {
            where.append(" AND LOWER(requester) = LOWER(?)");
            args.add(q.requester());
        }
        if (q.subject() != null) {
            where.append(" AND LOWER(subject) LIKE LOWER(?) ESCAPE '\\'");
            args.add("%" + q.subject().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        args.add(q.limit() + 1);
        List<Ticket> rows = db.read(sql -> sql.query("SELECT * FROM ticket" + where + " ORDER BY id DESC LIMIT ?",
                args.toArray())).stream().map(Ticket::of).toList();
        if (rows.size() > q.limit()) {
            List<Ticket> page = rows.subList(0, q.limit());
            return new Page(page, page.get(page.size() - 1).id());
        }
        return new Page(rows, null);
    }

    /** One page of {@link #select}: the tickets and how many match in all. */
    public record Rows(List<Ticket> tickets, long total) {
    }

    /**
     * Tickets matching a WHERE clause that a caller built over the ticket table's columns (the record search's
     * query), with its arguments, ordered and paged.
     *
     * @param where   {@code ""} or a clause starting with {@code WHERE}, its values as {@code ?}
     * @param orderBy columns, e.g. {@code id DESC, id}
     */
    public Rows select(String where, List<Object> args, String orderBy, int limit, long offset) {
        List<Object> paged = new ArrayList<>(args);
        paged.add(limit);
        paged.add(offset);
        return db.read(sql -> new Rows(sql.query("SELECT * FROM ticket" + where + " ORDER BY " + orderBy
                        + " LIMIT ? OFFSET ?", paged.toArray()).stream().map(Ticket::of).toList(),
                sql.first("SELECT COUNT(*) AS n FROM ticket" + where, args.toArray())
                        .map(r -> r.getLong("n")).orElse(0L)));
    }

    /** A Cerb-style mask ({@code ABC-12345-678}) no other ticket has. */
    private String newMask(Sql sql) {
        while (true) {
            StringBuilder m = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                m.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
            }
            m.append('-').append(10_000 + random.nextInt(90_000)).append('-').append(100 + random.nextInt(900));
            if (sql.first("SELECT id FROM ticket WHERE mask = ?", m.toString()).isEmpty()) {
                return m.toString();
            }
        }
    }
}
