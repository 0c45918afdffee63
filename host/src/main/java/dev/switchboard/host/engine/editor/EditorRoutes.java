package dev.switchboard.host.engine.editor;

import dev.switchboard.api.EventType;
import dev.switchboard.api.Field;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.Json;
import dev.switchboard.api.Placeholder;
import dev.switchboard.api.Secrets;
import dev.switchboard.api.Sql;
import dev.switchboard.host.audit.AuditLog;
import dev.switchboard.host.cron.Recurrence;
import dev.switchboard.host.engine.Behavior;
import dev.switchboard.host.engine.BehaviorEngine;
import dev.switchboard.host.engine.BehaviorRoutes;
import dev.switchboard.host.engine.BehaviorStore;
import dev.switchboard.host.engine.Bot;
import dev.switchboard.host.engine.Node;
import dev.switchboard.host.engine.Placeholders;
import dev.switchboard.host.http.Api;
import dev.switchboard.host.http.ApiRoutes;
import dev.switchboard.host.plugins.Extensions;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The behavior editor's API (docs/building-a-behavior.md): create and change bots and behaviors, read and write a
 * behavior's tree as a draft with optimistic concurrency, publish it, list, compare and roll back revisions, and the
 * placeholders a condition can test. Every tree written is validated first ({@code 422} naming the node path,
 * nothing stored); only publish and rollback change what runs. Every change is audited.
 */
public final class EditorRoutes implements ApiRoutes {
    /** Cerb's owner of a bot made by an admin: the app itself. */
    private static final Map<String, Object> APP_OWNER = Map.of("context", "cerberusweb.contexts.app", "id", 0);
    private static final int MAX_NAME = 255;

    private final BehaviorEngine engine;
    private final BehaviorStore store;
    private final BehaviorTrees trees;
    private final AuditLog audit;

    public EditorRoutes(BehaviorEngine engine, AuditLog audit, Json json, Clock clock) {
        this.engine = engine;
        this.store = engine.store();
        this.trees = new BehaviorTrees(engine.store(), json, clock);
        this.audit = audit;
    }

    @Override
    public void register(Api api) {
        api.post("/api/bots", ctx -> createBot(api, ctx)).summary("Creates a bot")
                .status(201).response(BehaviorRoutes.BotAnswer.class);
        api.patch("/api/bots/{id}", ctx -> updateBot(api, ctx)).summary("Changes the given fields of a bot")
                .response(BehaviorRoutes.BotAnswer.class);
        api.post("/api/behaviors", ctx -> createBehavior(api, ctx)).summary("Creates a behavior on an event")
                .status(201).response(BehaviorRoutes.BehaviorAnswer.class);
        api.patch("/api/behaviors/{id}", ctx -> updateBehavior(api, ctx))
                .summary("Changes the given fields of a behavior").response(BehaviorRoutes.BehaviorAnswer.class);
        api.get("/api/behaviors/{id}/tree", ctx -> api.json(ctx, 200, tree(currentTree(behavior(ctx).id()))))
                .summary("A behavior's tree: the draft if there is one, else the live tree").response(TreeAnswer.class);
        api.put("/api/behaviors/{id}/tree", ctx -> saveTree(api, ctx))
                .summary("Saves a behavior's tree as its draft (version: the one read)").response(TreeAnswer.class);
        api.post("/api/behaviors/{id}/publish", ctx -> publish(api, ctx))
                .summary("Makes a behavior's draft its live tree").response(TreeAnswer.class);
        api.get("/api/behaviors/{id}/revisions", ctx -> {
            Behavior b = behavior(ctx);
            BehaviorTrees.Tree t = currentTree(b.id());
            List<Object> out = new ArrayList<>();
            for (BehaviorTrees.Revision r : store.database().read(sql -> trees.revisions(sql, b.id()))) {
                Map<String, Object> m = revision(r);
                m.put("live", Integer.valueOf(r.number()).equals(t.liveRevision()));
                m.put("draft", Integer.valueOf(r.number()).equals(t.draft()));
                out.add(m);
            }
            api.json(ctx, 200, Map.of("revisions", out));
        }).summary("A behavior's tree revisions, newest first").response(RevisionList.class);
        api.get("/api/behaviors/{id}/revisions/{number}", ctx -> {
            BehaviorTrees.Revision r = revision(behavior(ctx).id(), ctx);
            Map<String, Object> out = revision(r);
            out.put("nodes", r.nodes());
            api.json(ctx, 200, out);
        }).summary("One revision with its tree").response(RevisionList.Revision.class);
        api.post("/api/behaviors/{id}/revisions/{number}/rollback", ctx -> rollback(api, ctx))
                .summary("Makes a revision's tree live again, as a new revision").response(TreeAnswer.class);
        api.get("/api/behaviors/{id}/diff", ctx -> {
            Behavior b = behavior(ctx);
            String from = ctx.queryParamAsClass("from", String.class).getOrDefault("live");
            String to = ctx.queryParamAsClass("to", String.class).getOrDefault("draft");
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("from", from);
            out.put("to", to);
            out.put("changes", TreeDiff.diff(nodesAt(b, from, "from"), nodesAt(b, to, "to"), "nodes"));
            api.json(ctx, 200, out);
        }).summary("The changes between two trees (from, to: live, draft or a revision number)")
                .response(DiffAnswer.class);
        api.get("/api/behaviors/{id}/placeholders", ctx -> api.json(ctx, 200, placeholders(behavior(ctx))))
                .summary("The placeholders and conditions a behavior's tree can use").response(PlaceholderList.class);
    }

