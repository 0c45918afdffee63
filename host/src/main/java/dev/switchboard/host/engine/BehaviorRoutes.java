package dev.switchboard.host.engine;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionOutput;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.BehaviorRun;
import dev.switchboard.api.EventType;
import dev.switchboard.api.Field;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.host.audit.AuditLog;
import dev.switchboard.host.http.Api;
import dev.switchboard.host.http.ApiRoutes;
import dev.switchboard.host.plugins.Registered;
import dev.switchboard.host.secrets.Redaction;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Admin API for bots and behaviors: list, get, enable/disable, delete, the simulator, and the registry of events
 * and actions a behavior can use. Every change is audited.
 */
public final class BehaviorRoutes implements ApiRoutes {
    private final BehaviorEngine engine;
    private final AuditLog audit;

    public BehaviorRoutes(BehaviorEngine engine, AuditLog audit) {
        this.engine = engine;
        this.audit = audit;
    }

    @Override
    public void register(Api api) {
        BehaviorStore store = engine.store();
        api.get("/api/bots", ctx -> api.json(ctx, 200, Map.of("bots",
                store.bots().stream().map(b -> bot(b, false)).toList()))).summary("Lists the bots")
                        .response(BotList.class);
        api.get("/api/bots/{id}", ctx -> {
            Bot bot = store.bot(Api.idParam(ctx, "id")).orElseThrow(() -> notFound("bot", ctx));
            Map<String, Object> out = bot(bot, true);
            out.put("behaviors", store.behaviors(bot.id(), null).stream().map(b -> behavior(b, false)).toList());
            api.json(ctx, 200, out);
        }).summary("One bot with its behaviors").response(BotWithBehaviors.class);
        api.post("/api/bots/{id}/enable", ctx -> setBot(api, ctx, false)).summary("Enables a bot")
                .response(BotAnswer.class);
        api.post("/api/bots/{id}/disable", ctx -> setBot(api, ctx, true)).summary("Disables a bot")
                .response(BotAnswer.class);
        api.delete("/api/bots/{id}", ctx -> {
            long id = Api.idParam(ctx, "id");
            boolean found = store.database().write(sql -> {
                boolean ok = store.deleteBot(sql, id);
                if (ok) {
                    audit.record(sql, Api.principal(ctx), "bot.delete", "bot:" + id, Map.of());
                }
                return ok;
            });
            if (!found) {
                throw notFound("bot", ctx);
            }
            ctx.status(204);
        }).summary("Deletes a bot and its behaviors").status(204);

        api.get("/api/behaviors", ctx -> {
            String bot = ctx.queryParam("bot_id");
            Long botId = bot == null || bot.isBlank() ? null : parseId(bot, "bot_id");
            api.json(ctx, 200, Map.of("behaviors", store.behaviors(botId, ctx.queryParam("event")).stream()
                    .map(b -> behavior(b, false)).toList()));
        }).summary("Lists behaviors (bot_id, event)").response(BehaviorList.class);
        api.get("/api/behaviors/{id}", ctx -> api.json(ctx, 200, behavior(store.behavior(Api.idParam(ctx, "id"))
                .orElseThrow(() -> notFound("behavior", ctx)), true)))
                        .summary("One behavior with its variables and live tree").response(BehaviorAnswer.class);
        api.post("/api/behaviors/{id}/enable", ctx -> setBehavior(api, ctx, false)).summary("Enables a behavior")
                .response(BehaviorAnswer.class);
        api.post("/api/behaviors/{id}/disable", ctx -> setBehavior(api, ctx, true)).summary("Disables a behavior")
                .response(BehaviorAnswer.class);
        api.delete("/api/behaviors/{id}", ctx -> {
            long id = Api.idParam(ctx, "id");
            boolean found = store.database().write(sql -> {
                boolean ok = store.deleteBehavior(sql, id);
                if (ok) {
                    audit.record(sql, Api.principal(ctx), "behavior.delete", "behavior:" + id, Map.of());
                }
                return ok;
            });
            if (!found) {
                throw notFound("behavior", ctx);
            }
            ctx.status(204);
        }).summary("Deletes a behavior").status(204);
        api.post("/api/behaviors/{id}/simulate", ctx -> {
            long id = Api.idParam(ctx, "id");
            Map<String, Object> placeholders = api.bodyBytes(ctx).length == 0 ? Map.of() : api.bodyMap(ctx);
            boolean draft = "true".equalsIgnoreCase(ctx.queryParam("draft"));
            CompiledBehavior b = (draft ? engine.behaviors().draft(id) : engine.cache().get(id))
                    .orElseThrow(() -> notFound("behavior", ctx));
            BehaviorRun run = engine.engine().run(b, placeholders, true);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("behavior", behavior(b.behavior(), false));
            out.put("dictionary", simulatorDictionary(run.dictionary(), b.bot()));
            out.put("exited", run.exited());
            out.put("errors", run.errors());
            out.put("trace_text", Engine.traceText(run));
            out.put("trace", run.trace());
            api.json(ctx, 200, out);
        }).summary("Runs a behavior as a simulation and answers its trace (draft=true: the draft)")
                .response(Simulation.class);

        api.get("/api/events", ctx -> api.json(ctx, 200, Map.of("events",
                engine.plugins().extensions().events().stream().map(BehaviorRoutes::event).toList())))
                        .summary("The event types of the host and the started plugins").response(EventList.class);
        api.get("/api/actions", ctx -> {
            String event = ctx.queryParam("event");
            api.json(ctx, 200, Map.of("actions", engine.plugins().extensions().actions().stream()
                    .filter(a -> event == null || event.isBlank() || a.extension().events().isEmpty()
                            || a.extension().events().contains(event))
                    .map(BehaviorRoutes::action).toList()));
        }).summary("The actions, with their params and outputs (event: those it offers)").response(ActionList.class);
    }

