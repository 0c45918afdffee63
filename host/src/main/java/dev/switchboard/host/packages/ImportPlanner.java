package dev.switchboard.host.packages;

import static dev.switchboard.host.packages.PackageJson.list;
import static dev.switchboard.host.packages.PackageJson.map;
import static dev.switchboard.host.packages.PackageJson.object;
import static dev.switchboard.host.packages.PackageJson.requireKeys;

import dev.switchboard.api.RecordType;
import dev.switchboard.api.Templates;
import dev.switchboard.host.cron.Recurrence;
import dev.switchboard.host.engine.Behavior;
import dev.switchboard.host.engine.BehaviorEngine;
import dev.switchboard.host.engine.BehaviorStore;
import dev.switchboard.host.engine.InvalidBehaviorException;
import dev.switchboard.host.engine.Values;
import dev.switchboard.host.packages.ImportPlan.BehaviorPlan;
import dev.switchboard.host.packages.ImportPlan.BotPlan;
import dev.switchboard.host.packages.ImportPlan.NodePlan;
import dev.switchboard.host.packages.ImportPlan.RecordPlan;
import dev.switchboard.host.plugins.Registered;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes an {@link ImportPlan} from a package: the shape Cerb requires, {@code {{{ }}}} substitution, and the
 * behavior validator on every behavior. Reads (the bots a top-level behavior names, the record-type registry) but
 * never writes, so it runs once with stand-in ids before the transaction and once with the real ids inside it.
 */
final class ImportPlanner {
    static final List<String> BOT_KEYS = List.of("uid", "name", "owner", "is_disabled", "params", "behaviors");
    /** Cerb's required keys of a {@code behavior_nodes[]} fragment. */
    static final List<String> NODE_KEYS = List.of("uid", "behavior_id", "parent_id", "title");
    private static final Pattern TREE_PATH = Pattern.compile("^behavior_nodes\\.nodes\\[(\\d+)\\]");
    static final List<String> BEHAVIOR_KEYS = List.of("uid", "title", "is_disabled", "is_private", "priority",
            "event", "nodes");

    private final BehaviorEngine engine;
    private final Templates templates;

    ImportPlanner(BehaviorEngine engine, Templates templates) {
        this.engine = engine;
        this.templates = templates;
    }

    /** Every uid the package defines, with the path that defines it; a duplicate is refused. */
    Map<String, String> collectUids(Map<String, Object> root) {
        Map<String, String> uids = new LinkedHashMap<>();
        List<?> bots = list(root, "bots", "bots");
        for (int i = 0; i < bots.size(); i++) {
            Map<String, Object> bot = object(bots.get(i), "bots[" + i + "]");
            addUid(uids, bot.get("uid"), "bots[" + i + "].uid");
            List<?> behaviors = bot.get("behaviors") instanceof List<?> l ? l : List.of();
            for (int j = 0; j < behaviors.size(); j++) {
                String p = "bots[" + i + "].behaviors[" + j + "]";
                addUid(uids, object(behaviors.get(j), p).get("uid"), p + ".uid");
            }
        }
        List<?> behaviors = list(root, "behaviors", "behaviors");
        for (int i = 0; i < behaviors.size(); i++) {
            addUid(uids, object(behaviors.get(i), "behaviors[" + i + "]").get("uid"), "behaviors[" + i + "].uid");
        }
        List<?> records = list(root, "records", "records");
        for (int i = 0; i < records.size(); i++) {
            addUid(uids, object(records.get(i), "records[" + i + "]").get("uid"), "records[" + i + "].uid");
        }
        return uids;
    }

    private static void addUid(Map<String, String> uids, Object uid, String path) {
        if (uid == null || String.valueOf(uid).isBlank()) {
            return; // reported as a missing property by the shape check
        }
        String u = String.valueOf(uid);
        if (uids.put(u, path) != null) {
            throw new PackageException(422, "Duplicate uid '" + u + "'", path);
        }
    }