    // --- bots ---------------------------------------------------------------------------------------------------

    private void createBot(Api api, Context ctx) {
        EditorInput in = new EditorInput(api.bodyMap(ctx), Set.of("name", "config", "is_disabled"));
        String name = in.text("name", MAX_NAME, true);
        Map<String, Object> config = in.object("config");
        boolean disabled = flag(in, "is_disabled");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("config", config == null ? Map.of() : config);
        long id = store.database().write(sql -> {
            long created = store.insertBot(sql, new BehaviorStore.NewBot(null, name, disabled, params, APP_OWNER, null));
            audit.record(sql, Api.principal(ctx), "bot.create", "bot:" + created, Map.of("name", name));
            return created;
        });
        api.json(ctx, 201, BehaviorRoutes.bot(store.bot(id).orElseThrow(), true));
    }

    /** {@code name} and {@code config}; a config value sent as the mask keeps the secret it stands for. */
    private void updateBot(Api api, Context ctx) {
        long id = Api.idParam(ctx, "id");
        Bot bot = store.bot(id).orElseThrow(() -> BehaviorRoutes.notFound("bot", ctx));
        EditorInput in = new EditorInput(api.bodyMap(ctx), Set.of("name", "config"));
        String name = in.has("name") ? in.text("name", MAX_NAME, true) : bot.name();
        Map<String, Object> params = new LinkedHashMap<>(bot.params() == null ? Map.of() : bot.params());
        Map<String, Object> config = in.object("config");
        if (config != null) {
            Map<String, Object> merged = new LinkedHashMap<>();
            Map<?, ?> real = bot.config() instanceof Map<?, ?> m ? m : Map.of();
            config.forEach((k, v) -> merged.put(k, Secrets.MASK.equals(v) && real.containsKey(k) ? real.get(k) : v));
            params.put("config", merged);
        }
        store.database().write(sql -> {
            store.updateBot(sql, id, new BehaviorStore.NewBot(bot.uid(), name, bot.disabled(), params, bot.owner(),
                    bot.image(), bot.secretConfig()));
            audit.record(sql, Api.principal(ctx), "bot.update", "bot:" + id,
                    Map.of("fields", Stream.of("name", "config").filter(in::has).toList()));
            return null;
        });
        api.json(ctx, 200, BehaviorRoutes.bot(store.bot(id).orElseThrow(), true));
    }

    // --- behaviors ----------------------------------------------------------------------------------------------

    private void createBehavior(Api api, Context ctx) {
        EditorInput in = new EditorInput(api.bodyMap(ctx),
                Set.of("bot_id", "title", "event", "priority", "variables", "is_disabled", "event_params"));
        long botId = in.number("bot_id", 1, Long.MAX_VALUE, null);
        String title = in.text("title", MAX_NAME, true);
        String event = in.text("event", 200, true);
        int priority = (int) in.number("priority", 0, 100, 50L);
        Map<String, Object> variables = in.object("variables") == null ? Map.of() : in.object("variables");
        boolean disabled = flag(in, "is_disabled");
        Map<String, Object> eventParams = eventParams(in, event);
        if (store.bot(botId).isEmpty()) {
            throw new HttpStatusException(422, "no bot with id " + botId, "bot_id");
        }
        if (engine.plugins().extensions().event(event).isEmpty()) {
            throw new HttpStatusException(422, "Unknown event '" + event + "' (GET /api/events lists them; is the"
                    + " plugin that provides it installed and enabled?)", "event");
        }
        engine.validator().validateTree(event, variables, List.of());
        long id = store.database().write(sql -> {
            long created = store.insertBehavior(sql, new BehaviorStore.NewBehavior(null, botId, title, event, priority,
                    disabled, false, variables, List.of(), eventParams));
            trees.created(sql, created, List.of(), Api.principal(ctx));
            audit.record(sql, Api.principal(ctx), "behavior.create", "behavior:" + created,
                    Map.of("bot_id", botId, "title", title, "event", event));
            return created;
        });
        api.json(ctx, 201, BehaviorRoutes.behavior(store.behavior(id).orElseThrow(), true));
    }