    private void setBot(Api api, Context ctx, boolean disabled) {
        long id = Api.idParam(ctx, "id");
        BehaviorStore store = engine.store();
        boolean found = store.database().write(sql -> {
            boolean ok = store.setBotDisabled(sql, id, disabled);
            if (ok) {
                audit.record(sql, Api.principal(ctx), disabled ? "bot.disable" : "bot.enable", "bot:" + id, Map.of());
            }
            return ok;
        });
        if (!found) {
            throw notFound("bot", ctx);
        }
        api.json(ctx, 200, bot(store.bot(id).orElseThrow(), false));
    }

    private void setBehavior(Api api, Context ctx, boolean disabled) {
        long id = Api.idParam(ctx, "id");
        BehaviorStore store = engine.store();
        boolean found = store.database().write(sql -> {
            boolean ok = store.setBehaviorDisabled(sql, id, disabled);
            if (ok) {
                audit.record(sql, Api.principal(ctx), disabled ? "behavior.disable" : "behavior.enable",
                        "behavior:" + id, Map.of());
            }
            return ok;
        });
        if (!found) {
            throw notFound("behavior", ctx);
        }
        api.json(ctx, 200, behavior(store.behavior(id).orElseThrow(), false));
    }

    /** The 404 of a route whose {@code {id}} names no such record. */
    public static HttpStatusException notFound(String what, Context ctx) {
        return new HttpStatusException(404, "no " + what + " with id " + ctx.pathParam("id"));
    }