    /**
     * @param root  the package with {@code bots} and {@code behaviors} substituted
     * @param ids   uid → id (stand-ins before the transaction, real ids inside it)
     */
    ImportPlan plan(Map<String, Object> root, Map<String, Object> ids) {
        List<BotPlan> bots = new ArrayList<>();
        List<BehaviorPlan> behaviors = new ArrayList<>();
        List<RecordPlan> records = new ArrayList<>();
        Map<Long, String> botUidById = new HashMap<>();
        List<?> botList = list(root, "bots", "bots");
        for (int i = 0; i < botList.size(); i++) {
            String path = "bots[" + i + "]";
            Map<String, Object> bot = object(botList.get(i), path);
            requireKeys(bot, BOT_KEYS, "bot", path);
            String uid = String.valueOf(bot.get("uid"));
            bots.add(new BotPlan(uid, newBot(bot, path), path));
            botUidById.put(((Number) ids.get(uid)).longValue(), uid);
            List<?> bh = bot.get("behaviors") instanceof List<?> l ? l : null;
            if (bh == null) {
                throw new PackageException(422, "Invalid JSON: bot behaviors must be a list", path + ".behaviors");
            }
            for (int j = 0; j < bh.size(); j++) {
                String bp = path + ".behaviors[" + j + "]";
                Map<String, Object> b = object(bh.get(j), bp);
                requireKeys(b, BEHAVIOR_KEYS, "behavior", bp);
                behaviors.add(new BehaviorPlan(String.valueOf(b.get("uid")), uid, 0, newBehavior(b, 0, bp), bp));
            }
        }
        List<?> top = list(root, "behaviors", "behaviors");
        for (int i = 0; i < top.size(); i++) {
            String bp = "behaviors[" + i + "]";
            Map<String, Object> b = object(top.get(i), bp);
            List<String> keys = new ArrayList<>(BEHAVIOR_KEYS);
            keys.add("bot_id");
            requireKeys(b, keys, "behavior", bp);
            Double botId = Values.number(b.get("bot_id"));
            if (botId == null || botId != Math.rint(botId)) {
                throw new PackageException(422, "Invalid JSON: behavior bot_id must be a bot id or {{{uid.<bot>}}}",
                        bp + ".bot_id");
            }
            long id = botId.longValue();
            String botUid = botUidById.get(id);
            if (botUid == null && (id <= 0 || engine.store().bot(id).isEmpty())) {
                throw new PackageException(422, "No bot with id " + id, bp + ".bot_id");
            }
            behaviors.add(new BehaviorPlan(String.valueOf(b.get("uid")), botUid, botUid == null ? id : 0,
                    newBehavior(b, 0, bp), bp));
        }
        List<?> recs = list(root, "records", "records");
        for (int i = 0; i < recs.size(); i++) {
            String rp = "records[" + i + "]";
            Map<String, Object> r = object(recs.get(i), rp);
            requireKeys(r, List.of("uid", "_context"), "record", rp);
            String context = String.valueOf(r.get("_context"));
            Optional<Registered<RecordType>> type = engine.plugins().extensions().recordType(context);
            if (type.isEmpty()) {
                throw new PackageException(422, "Unknown record type '" + context
                        + "' (is the plugin that provides it installed and enabled?)", rp + "._context");
            }
            records.add(new RecordPlan(String.valueOf(r.get("uid")), context, type.get(), rp));
        }
        for (BehaviorPlan b : behaviors) {
            validate(b.behavior(), b.path());
        }
        return new ImportPlan(bots, behaviors, records, nodes(list(root, "behavior_nodes", "behavior_nodes")));
    }

