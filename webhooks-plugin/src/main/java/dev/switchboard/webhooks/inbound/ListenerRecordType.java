package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.PluginHost;
import dev.switchboard.api.RecordType;
import dev.switchboard.api.Sql;
import dev.switchboard.webhooks.WebhooksPlugin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code webhook_listener} records in packages: {@code name}, optional {@code guid} (generated when absent), and
 * the behavior as {@code behavior_id} or Cerb's {@code extension_params.behavior_id}, and optional {@code log_mode}
 * ({@code durable} by default, or {@code best_effort}).
 */
@Extension
public final class ListenerRecordType implements RecordType {
    private final PluginHost host;
    private final WebhooksPlugin plugin;

    public ListenerRecordType(PluginHost host, WebhooksPlugin plugin) {
        this.host = host;
        this.plugin = plugin;
    }

    @Override
    public String context() {
        return "webhook_listener";
    }

    @Override
    public List<String> aliases() {
        return List.of("cerberusweb.contexts.webhook_listener", "cerb.contexts.webhook.listener");
    }

    @Override
    public long create(Sql sql, Map<String, Object> fields) {
        ListenerStore.checkName(fields.get("name"));
        Object extension = fields.get("extension_id");
        if (extension != null && !Listener.EXTENSION_ID.equals(extension)) {
            throw new HttpStatusException(422, "extension_id must be " + Listener.EXTENSION_ID, "extension_id");
        }
        Object behavior = ListenerStore.behaviorField(fields);
        if (behavior == null) {
            throw new HttpStatusException(422, "extension_params.behavior_id is required",
                    "extension_params.behavior_id");
        }
        long behaviorId = ListenerStore.checkBehavior(host.behaviors(), sql, behavior);
        Object given = fields.get("guid");
        String guid = given == null || given.toString().isBlank() ? ListenerStore.newGuid() : given.toString();
        ListenerStore.checkGuid(guid);
        Object uid = fields.get("uid");
        long id = ListenerStore.insert(sql, uid == null ? null : uid.toString(), fields.get("name").toString(), guid,
                behaviorId, fields.get("log_mode") == null ? Map.of() : Map.of("log_mode", fields.get("log_mode")),
                host.clock().millis());
        sql.afterCommit(() -> plugin.inbound().listeners().reload());
        return id;
    }

    /** The listener's name, URL and behavior: what to paste into the system that will call it. */
    @Override
    public Map<String, Object> describe(Sql sql, long id) {
        return ListenerStore.byId(sql, id).map(this::summary).orElse(Map.of());
    }

    @Override
    public List<Map<String, Object>> list(Sql sql) {
        return ListenerStore.all(sql).stream().map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", l.id());
            m.putAll(summary(l));
            return m;
        }).toList();
    }

    private Map<String, Object> summary(Listener l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", l.name());
        m.put("url", host.baseUrl() + "/webhooks/" + l.guid());
        m.put("behavior_id", l.behaviorId());
        return m;
    }
}
