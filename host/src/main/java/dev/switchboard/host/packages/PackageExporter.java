package dev.switchboard.host.packages;

import dev.switchboard.api.EventType;
import dev.switchboard.host.engine.Behavior;
import dev.switchboard.host.engine.BehaviorEngine;
import dev.switchboard.host.engine.Bot;
import dev.switchboard.host.plugins.Extensions;
import dev.switchboard.host.plugins.Registered;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a bot and its behaviors as a Cerb 8 package (the shape {@link PackageImporter} reads), so that export →
 * import gives the same bot. {@code requires.plugins} lists the plugins whose events and actions it uses, by the id
 * Cerb knows them by where there is one.
 */
public final class PackageExporter {
    /** The actions whose {@code behavior_id} names another behavior. */
    private static final Set<String> BOT_CALLS = Set.of("_run_behavior", "_schedule_behavior", "_unschedule_behavior");
    private final BehaviorEngine engine;

    public PackageExporter(BehaviorEngine engine) {
        this.engine = engine;
    }

    /** The package, or empty when there is no such bot. */
    public Optional<Map<String, Object>> exportBot(long botId) {
        return engine.store().bot(botId).map(bot -> {
            List<Behavior> behaviors = engine.store().behaviors(bot.id(), null);
            Extensions ext = engine.plugins().extensions();
            Set<String> plugins = new LinkedHashSet<>();
            Map<String, String> uids = new LinkedHashMap<>();
            behaviors.forEach(b -> uids.put(String.valueOf(b.id()), uid(b)));
            List<Object> exported = new ArrayList<>();
            for (Behavior b : behaviors) {
                exported.add(behavior(b, ext, plugins, uids));
            }
            Map<String, Object> pkg = new LinkedHashMap<>();
            pkg.put("name", bot.name());
            pkg.put("revision", 1);
            pkg.put("requires", ordered("cerb_version", PackageImporter.FORMAT_VERSION, "plugins",
                    plugins.stream().map(this::exportedId).distinct().toList()));
            List<Object> prompts = new ArrayList<>();
            Map<String, Object> params = secretsAsPrompts(bot, prompts);
            pkg.put("configure", ordered("prompts", prompts, "placeholders", List.of()));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("package", pkg);
            out.put("bots", List.of(bot(bot, params, exported)));
            return out;
        });
    }

    /**
     * The bot's params with each secret config value replaced by a {@code {{{prompt}}}} placeholder, and a hidden
     * prompt for it added to {@code prompts}: the export never holds a secret, and importing it asks for each again.
     */
    private static Map<String, Object> secretsAsPrompts(Bot bot, List<Object> prompts) {
        Map<String, Object> params = bot.maskedParams();
        if (bot.secretConfig().isEmpty() || !(params.get("config") instanceof Map<?, ?> config)) {
            return params;
        }
        Map<String, Object> replaced = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<?, ?> e : config.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!bot.secretConfig().contains(key)) {
                replaced.put(key, e.getValue());
                continue;
            }
            String prompt = key.matches("[A-Za-z0-9_]{1,100}") ? key : "secret_" + (++n);
            replaced.put(key, "{{{" + prompt + "}}}");
            prompts.add(ordered("type", "text", "key", prompt, "label", key, "params", Map.of(), "hidden", true));
        }
        Map<String, Object> out = new LinkedHashMap<>(params);
        out.put("config", replaced);
        return out;
    }

    /**
     * The id a package names a plugin by: its first {@code Plugin-Aliases} entry when it has one, which is Cerb's id
     * (a plugin {@code acme} with {@code Plugin-Aliases: cerb.acme} exports as {@code cerb.acme}), so that Cerb can import the package too; this host reads
     * both.
     */
    private String exportedId(String pluginId) {
        return engine.plugins().find(pluginId).filter(p -> !p.aliases().isEmpty()).map(p -> p.aliases().get(0))
                .orElse(pluginId);
    }

    private static Map<String, Object> bot(Bot bot, Map<String, Object> params, List<Object> behaviors) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uid", bot.uid() == null || bot.uid().isBlank() ? "bot_" + bot.id() : bot.uid());
        m.put("name", bot.name());
        m.put("owner", bot.owner());
        m.put("is_disabled", bot.disabled());
        m.put("params", params);
        if (bot.image() != null) {
            m.put("image", bot.image());
        }
        m.put("behaviors", behaviors);
        return m;
    }

    private static String uid(Behavior b) {
        return b.uid() == null || b.uid().isBlank() ? "behavior_" + b.id() : b.uid();
    }

    private static Map<String, Object> behavior(Behavior b, Extensions ext, Set<String> plugins,
                                                Map<String, String> uids) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uid", uid(b));
        m.put("title", b.title());
        m.put("is_disabled", b.disabled());
        m.put("is_private", b.isPrivate());
        m.put("priority", b.priority());
        Optional<Registered<EventType>> event = ext.event(b.eventId());
        event.map(Registered::pluginId).filter(p -> !p.equals("host")).ifPresent(plugins::add);
        Map<String, Object> ev = ordered("key", b.eventId(), "label",
                event.map(e -> e.extension().label()).orElse(b.eventId()));
        if (!b.eventParams().isEmpty()) {
            ev.put("params", b.eventParams());
        }
        m.put("event", ev);
        m.put("variables", b.variables());
        m.put("nodes", withUidCalls(b.nodes(), uids));
        collectPlugins(b.nodes(), ext, plugins);
        return m;
    }

    /**
     * A copy of the nodes in which the bot-call actions' {@code behavior_id} naming a behavior of this export
     * becomes {@code {{{uid.<its uid>}}}}, so the imported package calls the behavior it brought, not the id the
     * exporting host gave it (Cerb's own exporter leaves the number). Ids of behaviors on other bots stay numbers.
     */
    private static Object withUidCalls(Object nodes, Map<String, String> uids) {
        if (nodes instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), withUidCalls(v, uids)));
            if (m.get("action") instanceof String id && BOT_CALLS.contains(id) && m.get("behavior_id") != null) {
                String uid = uids.get(String.valueOf(m.get("behavior_id")).strip());
                if (uid != null && uid.matches("[A-Za-z0-9_]+")) { // what {{{uid.x}}} can name
                    copy.put("behavior_id", "{{{uid." + uid + "}}}");
                }
            }
            return copy;
        }
        if (nodes instanceof List<?> l) {
            return l.stream().map(v -> withUidCalls(v, uids)).toList();
        }
        return nodes;
    }

    private static void collectPlugins(Object nodes, Extensions ext, Set<String> plugins) {
        if (nodes instanceof Map<?, ?> m) {
            if (m.get("action") instanceof String id) {
                ext.action(id).map(Registered::pluginId).filter(p -> !p.equals("host")).ifPresent(plugins::add);
            }
            m.values().forEach(v -> collectPlugins(v, ext, plugins));
        } else if (nodes instanceof List<?> l) {
            l.forEach(v -> collectPlugins(v, ext, plugins));
        }
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(String.valueOf(kv[i]), kv[i + 1]);
        }
        return m;
    }

}
