package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.Row;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A webhook listener: its URL's secret guid and the behavior it runs. Limits are null when the config default
 * applies; {@code logMode} says whether an answer waits for its request-log row to be committed;
 * {@code runTimeoutMs} is the run's deadline (null: the host's {@code engine.run_timeout_ms}).
 */
record Listener(long id, String uid, String name, String guid, long behaviorId, Long bodyLimit, Integer rateLimit,
                Integer maxConcurrent, LogMode logMode, Long runTimeoutMs, long updatedAt) {
    /** Cerb's engine extension id for "run a bot behavior". */
    static final String EXTENSION_ID = "cerb.webhooks.listener.engine.va";

    static Listener of(Row row) {
        return new Listener(row.getLong("id"), row.getString("uid"), row.getString("name"), row.getString("guid"),
                row.getLong("behavior_id"), row.getLong("body_limit"), integer(row.getLong("rate_limit")),
                integer(row.getLong("max_concurrent")), LogMode.stored(row.getString("log_mode")),
                row.getLong("run_timeout_ms"), row.getLong("updated_at"));
    }

    private static Integer integer(Long value) {
        return value == null ? null : value.intValue();
    }

    /** The API's JSON shape. */
    Map<String, Object> toJson(String baseUrl) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("name", name);
        out.put("guid", guid);
        out.put("url", baseUrl + "/webhooks/" + guid);
        out.put("behavior_id", behaviorId);
        out.put("extension_id", EXTENSION_ID);
        out.put("extension_params", Map.of("behavior_id", behaviorId));
        out.put("body_limit", bodyLimit);
        out.put("rate_limit", rateLimit);
        out.put("max_concurrent", maxConcurrent);
        out.put("log_mode", logMode.id());
        out.put("run_timeout_ms", runTimeoutMs);
        out.put("updated_at", updatedAt);
        return out;
    }
}