    private static long parseId(String raw, String name) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new HttpStatusException(400, "query parameter '" + name + "' must be an id", name);
        }
    }

    public static Map<String, Object> bot(Bot b, boolean full) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("uid", b.uid());
        m.put("name", b.name());
        m.put("is_disabled", b.disabled());
        m.put("owner", b.owner());
        m.put("params", b.maskedParams());
        m.put("secret_config", b.secretConfig().stream().sorted().toList());
        if (full) {
            m.put("image", b.image());
        }
        m.put("created_at", b.createdAt());
        m.put("updated_at", b.updatedAt());
        return m;
    }

    /**
     * The simulator's final dictionary as shown: {@code va_config} with the bot's secrets masked, those values
     * scrubbed from everything else, and credential-named entries masked by the one policy.
     */
    @SuppressWarnings("unchecked")
    private static Object simulatorDictionary(Map<String, Object> dict, Bot bot) {
        Map<String, Object> shown = new LinkedHashMap<>(dict);
        shown.remove("va_config");
        shown = (Map<String, Object>) Redaction.maskTree(Redaction.scrub(shown, bot.secretValues()));
        Map<String, Object> out = new LinkedHashMap<>();
        dict.keySet().forEach(k -> out.put(k, k.equals("va_config") ? bot.maskedParams().get("config")
                : null));
        out.putAll(shown);
        return out;
    }

    public static Map<String, Object> behavior(Behavior b, boolean full) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("uid", b.uid());
        m.put("bot_id", b.botId());
        m.put("title", b.title());
        m.put("event", b.eventId());
        if (!b.eventParams().isEmpty()) {
            m.put("event_params", b.eventParams());
        }
        m.put("priority", b.priority());
        m.put("is_disabled", b.disabled());
        m.put("is_private", b.isPrivate());
        if (full) {
            m.put("variables", b.variables());
            m.put("nodes", b.nodes());
        }
        m.put("updated_at", b.updatedAt());
        return m;
    }

    private static Map<String, Object> event(Registered<EventType> r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.extension().id());
        m.put("label", r.extension().label());
        m.put("plugin", r.pluginId());
        m.put("placeholders", r.extension().placeholders());
        m.put("conditions", r.extension().conditions().stream().map(c -> Map.of("id", c.id(), "label", c.label()))
                .toList());
        return m;
    }

    private static Map<String, Object> action(Registered<Action> r) {
        Action a = r.extension();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("aliases", a.aliases());
        m.put("label", a.label());
        m.put("plugin", r.pluginId());
        m.put("events", a.events().stream().sorted().toList());
        m.put("side_effects", a.sideEffects());
        List<Map<String, Object>> params = a.params().stream().map(BehaviorRoutes::param).toList();
        m.put("params", params);
        m.put("outputs", a.outputs().stream().map(BehaviorRoutes::output).toList());
        return m;
    }

    private static Map<String, Object> output(ActionOutput o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", o.name());
        m.put("type", o.type().name().toLowerCase(java.util.Locale.ROOT));
        m.put("description", o.description());
        return m;
    }

    private static Map<String, Object> param(ActionParam p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("type", p.type().name().toLowerCase(java.util.Locale.ROOT));
        m.put("required", p.required());
        m.put("description", p.description());
        if (!p.choices().isEmpty()) {
            m.put("choices", p.choices());
        }
        return m;
    }

    /** A bot as the API answers it, for the API document ({@code image} only for one bot). */
    public record BotAnswer(long id, @Field(required = false) String uid, String name, boolean isDisabled,
                            @Field(required = false) Map<String, Object> owner, Map<String, Object> params,
                            List<String> secretConfig, @Field(required = false) String image, long createdAt,
                            long updatedAt) {
    }

    /** A behavior as the API answers it ({@code variables} and {@code nodes} only for one behavior). */
    public record BehaviorAnswer(long id, @Field(required = false) String uid, long botId, String title, String event,
                                 @Field(required = false) Map<String, Object> eventParams, int priority,
                                 boolean isDisabled, boolean isPrivate,
                                 @Field(required = false) Map<String, Object> variables,
                                 @Field(required = false) List<Object> nodes, long updatedAt) {
    }

    record BotList(List<BotAnswer> bots) {
    }

    record BotWithBehaviors(long id, String name, boolean isDisabled, List<BehaviorAnswer> behaviors) {
    }

    record BehaviorList(List<BehaviorAnswer> behaviors) {
    }

    record Simulation(BehaviorAnswer behavior, Map<String, Object> dictionary, boolean exited, List<String> errors,
                      List<String> traceText, List<Object> trace) {
    }

    record EventList(List<Event> events) {
        record Event(String id, String label, String plugin, List<Map<String, Object>> placeholders,
                     List<Map<String, Object>> conditions) {
        }
    }

    record ActionList(List<ActionAnswer> actions) {
        record ActionAnswer(String id, List<String> aliases, String label, String plugin, List<String> events,
                            boolean sideEffects, List<Map<String, Object>> params, List<Output> outputs) {
        }

        record Output(String name, String type, String description) {
        }
    }
}
