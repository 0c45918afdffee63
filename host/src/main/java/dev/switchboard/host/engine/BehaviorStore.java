package dev.switchboard.host.engine;

import dev.switchboard.api.Database;
import dev.switchboard.api.Json;
import dev.switchboard.api.Row;
import dev.switchboard.api.Secrets;
import dev.switchboard.api.Sql;
import dev.switchboard.host.plugins.ChangeVersions;
import dev.switchboard.host.secrets.Redaction;
import dev.switchboard.host.secrets.SecretBox;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bots and behaviors in the database. Every change bumps the {@value #TOPIC} change version in the same
 * transaction, so every process's cache (this one after commit, others on their next poll) drops stale trees.
 * A bot's secret config values (declared by its package's hidden prompts, or named like credentials by the
 * {@link Redaction} policy) are sealed in {@code bot.secrets}; {@code params} keeps {@value Secrets#MASK} in their
 * place, and reads put the real values back for the engine.
 */
public final class BehaviorStore {
    /** The change_version topic for bots and behaviors. */
    public static final String TOPIC = "behaviors";

    private final Database db;
    private final Json json;
    private final SecretBox box;
    private final Clock clock;
    private final Runnable onCommit;

    /**
     * @param box      seals bots' secret config values
     * @param onCommit run after every committed change (drops this process's cache at once)
     */
    public BehaviorStore(Database db, Json json, SecretBox box, Clock clock, Runnable onCommit) {
        this.db = db;
        this.json = json;
        this.box = box;
        this.clock = clock;
        this.onCommit = onCommit;
    }

    /**
     * What a new bot is made of.
     *
     * @param secretConfig {@code params.config} keys to keep secret besides those the policy names (a package's
     *                     hidden prompts)
     */
    public record NewBot(String uid, String name, boolean disabled, Map<String, Object> params,
                         Map<String, Object> owner, String image, Set<String> secretConfig) {
        public NewBot {
            secretConfig = secretConfig == null ? Set.of() : Set.copyOf(secretConfig);
        }

        public NewBot(String uid, String name, boolean disabled, Map<String, Object> params,
                      Map<String, Object> owner, String image) {
            this(uid, name, disabled, params, owner, image, Set.of());
        }
    }

    /**
     * What a new behavior is made of. {@code eventParams} are Cerb's event params (a recurrent behavior's
     * {@code repeat_patterns} and {@code timezone}); null keeps a behavior's current ones on update.
     */
    public record NewBehavior(String uid, long botId, String title, String eventId, int priority, boolean disabled,
                              boolean isPrivate, Map<String, Object> variables, Object nodes,
                              Map<String, Object> eventParams) {
        public NewBehavior(String uid, long botId, String title, String eventId, int priority, boolean disabled,
                           boolean isPrivate, Map<String, Object> variables, Object nodes) {
            this(uid, botId, title, eventId, priority, disabled, isPrivate, variables, nodes, null);
        }
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

    /** The behavior's draft tree (as JSON-like values), or empty when it has none. */
    public Optional<Object> draftNodes(long id) {
        return db.read(sql -> sql.first("SELECT r.nodes FROM behavior b JOIN behavior_revision r"
                + " ON r.behavior_id = b.id AND r.number = b.draft_revision WHERE b.id = ?", id)
                .map(r -> json.parse(r.getString("nodes"))));
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
        Sealed p = seal(b.params(), b.secretConfig());
        long id = sql.insert("INSERT INTO bot(uid, name, is_disabled, params, secrets, owner, image, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", b.uid(), b.name(), b.disabled(),
                p.params(), p.secrets(), json.write(b.owner() == null ? Map.of() : b.owner()), b.image(), now, now);
        changed(sql);
        return id;
    }

    public long insertBehavior(Sql sql, NewBehavior b) {
        long now = clock.millis();
        long id = sql.insert("INSERT INTO behavior(uid, bot_id, title, event_id, priority, is_disabled, is_private,"
                        + " variables, nodes, event_params, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                b.uid(), b.botId(), b.title(), b.eventId(), b.priority(), b.disabled(), b.isPrivate(),
                json.write(b.variables() == null ? Map.of() : b.variables()),
                json.write(b.nodes() == null ? List.of() : b.nodes()),
                json.write(b.eventParams() == null ? Map.of() : b.eventParams()), now, now);
        changed(sql);
        return id;
    }

    /** Replaces a bot's fields (package import allocates ids first, then fills rows in). */
    public void updateBot(Sql sql, long id, NewBot b) {
        Sealed p = seal(b.params(), b.secretConfig());
        sql.update("UPDATE bot SET uid = ?, name = ?, is_disabled = ?, params = ?, secrets = ?, owner = ?, image = ?,"
                        + " updated_at = ? WHERE id = ?", b.uid(), b.name(), b.disabled(), p.params(), p.secrets(),
                json.write(b.owner() == null ? Map.of() : b.owner()), b.image(), clock.millis(), id);
        changed(sql);
    }

    /**
     * Seals the credential-named config values of bots stored in clear before secrets were sealed (or written
     * by an older version); run at start. Returns how many bots it changed.
     */
    public int sealPlainSecrets() {
        return db.write(sql -> {
            int n = 0;
            for (Row r : sql.query("SELECT id, params FROM bot WHERE secrets IS NULL")) {
                Map<String, Object> params = map(r.getString("params"));
                Sealed p = seal(params, Set.of());
                if (p.secrets() != null) {
                    sql.update("UPDATE bot SET params = ?, secrets = ? WHERE id = ?", p.params(), p.secrets(),
                            r.getLong("id"));
                    n++;
                }
            }
            if (n > 0) {
                changed(sql);
            }
            return n;
        });
    }

    /** A bot's params as stored: secret config values replaced by the mask, and those values sealed. */
    private record Sealed(String params, byte[] secrets) {
    }

    private Sealed seal(Map<String, Object> params, Set<String> declared) {
        Map<String, Object> all = params == null ? Map.of() : params;
        if (!(all.get("config") instanceof Map<?, ?> config)) {
            return new Sealed(json.write(all), null);
        }
        Map<String, Object> plain = new LinkedHashMap<>();
        Map<String, Object> secret = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            String key = String.valueOf(k);
            boolean isSecret = (declared.contains(key) || Redaction.isSecretName(key)) && v != null && !"".equals(v)
                    && !Secrets.MASK.equals(v);
            if (isSecret) {
                secret.put(key, v);
            }
            plain.put(key, isSecret ? Secrets.MASK : v);
        });
        if (secret.isEmpty()) {
            return new Sealed(json.write(all), null);
        }
        Map<String, Object> stored = new LinkedHashMap<>(all);
        stored.put("config", plain);
        return new Sealed(json.write(stored), box.seal(json.write(secret)));
    }

    /**
     * Replaces a behavior's fields (a package import over an existing behavior). Its live tree is then no revision
     * and an editor holding the old tree version must reload.
     */
    public void updateBehavior(Sql sql, long id, NewBehavior b) {
        sql.update("UPDATE behavior SET uid = ?, bot_id = ?, title = ?, event_id = ?, priority = ?, is_disabled = ?,"
                        + " is_private = ?, variables = ?, nodes = ?, event_params = COALESCE(?, event_params),"
                        + " updated_at = ?, tree_version = tree_version + 1, live_revision = NULL WHERE id = ?",
                b.uid(), b.botId(), b.title(), b.eventId(), b.priority(), b.disabled(), b.isPrivate(),
                json.write(b.variables() == null ? Map.of() : b.variables()),
                json.write(b.nodes() == null ? List.of() : b.nodes()),
                b.eventParams() == null ? null : json.write(b.eventParams()), clock.millis(), id);
        changed(sql);
    }

    /** Replaces a behavior's event params (its schedule, for a recurrent behavior). */
    public void setEventParams(Sql sql, long id, Map<String, Object> eventParams) {
        sql.update("UPDATE behavior SET event_params = ?, updated_at = ? WHERE id = ?", json.write(eventParams),
                clock.millis(), id);
        changed(sql);
    }

    /** Changes a behavior's title, priority and variables (its tree and event stay). */
    public void updateSettings(Sql sql, long id, String title, int priority, Map<String, Object> variables) {
        sql.update("UPDATE behavior SET title = ?, priority = ?, variables = ?, updated_at = ? WHERE id = ?", title,
                priority, json.write(variables == null ? Map.of() : variables), clock.millis(), id);
        changed(sql);
    }

    /**
     * Makes a tree the behavior's live one (publishing a draft, rolling back). Running listeners see it once the
     * caller's transaction commits, and never a part of it: the cache drops the whole behavior on the version bump.
     */
    public void setLiveNodes(Sql sql, long id, Object nodes) {
        sql.update("UPDATE behavior SET nodes = ?, updated_at = ? WHERE id = ?",
                json.write(nodes == null ? List.of() : nodes), clock.millis(), id);
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
        sql.update("DELETE FROM behavior_revision WHERE behavior_id IN (SELECT id FROM behavior WHERE bot_id = ?)", id);
        sql.update("DELETE FROM behavior WHERE bot_id = ?", id);
        int n = sql.update("DELETE FROM bot WHERE id = ?", id);
        changed(sql);
        return n > 0;
    }

    public boolean deleteBehavior(Sql sql, long id) {
        sql.update("DELETE FROM behavior_revision WHERE behavior_id = ?", id);
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
        Map<String, Object> params = map(r.getString("params"));
        Set<String> secretKeys = Set.of();
        byte[] sealed = r.getBytes("secrets");
        if (sealed != null && params.get("config") instanceof Map<?, ?> config) {
            Map<String, Object> secrets = map(box.open(sealed));
            Map<String, Object> real = new LinkedHashMap<>();
            config.forEach((k, v) -> real.put(String.valueOf(k), v));
            real.putAll(secrets);
            params.put("config", real);
            secretKeys = secrets.keySet();
        }
        return new Bot(r.getLong("id"), r.getString("uid"), r.getString("name"), r.getBoolean("is_disabled"),
                params, map(r.getString("owner")), r.getString("image"), r.getLong("created_at"),
                r.getLong("updated_at"), secretKeys);
    }

    private Behavior behavior(Row r) {
        return new Behavior(r.getLong("id"), r.getString("uid"), r.getLong("bot_id"), r.getString("title"),
                r.getString("event_id"), r.getInt("priority", 50), r.getBoolean("is_disabled"),
                r.getBoolean("is_private"), map(r.getString("variables")), json.parse(r.getString("nodes")),
                r.getLong("created_at"), r.getLong("updated_at"), map(r.getString("event_params")));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(String text) {
        Object v = text == null ? null : json.parse(text);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }
}