    /** {@code title}, {@code priority} and {@code variables}; new variables are checked against both trees. */
    private void updateBehavior(Api api, Context ctx) {
        Behavior b = behavior(ctx);
        EditorInput in = new EditorInput(api.bodyMap(ctx), Set.of("title", "priority", "variables", "event_params"));
        String title = in.has("title") ? in.text("title", MAX_NAME, true) : b.title();
        int priority = (int) in.number("priority", 0, 100, (long) b.priority());
        Map<String, Object> variables = in.has("variables") ? in.object("variables") : b.variables();
        if (in.has("variables")) {
            engine.validator().validateTree(b.eventId(), variables, b.nodes());
            engine.validator().validateTree(b.eventId(), variables, currentTree(b.id()).nodes());
        }
        Map<String, Object> eventParams = in.has("event_params") ? eventParams(in, b.eventId()) : null;
        store.database().write(sql -> {
            store.updateSettings(sql, b.id(), title, priority, variables);
            if (eventParams != null) {
                store.setEventParams(sql, b.id(), eventParams);
            }
            audit.record(sql, Api.principal(ctx), "behavior.update", "behavior:" + b.id(), Map.of("fields",
                    Stream.of("title", "priority", "variables", "event_params").filter(in::has).toList()));
            return null;
        });
        api.json(ctx, 200, BehaviorRoutes.behavior(store.behavior(b.id()).orElseThrow(), true));
    }

    /** {@code event_params} (an object; absent: none), checked for the event (a recurrent behavior's schedule). */
    private static Map<String, Object> eventParams(EditorInput in, String event) {
        Map<String, Object> params = in.object("event_params") == null ? Map.of() : in.object("event_params");
        try {
            Recurrence.check(event, params);
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(422, e.getMessage(), "event_params");
        }
        return params;
    }

    // --- trees --------------------------------------------------------------------------------------------------

    private void saveTree(Api api, Context ctx) {
        Behavior b = behavior(ctx);
        EditorInput in = new EditorInput(api.bodyMap(ctx), Set.of("version", "nodes", "note"));
        long version = in.number("version", 0, Long.MAX_VALUE, null);
        List<?> nodes = in.array("nodes");
        String note = in.note("note", BehaviorTrees.MAX_NOTE);
        engine.validator().validateTree(b.eventId(), b.variables(), nodes);
        writeTree(api, ctx, b.id(), "behavior.tree.save",
                sql -> trees.saveDraft(sql, b.id(), version, nodes, Api.principal(ctx), note),
                t -> Map.of("revision", t.draft()));
    }

    /** Validates the draft once more (a plugin may have been disabled since it was saved), then makes it live. */
    private void publish(Api api, Context ctx) {
        Behavior b = behavior(ctx);
        EditorInput in = new EditorInput(api.bodyMap(ctx), Set.of("version"));
        long version = in.number("version", 0, Long.MAX_VALUE, null);
        BehaviorTrees.Tree current = currentTree(b.id());
        if (current.version() != version) {
            throw BehaviorTrees.stale(b.id(), version, current.version());
        }
        if (current.draft() == null) {
            throw new HttpStatusException(409, "behavior " + b.id() + " has no draft to publish");
        }
        engine.validator().validateTree(b.eventId(), b.variables(), current.nodes());
        writeTree(api, ctx, b.id(), "behavior.publish", sql -> trees.publish(sql, b.id(), version),
                t -> Map.of("revision", t.liveRevision()));
    }

    private void rollback(Api api, Context ctx) {
        Behavior b = behavior(ctx);
        BehaviorTrees.Revision to = revision(b.id(), ctx);
        EditorInput in = new EditorInput(api.bodyMap(ctx), Set.of("version", "note"));
        long version = in.number("version", 0, Long.MAX_VALUE, null);
        String note = in.note("note", BehaviorTrees.MAX_NOTE);
        engine.validator().validateTree(b.eventId(), b.variables(), to.nodes());
        writeTree(api, ctx, b.id(), "behavior.rollback",
                sql -> trees.rollback(sql, b.id(), version, to, Api.principal(ctx), note),
                t -> Map.of("to", to.number(), "revision", t.liveRevision()));
    }

