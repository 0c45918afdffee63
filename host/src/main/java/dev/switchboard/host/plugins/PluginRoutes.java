package dev.switchboard.host.plugins;

import dev.switchboard.host.audit.AuditLog;
import dev.switchboard.host.http.Api;
import dev.switchboard.host.http.ApiRoutes;
import java.util.Map;

/** {@code GET /api/plugins}, {@code POST /api/plugins/{id}/enable|disable}. */
public final class PluginRoutes implements ApiRoutes {
    private final PluginSystem plugins;
    private final AuditLog audit;

    public PluginRoutes(PluginSystem plugins, AuditLog audit) {
        this.plugins = plugins;
        this.audit = audit;
    }

    @Override
    public void register(Api api) {
        api.get("/api/plugins", ctx -> api.json(ctx, 200, Map.of("plugins", plugins.list())));
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
        });
        api.post("/api/plugins/{id}/disable", ctx -> {
            String id = ctx.pathParam("id");
            PluginInfo info = plugins.disable(id, Api.principal(ctx));
            audit.record(Api.principal(ctx), "plugin.disable", "plugin:" + id, Map.of());
            api.json(ctx, 200, info);
        });
    }
}
