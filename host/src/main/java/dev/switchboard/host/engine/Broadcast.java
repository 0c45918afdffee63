package dev.switchboard.host.engine;

import dev.switchboard.api.BehaviorRun;
import dev.switchboard.api.HostEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every enabled behavior bound to a committed event, by priority, with the event's data as placeholders
 * (nested maps also flattened Cerb-style: {@code ticket.status} is {@code ticket_status} too). One failing
 * behavior does not stop the others. A behavior whose actions cause further events is followed only a few levels
 * deep, so two behaviors cannot ping-pong forever.
 */
public final class Broadcast implements Consumer<HostEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(Broadcast.class);
    static final int MAX_NESTING = 3;
    private static final ThreadLocal<int[]> NESTING = ThreadLocal.withInitial(() -> new int[1]);

    private final BehaviorCache cache;
    private final Engine engine;

    public Broadcast(BehaviorCache cache, Engine engine) {
        this.cache = cache;
        this.engine = engine;
    }

    @Override
    public void accept(HostEvent event) {
        List<Long> ids = cache.enabledOn(event.id());
        if (ids.isEmpty()) {
            return;
        }
        int[] nesting = NESTING.get();
        if (nesting[0] >= MAX_NESTING) {
            LOG.warn("{}: not running behaviors, events nested {} deep (a behavior triggering itself?)", event.id(),
                    nesting[0]);
            return;
        }
        nesting[0]++;
        try {
            Map<String, Object> placeholders = placeholders(event);
            for (long id : ids) {
                try {
                    cache.get(id).ifPresent(b -> {
                        BehaviorRun run = engine.run(b, placeholders, false);
                        if (!run.errors().isEmpty()) {
                            LOG.warn("behavior {} on {}: {}", id, event.id(), run.errors());
                        }
                    });
                } catch (RuntimeException e) {
                    LOG.error("behavior {} failed on {}", id, event.id(), e);
                }
            }
        } finally {
            nesting[0]--;
        }
    }

    /** The event's data, its nested maps flattened with {@code _} (existing keys win), plus who and when. */
    static Map<String, Object> placeholders(HostEvent event) {
        Map<String, Object> out = new LinkedHashMap<>(event.data());
        flatten("", event.data(), out, 0);
        out.putIfAbsent("event_id", event.id());
        out.putIfAbsent("event_actor", event.actor());
        out.putIfAbsent("event_at", event.at().toString());
        return out;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> out, int depth) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            if (!prefix.isEmpty()) {
                out.putIfAbsent(key, e.getValue());
            }
            if (e.getValue() instanceof Map<?, ?> inner && depth < 3) {
                flatten(key + "_", inner, out, depth + 1);
            }
        }
    }
}