    /** One tree write and its audit record in one transaction; answers with the tree document. */
    private void writeTree(Api api, Context ctx, long behaviorId, String action,
                           Function<Sql, BehaviorTrees.Tree> write,
                           Function<BehaviorTrees.Tree, Map<String, Object>> details) {
        BehaviorTrees.Tree written = store.database().write(sql -> {
            BehaviorTrees.Tree t = write.apply(sql);
            audit.record(sql, Api.principal(ctx), action, "behavior:" + behaviorId, details.apply(t));
            return t;
        });
        api.json(ctx, 200, tree(written));
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private Behavior behavior(Context ctx) {
        return store.behavior(Api.idParam(ctx, "id")).orElseThrow(() -> BehaviorRoutes.notFound("behavior", ctx));
    }

    private BehaviorTrees.Tree currentTree(long behaviorId) {
        return store.database().read(sql -> trees.tree(sql, behaviorId))
                .orElseThrow(() -> new HttpStatusException(404, "no behavior with id " + behaviorId));
    }

    private BehaviorTrees.Revision revision(long behaviorId, Context ctx) {
        return revision(behaviorId, ctx.pathParam("number"), "number");
    }

    private BehaviorTrees.Revision revision(long behaviorId, String raw, String field) {
        int number;
        try {
            number = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new HttpStatusException(400, "'" + field + "' must be a revision number, 'live' or 'draft'", field);
        }
        return store.database().read(sql -> trees.revision(sql, behaviorId, number)).orElseThrow(() ->
                new HttpStatusException(404, "behavior " + behaviorId + " has no revision " + number));
    }

    /** A tree by name: {@code live}, {@code draft} (the live tree when there is none) or a revision number. */
    private Object nodesAt(Behavior b, String which, String field) {
        return switch (which) {
            case "live" -> b.nodes();
            case "draft" -> currentTree(b.id()).nodes();
            default -> revision(b.id(), which, field).nodes();
        };
    }

    /** What the condition builder offers: every name a condition may test, and the event's own conditions. */
    private Map<String, Object> placeholders(Behavior b) {
        Extensions ext = engine.plugins().extensions();
        EventType event = ext.event(b.eventId()).map(r -> r.extension()).orElseThrow(() ->
                new HttpStatusException(409, "the event '" + b.eventId() + "' of behavior " + b.id()
                        + " is not available (is the plugin that provides it enabled?)"));
        List<Node> tree = dev.switchboard.host.engine.TreeParser.parse(currentTree(b.id()).nodes(), "nodes");
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Placeholder p : event.placeholders()) {
            byName.put(p.name(), entry(p.name(), p.type(), p.description(), "event"));
        }
        b.variables().forEach((key, def) -> byName.putIfAbsent(key, entry(key,
                def instanceof Map<?, ?> d && d.get("type") != null ? String.valueOf(d.get("type")) : "text",
                def instanceof Map<?, ?> d && d.get("label") != null ? String.valueOf(d.get("label")) : "",
                "variable")));
        for (String name : Placeholders.known(tree, event, b.variables(), ext)) {
            boolean condition = event.conditions().stream().anyMatch(c -> c.id().equals(name));
            if (!condition) {
                byName.putIfAbsent(name, entry(name, "any", "", name.startsWith("va_") ? "bot"
                        : name.startsWith("behavior_") ? "behavior" : "tree"));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event", b.eventId());
        out.put("placeholders", List.copyOf(byName.values()));
        out.put("conditions", event.conditions().stream().map(c -> Map.of("id", c.id(), "label", c.label()))
                .toList());
        return out;
    }

    private static Map<String, Object> entry(String name, String type, String description, String source) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("type", type);
        m.put("description", description);
        m.put("source", source);
        return m;
    }

    private static Map<String, Object> tree(BehaviorTrees.Tree t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", t.version());
        m.put("draft", t.draft() != null);
        m.put("draft_revision", t.draft());
        m.put("live_revision", t.liveRevision());
        m.put("nodes", t.nodes());
        return m;
    }

    private static Map<String, Object> revision(BehaviorTrees.Revision r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", r.number());
        m.put("author", r.author());
        m.put("note", r.note());
        m.put("created_at", r.createdAt());
        return m;
    }

    private static boolean flag(EditorInput in, String field) {
        Object v = in.raw(field);
        if (v != null && !(v instanceof Boolean)) {
            throw new HttpStatusException(400, "'" + field + "' must be true or false", field);
        }
        return Boolean.TRUE.equals(v);
    }

    /** A behavior's tree as the API answers it, for the API document. */
    record TreeAnswer(long version, boolean draft, @Field(required = false) Integer draftRevision,
                      @Field(required = false) Integer liveRevision, @Field(required = false) List<Object> nodes) {
    }

    record RevisionList(List<Revision> revisions) {
        record Revision(int number, @Field(required = false) String author, @Field(required = false) String note,
                        long createdAt) {
        }
    }

    record DiffAnswer(String from, String to, List<Map<String, Object>> changes) {
    }

    record PlaceholderList(String event, List<Map<String, Object>> placeholders, List<Map<String, Object>> conditions) {
    }
}
