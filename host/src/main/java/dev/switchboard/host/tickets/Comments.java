package dev.switchboard.host.tickets;

import dev.switchboard.api.Json;
import dev.switchboard.api.Row;
import dev.switchboard.host.storage.HostDatabase;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code comment} table: comments on a ticket or on a bot (Cerb's comment records), written by the
 * {@code create_comment} action and listed by {@code GET /api/tickets/{id}/comments} and
 * {@code GET /api/bots/{id}/comments}. A comment goes with its ticket or bot.
 */
public final class Comments {
    /** What a comment is on. */
    public enum On {
        TICKET("ticket_id"), BOT("bot_id");

        private final String column;

        On(String column) {
            this.column = column;
        }

        /** As the API names it: {@code ticket}, {@code bot}. */
        public String context() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A comment as the API shows it. */
    public record Comment(long id, On on, long targetId, String author, String content, List<Object> notifyWorkerIds,
                          long createdAt) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("context", on.context());
            m.put("context_id", targetId);
            m.put("author", author);
            m.put("content", content);
            m.put("notify_worker_ids", notifyWorkerIds);
            m.put("created_at", createdAt);
            return m;
        }
    }

    private final HostDatabase db;
    private final Json json;
    private final Clock clock;

    public Comments(HostDatabase db, Json json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    /** Adds a comment; the target must exist (a foreign key refuses it otherwise). */
    public Comment add(On on, long targetId, String author, String content, List<Object> notifyWorkerIds) {
        long now = clock.millis();
        long id = db.write(sql -> sql.insert("INSERT INTO comment(" + on.column + ", author, content, "
                + "notify_worker_ids, created_at) VALUES (?, ?, ?, ?, ?)", targetId, author, content,
                json.write(notifyWorkerIds), now));
        return new Comment(id, on, targetId, author, content, List.copyOf(notifyWorkerIds), now);
    }

    /** The comments on a ticket or bot, oldest first, at most {@code limit}. */
    public List<Comment> list(On on, long targetId, int limit) {
        return db.read(sql -> sql.query("SELECT * FROM comment WHERE " + on.column + " = ? ORDER BY id LIMIT ?",
                targetId, limit)).stream().map(r -> comment(on, r)).toList();
    }

    @SuppressWarnings("unchecked")
    private Comment comment(On on, Row r) {
        Object ids = json.parse(r.getString("notify_worker_ids"));
        return new Comment(r.getLong("id"), on, r.getLong(on.column), r.getString("author"), r.getString("content"),
                ids instanceof List<?> l ? (List<Object>) l : List.of(), r.getLong("created_at"));
    }
}
