package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.Field;
import dev.switchboard.api.HttpRequest;
import dev.switchboard.api.HttpResponse;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.PluginHost;
import dev.switchboard.webhooks.WebhooksPlugin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The listener admin API's operations: list, get, create, update, delete, regenerate. Each write bumps the change
 * version and reloads this process's cache after commit, so the next webhook request sees it.
 */
final class ListenerApi {
    private static final long MAX_BODY = 64 * 1024;

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
        Fields in = request.bodyAs(Fields.class, MAX_BODY);
        if (in.name() == null) {
            throw new HttpStatusException(422, "name is required", "name");
        }
        Object behavior = in.behavior();
        if (behavior == null) {
            throw new HttpStatusException(422, "behavior_id is required", "behavior_id");
        }
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("body_limit", in.bodyLimit());
        limits.put("rate_limit", in.rateLimit());
        limits.put("max_concurrent", in.maxConcurrent());
        limits.put("log_mode", in.logMode() == null ? null : in.logMode().id());
        limits.put("run_timeout_ms", in.runTimeoutMs());
        Listener created = host.database().write(sql -> {
            long behaviorId = ListenerStore.checkBehavior(host.behaviors(), sql, behavior);
            long id = ListenerStore.insert(sql, null, in.name(), ListenerStore.newGuid(), behaviorId, limits,
                    host.clock().millis());
            sql.afterCommit(this::reload);
            return Listener.of(ListenerStore.requireRow(sql, id));
        });
        audit(request, "webhook_listener.create", created, Map.of("name", created.name(),
                "behavior_id", created.behaviorId()));
        return json(201, created.toJson(host.baseUrl()));
    }

    HttpResponse update(HttpRequest request, long id) {
        Fields in = request.bodyAs(Fields.class, MAX_BODY);
        // Which fields were sent: a limit sent as null is removed, one not sent is kept.
        @SuppressWarnings("unchecked")
        Map<String, Object> sent = request.bodyAs(Map.class, MAX_BODY);
        if (sent.containsKey("name") && in.name() == null) {
            throw new HttpStatusException(422, "name is required", "name");
        }
        Listener updated = host.database().write(sql -> {
            Listener current = Listener.of(ListenerStore.requireRow(sql, id));
            Object behavior = in.behavior();
            long behaviorId = behavior == null ? current.behaviorId()
                    : ListenerStore.checkBehavior(host.behaviors(), sql, behavior);
            String name = in.name() != null ? in.name() : current.name();
            Long bodyLimit = sent.containsKey("body_limit") ? in.bodyLimit() : current.bodyLimit();
            Long rate = sent.containsKey("rate_limit") ? in.rateLimit() : toLong(current.rateLimit());
            Long concurrent = sent.containsKey("max_concurrent") ? in.maxConcurrent()
                    : toLong(current.maxConcurrent());
            LogMode logMode = in.logMode() != null ? in.logMode() : current.logMode();
            Long runTimeout = sent.containsKey("run_timeout_ms") ? in.runTimeoutMs() : current.runTimeoutMs();
            sql.update("UPDATE webhook_listener SET name = ?, behavior_id = ?, body_limit = ?, rate_limit = ?, "
                    + "max_concurrent = ?, log_mode = ?, run_timeout_ms = ?, updated_at = ? WHERE id = ?", name,
                    behaviorId, bodyLimit, rate, concurrent, logMode.id(), runTimeout, host.clock().millis(), id);
            ListenerStore.bump(sql);
            sql.afterCommit(this::reload);
            return Listener.of(ListenerStore.requireRow(sql, id));
        });
        audit(request, "webhook_listener.update", updated, new LinkedHashMap<>(sent));
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

    /**
     * A listener's fields as {@code POST} (create: {@code name} and a behavior required) and {@code PATCH} (change:
     * the fields sent) take them, bound strictly: an unknown field, a wrong type or a value out of range is one 422
     * naming the field. {@code behavior_id}, or Cerb's {@code extension_params.behavior_id}, names a behavior on
     * {@code event.webhook.received}. On create a limit left out or null is no limit; on change a field not sent is
     * kept, a limit sent as null is removed, {@code behavior_id} and {@code log_mode} sent as null are kept and
     * {@code name} sent as null is refused.
     */
    record Fields(@Field(required = false, maxLength = 255) String name,
                  @Field(required = false, min = 1) Long behaviorId,
                  @Field(required = false, maxLength = 200) String extensionId,
                  @Field(required = false) Map<String, Object> extensionParams,
                  @Field(required = false, min = 1) Long bodyLimit,
                  @Field(required = false, min = 1, max = Integer.MAX_VALUE) Long rateLimit,
                  @Field(required = false, min = 1, max = Integer.MAX_VALUE) Long maxConcurrent,
                  @Field(required = false) LogMode logMode,
                  @Field(required = false, min = 10, max = ListenerStore.MAX_RUN_TIMEOUT_MS) Long runTimeoutMs) {
        Fields {
            if (name != null) {
                ListenerStore.checkName(name);
            }
        }

        /** The behavior named, or null. */
        Object behavior() {
            if (behaviorId != null) {
                return behaviorId;
            }
            return extensionParams == null ? null : extensionParams.get("behavior_id");
        }
    }
}
