package dev.switchboard.host.engine;

import dev.switchboard.api.Database;
import dev.switchboard.api.Json;
import dev.switchboard.api.Row;
import dev.switchboard.api.Sql;
import dev.switchboard.host.plugins.ChangeVersions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bots and behaviors in the database. Every change bumps the {@value #TOPIC} change version in the same
 * transaction, so every process's cache (this one after commit, others on their next poll) drops stale trees.
 */
public final class BehaviorStore {
    /** The change_version topic for bots and behaviors. */
    public static final String TOPIC = "behaviors";

    private final Database db;
    private final Json json;
    private final Clock clock;
    private final Runnable onCommit;

    /** @param onCommit run after every committed change (drops this process's cache at once) */
    public BehaviorStore(Database db, Json json, Clock clock, Runnable onCommit) {
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.onCommit = onCommit;
    }

    /** What a new bot is made of. */
    public record NewBot(String uid, String name, boolean disabled, Map<String, Object> params,
                         Map<String, Object> owner, String image) {
    }

    /** What a new behavior is made of. */
    public record NewBehavior(String uid, long botId, String title, String eventId, int priority, boolean disabled,
                              boolean isPrivate, Map<String, Object> variables, Object nodes) {
    }

    public Database database() {
        return db;
    }

    // --- reads --------------------------------------------------------------------------------------------------

    public List<Bot> bots() {
        return db.read(sql -> sql.query("SELECT * FROM bot ORDER BY id").stream().map(this::bot).toList());
    }

    public Optional<Bot> bot(long id) {
        return db.read(sql -> bot(sql, id));
    }

    public Optional<Bot> bot(Sql sql, long id) {
        return sql.first("SELECT * FROM bot WHERE id = ?", id).map(this::bot);
    }

    /** Behaviors, optionally of one bot and/or one event, by priority then id. */
    public List<Behavior> behaviors(Long botId, String eventId) {
        StringBuilder q = new StringBuilder("SELECT * FROM behavior WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (botId != null) {
            q.append(" AND bot_id = ?");
            args.add(botId);
        }
        if (eventId != null) {
            q.append(" AND event_id = ?");
            args.add(eventId);
        }
        q.append(" ORDER BY priority, id");
        return db.read(sql -> sql.query(q.toString(), args.toArray()).stream().map(this::behavior).toList());
    }

    public Optional<Behavior> behavior(long id) {
        return db.read(sql -> behavior(sql, id));
    }

    public Optional<Behavior> behavior(Sql sql, long id) {
        return sql.first("SELECT * FROM behavior WHERE id = ?", id).map(this::behavior);
    }

    /** Ids of the enabled behaviors of enabled bots on an event, in broadcast order (priority, then id). */
    public List<Long> enabledOn(String eventId) {
        return db.read(sql -> sql.query("SELECT b.id FROM behavior b JOIN bot ON bot.id = b.bot_id"
                        + " WHERE b.event_id = ? AND b.is_disabled = 0 AND bot.is_disabled = 0"
                        + " ORDER BY b.priority, b.id", eventId).stream().map(r -> r.getLong("id")).toList());
    }

    // --- writes (inside the caller's transaction) --------------------------------------------------------------

    public long insertBot(Sql sql, NewBot b) {
        long now = clock.millis();
        long id = sql.insert("INSERT INTO bot(uid, name, is_disabled, params, owner, image, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", b.uid(), b.name(), b.disabled(),
                json.write(b.params() == null ? Map.of() : b.params()),
                json.write(b.owner() == null ? Map.of() : b.owner()), b.image(), now, now);
        changed(sql);
        return id;
    }

    public long insertBehavior(Sql sql, NewBehavior b) {
        long now = clock.millis();
        long id = sql.insert("INSERT INTO behavior(uid, bot_id, title, event_id, priority, is_disabled, is_private,"
                        + " variables, nodes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                b.uid(), b.botId(), b.title(), b.eventId(), b.priority(), b.disabled(), b.isPrivate(),
                json.write(b.variables() == null ? Map.of() : b.variables()),
                json.write(b.nodes() == null ? List.of() : b.nodes()), now, now);
        changed(sql);
        return id;
    }

    /** Replaces a bot's fields (package import allocates ids first, then fills rows in). */
    public void updateBot(Sql sql, long id, NewBot b) {
        sql.update("UPDATE bot SET uid = ?, name = ?, is_disabled = ?, params = ?, owner = ?, image = ?, updated_at = ?"
                        + " WHERE id = ?", b.uid(), b.name(), b.disabled(),
                json.write(b.params() == null ? Map.of() : b.params()),
                json.write(b.owner() == null ? Map.of() : b.owner()), b.image(), clock.millis(), id);
        changed(sql);
    }

    /** Replaces a behavior's fields. */
    public void updateBehavior(Sql sql, long id, NewBehavior b) {
        sql.update("UPDATE behavior SET uid = ?, bot_id = ?, title = ?, event_id = ?, priority = ?, is_disabled = ?,"
                        + " is_private = ?, variables = ?, nodes = ?, updated_at = ? WHERE id = ?",
                b.uid(), b.botId(), b.title(), b.eventId(), b.priority(), b.disabled(), b.isPrivate(),
                json.write(b.variables() == null ? Map.of() : b.variables()),
                json.write(b.nodes() == null ? List.of() : b.nodes()), clock.millis(), id);
        changed(sql);
    }

    /** @return false when there is no such bot */
    public boolean setBotDisabled(Sql sql, long id, boolean disabled) {
        int n = sql.update("UPDATE bot SET is_disabled = ?, updated_at = ? WHERE id = ?", disabled, clock.millis(), id);
        changed(sql);
        return n > 0;
    }

    /** @return false when there is no such behavior */
    public boolean setBehaviorDisabled(Sql sql, long id, boolean disabled) {
        int n = sql.update("UPDATE behavior SET is_disabled = ?, updated_at = ? WHERE id = ?", disabled,
                clock.millis(), id);
        changed(sql);
        return n > 0;
    }

    /** Deletes a bot and (by cascade) its behaviors. */
    public boolean deleteBot(Sql sql, long id) {
        sql.update("DELETE FROM behavior WHERE bot_id = ?", id);
        int n = sql.update("DELETE FROM bot WHERE id = ?", id);
        changed(sql);
        return n > 0;
    }

    public boolean deleteBehavior(Sql sql, long id) {
        int n = sql.update("DELETE FROM behavior WHERE id = ?", id);
        changed(sql);
        return n > 0;
    }

    private void changed(Sql sql) {
        ChangeVersions.bump(sql, TOPIC);
        sql.afterCommit(onCommit);
    }

    // --- mapping ------------------------------------------------------------------------------------------------

    private Bot bot(Row r) {
        return new Bot(r.getLong("id"), r.getString("uid"), r.getString("name"), r.getBoolean("is_disabled"),
                map(r.getString("params")), map(r.getString("owner")), r.getString("image"),
                r.getLong("created_at"), r.getLong("updated_at"));
    }

    private Behavior behavior(Row r) {
        return new Behavior(r.getLong("id"), r.getString("uid"), r.getLong("bot_id"), r.getString("title"),
                r.getString("event_id"), r.getInt("priority", 50), r.getBoolean("is_disabled"),
                r.getBoolean("is_private"), map(r.getString("variables")), json.parse(r.getString("nodes")),
                r.getLong("created_at"), r.getLong("updated_at"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(String text) {
        Object v = text == null ? null : json.parse(text);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }
}
