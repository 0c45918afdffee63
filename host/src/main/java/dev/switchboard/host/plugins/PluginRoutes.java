package dev.switchboard.host.plugins;

import dev.switchboard.api.Field;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.host.audit.AuditLog;
import dev.switchboard.host.http.Api;
import dev.switchboard.host.http.ApiRoutes;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /api/plugins}, {@code GET /api/plugins/{id}/users} (what disabling it breaks),
 * {@code POST /api/plugins/{id}/enable|disable}. Disabling answers with the behaviors
 * that use the plugin's actions, which will record the missing action until it is enabled again.
 */
public final class PluginRoutes implements ApiRoutes {
    private final PluginSystem plugins;
    private final AuditLog audit;
    private final Function<String, List<Map<String, Object>>> usersOfPlugin;

    public PluginRoutes(PluginSystem plugins, AuditLog audit, Function<String, List<Map<String, Object>>> usersOfPlugin) {
        this.plugins = plugins;
        this.audit = audit;
        this.usersOfPlugin = usersOfPlugin;
    }

    @Override
    public void register(Api api) {
        api.exception(PluginException.class, e -> e.notFound() ? 404 : 409);
        api.get("/api/plugins", ctx -> api.json(ctx, 200, Map.of("plugins", plugins.list())))
                .summary("Lists the plugins with their state").response(PluginList.class);
        api.post("/api/plugins/{id}/enable", ctx -> {
            String id = ctx.pathParam("id");
            String actor = Api.principal(ctx);
            try {
                PluginInfo info = plugins.enable(id, actor);
                audit.record(actor, "plugin.enable", "plugin:" + id, Map.of());
                api.json(ctx, 200, info);
            } catch (PluginException e) {
                if (!e.notFound()) {
                    audit.record(actor, "plugin.enable.failed", "plugin:" + id, Map.of("reason", e.getMessage()));
                }
                throw e;
            }
        }).summary("Enables and starts a plugin").response(PluginAnswer.class);
        api.get("/api/plugins/{id}/users", ctx -> {
            String id = ctx.pathParam("id");
            PluginInfo info = plugins.find(id).orElseThrow(() -> new HttpStatusException(404, "no plugin " + id));
            api.json(ctx, 200, Map.of("plugin", info.id(), "behaviors", usersOfPlugin.apply(info.id())));
        }).summary("The behaviors that use a plugin's events or actions").response(PluginUsers.class);
        api.post("/api/plugins/{id}/disable", ctx -> {
            String id = ctx.pathParam("id");
            List<Map<String, Object>> affected = usersOfPlugin.apply(id);
            PluginInfo info = plugins.disable(id, Api.principal(ctx));
            audit.record(Api.principal(ctx), "plugin.disable", "plugin:" + id,
                    Map.of("affected_behaviors", affected.stream().map(b -> b.get("id")).toList()));
            Map<String, Object> out = info.toMap();
            out.put("affected_behaviors", affected);
            api.json(ctx, 200, out);
        }).summary("Stops and disables a plugin; lists the behaviors that used it").response(DisabledPlugin.class);
    }

    /** A plugin as the API answers it, for the API document. */
    record PluginAnswer(String id, @Field(required = false) String version,
                        @Field(required = false) String description, @Field(required = false) String provider,
                        @Field(required = false) String requires, List<String> aliases,
                        @Field(required = false) String file, boolean enabled, String state,
                        @Field(required = false) String error, List<String> warnings) {
    }

    /** The plugins. */
    record PluginList(List<PluginAnswer> plugins) {
    }

    /** The behaviors using a plugin. */
    record PluginUsers(String plugin, List<Map<String, Object>> behaviors) {
    }

    /** A plugin just disabled, with the behaviors that used it. */
    record DisabledPlugin(String id, boolean enabled, String state, List<Map<String, Object>> affectedBehaviors) {
    }
}