    /**
     * Cerb 9's {@code behavior_nodes[]}: node fragments appended, in order, to existing behaviors; each behavior
     * with its new nodes must pass the validator as a whole (its event, its variables, its subroutines).
     */
    private List<NodePlan> nodes(List<?> fragments) {
        List<NodePlan> out = new ArrayList<>();
        Map<Long, List<Integer>> byBehavior = new LinkedHashMap<>();
        for (int i = 0; i < fragments.size(); i++) {
            String path = "behavior_nodes[" + i + "]";
            Map<String, Object> node = object(fragments.get(i), path);
            requireKeys(node, NODE_KEYS, "behavior node", path);
            Double id = Values.number(node.get("behavior_id"));
            if (id == null || id != Math.rint(id) || id <= 0 || engine.store().behavior(id.longValue()).isEmpty()) {
                throw new PackageException(422, "No behavior with id " + Values.text(node.get("behavior_id")),
                        path + ".behavior_id");
            }
            Object parent = node.get("parent_id");
            Double parentId = parent == null || "".equals(parent) ? Double.valueOf(0) : Values.number(parent);
            if (parentId == null || parentId != 0) {
                throw new PackageException(422, "Behavior node parent_id " + Values.text(parent) + " is not supported:"
                        + " this host's behavior trees have no node ids, so a node can only be added at the top"
                        + " level (parent_id 0)", path + ".parent_id");
            }
            Map<String, Object> stored = new LinkedHashMap<>(node);
            stored.remove("behavior_id");
            stored.remove("parent_id");
            out.add(new NodePlan(Values.text(node.get("uid")), id.longValue(), stored, path));
            byBehavior.computeIfAbsent(id.longValue(), k -> new ArrayList<>()).add(i);
        }
        byBehavior.forEach((id, indexes) -> {
            Behavior b = engine.store().behavior(id).orElseThrow();
            List<Object> tree = appended(b.nodes(), indexes.stream().map(i -> (Object) out.get(i).node()).toList());
            int existing = tree.size() - indexes.size();
            try {
                engine.validator().validate(b.eventId(), b.variables(), tree, "behavior_nodes");
            } catch (InvalidBehaviorException e) {
                throw nodeError(e, existing, indexes, id);
            }
        });
        return out;
    }

    /** A behavior's tree with {@code fragments} added at the end of its top level. */
    static List<Object> appended(Object nodes, List<Object> fragments) {
        List<Object> tree = new ArrayList<>(nodes instanceof List<?> l ? l : List.of());
        tree.addAll(fragments);
        return tree;
    }

    /** The validator's error with its path put back on the package's fragment (or on the behavior it names). */
    private static PackageException nodeError(InvalidBehaviorException e, int existing, List<Integer> indexes,
                                              long behaviorId) {
        String msg = e.getMessage().replace(" (at " + e.path() + ")", "");
        Matcher m = TREE_PATH.matcher(e.path() == null ? "" : e.path());
        if (!m.find()) {
            return new PackageException(422, msg, e.path());
        }
        int n = Integer.parseInt(m.group(1));
        String where = n >= existing ? "behavior_nodes[" + indexes.get(n - existing) + "]"
                : "behavior " + behaviorId + " nodes[" + n + "]";
        return new PackageException(422, msg, where + e.path().substring(m.end()));
    }

    /** The behavior validator's verdict, in the package error's words and path convention. */
    void validate(BehaviorStore.NewBehavior b, String path) {
        try {
            engine.validator().validate(b.eventId(), b.variables(), b.nodes(), path);
        } catch (InvalidBehaviorException e) {
            String msg = e.getMessage().replace(" (at " + e.path() + ")", "");
            throw new PackageException(422, msg, e.path());
        }
    }

