package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.HttpRequest;
import dev.switchboard.api.HttpResponse;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.PluginHost;
import dev.switchboard.webhooks.WebhooksPlugin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The listener admin API's operations: list, get, create, update, delete, regenerate. Each write bumps the change
 * version and reloads this process's cache after commit, so the next webhook request sees it.
 */
final class ListenerApi {
    private static final Set<String> FIELDS = Set.of("name", "behavior_id", "extension_id", "extension_params",
            "body_limit", "rate_limit", "max_concurrent", "log_mode", "run_timeout_ms");

    private final PluginHost host;
    private final WebhooksPlugin plugin;

    ListenerApi(PluginHost host, WebhooksPlugin plugin) {
        this.host = host;
        this.plugin = plugin;
    }

    HttpResponse list() {
        List<Object> out = host.database().read(sql -> ListenerStore.all(sql).stream()
                .map(l -> (Object) l.toJson(host.baseUrl())).toList());
        return json(200, Map.of("listeners", out));
    }

    HttpResponse get(long id) {
        return json(200, host.database().read(sql -> Listener.of(ListenerStore.requireRow(sql, id)))
                .toJson(host.baseUrl()));
    }

    HttpResponse create(HttpRequest request) {
        Map<String, Object> in = ApiInput.object(request, FIELDS);
        ListenerStore.checkName(in.get("name"));
        Object behavior = ListenerStore.behaviorField(in);
        if (behavior == null) {
            throw new HttpStatusException(422, "behavior_id is required", "behavior_id");
        }
        Listener created = host.database().write(sql -> {
            long behaviorId = ListenerStore.checkBehavior(host.behaviors(), sql, behavior);
            long id = ListenerStore.insert(sql, null, in.get("name").toString(), ListenerStore.newGuid(), behaviorId,
                    in, host.clock().millis());
            sql.afterCommit(this::reload);
            return Listener.of(ListenerStore.requireRow(sql, id));
        });
        audit(request, "webhook_listener.create", created, Map.of("name", created.name(),
                "behavior_id", created.behaviorId()));
        return json(201, created.toJson(host.baseUrl()));
    }

    HttpResponse update(HttpRequest request, long id) {
        Map<String, Object> in = ApiInput.object(request, FIELDS);
        if (in.containsKey("name")) {
            ListenerStore.checkName(in.get("name"));
        }
        Listener updated = host.database().write(sql -> {
            Listener current = Listener.of(ListenerStore.requireRow(sql, id));
            Object behavior = ListenerStore.behaviorField(in);
            long behaviorId = behavior == null ? current.behaviorId()
                    : ListenerStore.checkBehavior(host.behaviors(), sql, behavior);
            String name = in.containsKey("name") ? in.get("name").toString() : current.name();
            Long bodyLimit = in.containsKey("body_limit") ? ListenerStore.limit(in, "body_limit")
                    : current.bodyLimit();
            Long rate = in.containsKey("rate_limit") ? ListenerStore.limit(in, "rate_limit")
                    : toLong(current.rateLimit());
            Long concurrent = in.containsKey("max_concurrent") ? ListenerStore.limit(in, "max_concurrent")
                    : toLong(current.maxConcurrent());
            LogMode logMode = in.get("log_mode") != null ? LogMode.of(in.get("log_mode")) : current.logMode();
            Long runTimeout = in.containsKey("run_timeout_ms") ? ListenerStore.runTimeout(in)
                    : current.runTimeoutMs();
            sql.update("UPDATE webhook_listener SET name = ?, behavior_id = ?, body_limit = ?, rate_limit = ?, "
                    + "max_concurrent = ?, log_mode = ?, run_timeout_ms = ?, updated_at = ? WHERE id = ?", name,
                    behaviorId, bodyLimit, rate, concurrent, logMode.id(), runTimeout, host.clock().millis(), id);
            ListenerStore.bump(sql);
            sql.afterCommit(this::reload);
            return Listener.of(ListenerStore.requireRow(sql, id));
        });
        audit(request, "webhook_listener.update", updated, new LinkedHashMap<>(in));
        return json(200, updated.toJson(host.baseUrl()));
    }

    HttpResponse delete(HttpRequest request, long id) {
        Listener gone = host.database().write(sql -> {
            Listener current = Listener.of(ListenerStore.requireRow(sql, id));
            sql.update("DELETE FROM webhook_listener WHERE id = ?", id);
            sql.update("DELETE FROM webhook_request WHERE listener_id = ?", id);
            ListenerStore.bump(sql);
            sql.afterCommit(this::reload);
            return current;
        });
        audit(request, "webhook_listener.delete", gone, Map.of("name", gone.name()));
        return HttpResponse.empty(204);
    }

    HttpResponse regenerate(HttpRequest request, long id) {
        Listener updated = host.database().write(sql -> {
            ListenerStore.requireRow(sql, id);
            sql.update("UPDATE webhook_listener SET guid = ?, updated_at = ? WHERE id = ?", ListenerStore.newGuid(),
                    host.clock().millis(), id);
            ListenerStore.bump(sql);
            sql.afterCommit(this::reload);
            return Listener.of(ListenerStore.requireRow(sql, id));
        });
        audit(request, "webhook_listener.regenerate", updated, Map.of());
        return json(200, updated.toJson(host.baseUrl()));
    }

    private void reload() {
        plugin.inbound().listeners().reload();
    }

    private void audit(HttpRequest request, String action, Listener listener, Map<String, Object> details) {
        host.audit(request.principal(), action, "webhook_listener:" + listener.id(), details);
    }

    private HttpResponse json(int status, Object body) {
        return HttpResponse.json(status, host.json().write(body));
    }

    private static Long toLong(Integer v) {
        return v == null ? null : v.longValue();
    }
}