    private static BehaviorStore.NewBot newBot(Map<String, Object> bot, String path) {
        String name = String.valueOf(bot.get("name")).trim();
        if (name.isEmpty() || name.length() > 255) {
            throw new PackageException(422, "Invalid JSON: bot name must be 1–255 characters", path + ".name");
        }
        Map<String, Object> params = bot.get("params") instanceof Map<?, ?> m ? map(m) : new LinkedHashMap<>();
        Map<String, Object> owner = bot.get("owner") instanceof Map<?, ?> m ? map(m) : new LinkedHashMap<>();
        Object image = bot.get("image");
        return new BehaviorStore.NewBot(String.valueOf(bot.get("uid")), name, Values.truthy(bot.get("is_disabled")),
                params, owner, image == null ? null : String.valueOf(image));
    }

    static BehaviorStore.NewBehavior newBehavior(Map<String, Object> b, long botId, String path) {
        String title = b.get("title") == null ? "" : String.valueOf(b.get("title")).trim();
        if (title.isEmpty() || title.length() > 255) {
            throw new PackageException(422, "Invalid JSON: behavior title must be 1–255 characters", path + ".title");
        }
        Object event = b.get("event");
        String eventId = event instanceof Map<?, ?> e && e.get("key") != null ? String.valueOf(e.get("key"))
                : event instanceof String s ? s : null;
        if (eventId == null || eventId.isBlank()) {
            throw new PackageException(422, "Invalid JSON: behavior event is missing properties (key)",
                    path + ".event");
        }
        int priority = 50;
        if (b.get("priority") != null && !"".equals(b.get("priority"))) {
            Double p = Values.number(b.get("priority"));
            if (p == null || p < 1 || p > 99) {
                throw new PackageException(422, "Invalid JSON: behavior priority must be 1–99", path + ".priority");
            }
            priority = p.intValue();
        }
        Object vars = b.get("variables");
        Map<String, Object> variables = vars instanceof Map<?, ?> m ? map(m) : new LinkedHashMap<>();
        if (vars != null && !(vars instanceof Map) && !(vars instanceof List<?> l && l.isEmpty())) {
            throw new PackageException(422, "Invalid JSON: behavior variables must be an object", path + ".variables");
        }
        Object nodes = b.get("nodes") == null ? List.of() : b.get("nodes");
        Map<String, Object> eventParams = event instanceof Map<?, ?> e && e.get("params") instanceof Map<?, ?> p
                ? map(p) : new LinkedHashMap<>();
        try {
            Recurrence.check(eventId.trim(), eventParams);
        } catch (IllegalArgumentException e) {
            throw new PackageException(422, "Invalid behavior schedule: " + e.getMessage(), path + ".event.params");
        }
        return new BehaviorStore.NewBehavior(b.get("uid") == null ? null : String.valueOf(b.get("uid")), botId, title,
                eventId.trim(), priority, Values.truthy(b.get("is_disabled")), Values.truthy(b.get("is_private")),
                variables, nodes, eventParams);
    }

    /** The package with its bots, behaviors and behavior nodes substituted; records are substituted later. */
    @SuppressWarnings("unchecked")
    Map<String, Object> substitute(Map<String, Object> root, Map<String, Object> variables, Map<String, Object> ids) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("package", root.get("package"));
        Substitution s = new Substitution(templates, withUids(variables, ids));
        for (String section : List.of("bots", "behaviors", "behavior_nodes")) {
            if (root.containsKey(section)) {
                out.put(section, s.apply(root.get(section), section));
            }
        }
        if (root.containsKey("records")) {
            out.put("records", root.get("records"));
        }
        return out;
    }

    static Map<String, Object> withUids(Map<String, Object> variables, Map<String, Object> ids) {
        Map<String, Object> v = new LinkedHashMap<>(variables);
        v.put("uid", new LinkedHashMap<>(ids));
        return v;
    }

    static BehaviorStore.NewBehavior withBot(BehaviorStore.NewBehavior b, long botId) {
        return new BehaviorStore.NewBehavior(b.uid(), botId, b.title(), b.eventId(), b.priority(), b.disabled(),
                b.isPrivate(), b.variables(), b.nodes(), b.eventParams());
    }
}
