package dev.switchboard.host.packages;

import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.RecordType;
import dev.switchboard.api.Sql;
import dev.switchboard.api.Templates;
import dev.switchboard.host.audit.AuditLog;
import dev.switchboard.host.engine.BehaviorEngine;
import dev.switchboard.host.engine.BehaviorStore;
import dev.switchboard.host.engine.InvalidBehaviorException;
import dev.switchboard.host.engine.Values;
import dev.switchboard.host.json.HostJson;
import dev.switchboard.host.plugins.PluginInfo;
import dev.switchboard.host.plugins.Registered;
import dev.switchboard.host.secrets.Redaction;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports Cerb 8 packages: requirements, prompts, random placeholders, {@code {{{ }}}} substitution, bots with
 * their behaviors, top-level behaviors onto a bot, the single-behavior form, and {@code records[]} through the
 * record-type registry. Everything is validated before anything is written; then one transaction writes it all,
 * so a failed import changes nothing.
 */
public final class PackageImporter {
    /** The Cerb package format this host implements ({@code requires.cerb_version} is compared with it). */
    public static final String FORMAT_VERSION = "8.3.0";
    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ123456789";
    private static final Set<String> SECTIONS = Set.of("package", "bots", "behaviors", "records");
    private static final List<String> BOT_KEYS = List.of("uid", "name", "owner", "is_disabled", "params", "behaviors");
    private static final List<String> BEHAVIOR_KEYS = List.of("uid", "title", "is_disabled", "is_private", "priority",
            "event", "nodes");
    /** The prompt a {@code {{{ key|filter }}}} placeholder starts from. */
    private static final Pattern PROMPT_REF = Pattern.compile("\\{\\{\\{\\s*([A-Za-z0-9_]+)");
    private static final List<String> SINGLE_BEHAVIOR_KEYS = List.of("title", "event", "is_private", "is_disabled",
            "nodes");

    private final BehaviorEngine engine;
    private final HostJson json;
    private final Templates templates;
    private final Supplier<String> baseUrl;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    public PackageImporter(BehaviorEngine engine, HostJson json, Templates templates, Supplier<String> baseUrl,
                           AuditLog audit) {
        this.engine = engine;
        this.json = json;
        this.templates = templates;
        this.baseUrl = baseUrl;
        this.audit = audit;
    }

    /**
     * How to import.
     *
     * @param prompts answers to {@code configure.prompts[]}, by prompt key
     * @param botId   the bot the single-behavior form goes onto (null otherwise)
     * @param actor   who imports (audit log)
     */
    public record Options(Map<String, String> prompts, Long botId, String actor) {
        public Options {
            prompts = prompts == null ? Map.of() : Map.copyOf(prompts);
        }
    }

    /**
     * What was created: {@code {"bots": [...], "behaviors": [...], "records": [...]}}; each record carries what its
     * type describes (a listener's {@code name}, {@code url} and {@code behavior_id}).
     */
    public record Result(List<Map<String, Object>> bots, List<Map<String, Object>> behaviors,
                         List<Map<String, Object>> records) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bots", bots);
            m.put("behaviors", behaviors);
            m.put("records", records);
            return m;
        }
    }

    /**
     * Imports a package given as JSON text.
     *
     * @throws PackageException (400 for unreadable JSON, 422 otherwise) naming the JSON path; nothing is written
     */
    public Result importPackage(String text, Options options) {
        Object parsed;
        try {
            parsed = json.parse(text);
        } catch (IllegalArgumentException e) {
            String detail = e.getMessage() == null ? "" : e.getMessage().replaceFirst("^invalid JSON: ", "");
            throw new PackageException(400, "Invalid JSON", detail.isEmpty() ? null : detail.replaceAll("\\s+", " "));
        }
        if (!(parsed instanceof Map<?, ?> raw)) {
            throw new PackageException(422, "Invalid package JSON", "$");
        }
        Map<String, Object> root = map(raw);
        if (!root.containsKey("package") && root.get("behavior") instanceof Map) {
            return importSingleBehavior(root, options);
        }
        if (!(root.get("package") instanceof Map)) {
            throw new PackageException(422, "Invalid package JSON", "package");
        }
        for (String key : root.keySet()) {
            if (!SECTIONS.contains(key)) {
                throw new PackageException(422, "Unsupported package section '" + key
                        + "' (supported: bots, behaviors, records)", key);
            }
        }
        Map<String, Object> pkg = map((Map<?, ?>) root.get("package"));
        checkRequirements(pkg);
        Map<String, Object> variables = configure(pkg, options);

        // Which uids exist, and a stand-in id for each so that the package can be validated before ids exist.
        Map<String, String> uids = collectUids(root);
        Substitution.checkUidReferences(without(root, "package"), "", uids.keySet());
        Map<String, Object> standIns = new LinkedHashMap<>();
        long n = 0;
        for (String uid : uids.keySet()) {
            standIns.put(uid, -(++n));
        }
        Plan plan = plan(substitute(root, variables, standIns), standIns);
        List<Set<String>> botSecrets = secretConfig(root, secretPrompts(pkg));
        Result result = engine.store().database().write(sql -> write(sql, root, variables, plan, botSecrets,
                options));
        return result;
    }

    // --- requirements, prompts, placeholders -----------------------------------------------------------------------

    private void checkRequirements(Map<String, Object> pkg) {
        if (!(pkg.get("requires") instanceof Map<?, ?> requires)) {
            return;
        }
        Object version = requires.get("cerb_version");
        if (version != null && !String.valueOf(version).isBlank()
                && compareVersions(String.valueOf(version).trim(), FORMAT_VERSION) > 0) {
            throw new PackageException(422, String.format("This package requires Cerb version %s or later.",
                    String.valueOf(version).trim()), "package.requires.cerb_version");
        }
        if (requires.get("plugins") instanceof List<?> plugins) {
            for (int i = 0; i < plugins.size(); i++) {
                String id = String.valueOf(plugins.get(i));
                Optional<PluginInfo> p = engine.plugins().find(id);
                if (p.isEmpty() || !p.get().enabled() || !"started".equals(p.get().state())) {
                    throw new PackageException(422, String.format(
                            "This package requires the %s plugin to be installed and enabled.", id),
                            "package.requires.plugins[" + i + "]");
                }
            }
        }
    }

    private Map<String, Object> configure(Map<String, Object> pkg, Options options) {
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, Object> configure = pkg.get("configure") instanceof Map<?, ?> c ? map(c) : Map.of();
        List<?> prompts = configure.get("prompts") instanceof List<?> l ? l : List.of();
        checkPromptAnswers(prompts, options);
        for (int i = 0; i < prompts.size(); i++) {
            String path = "package.configure.prompts[" + i + "]";
            Map<String, Object> prompt = prompts.get(i) instanceof Map<?, ?> m ? map(m) : Map.of();
            String key = prompt.get("key") == null ? "" : String.valueOf(prompt.get("key")).trim();
            if (key.isEmpty()) {
                throw new PackageException(422, "Prompt key is missing.", path);
            }
            String value = options.prompts().get(key);
            if ((value == null || value.isEmpty()) && prompt.get("params") instanceof Map<?, ?> params
                    && params.get("default") != null) {
                value = Values.text(params.get("default"));
            }
            if (value == null || value.isEmpty()) {
                Object label = prompt.get("label") == null ? key : prompt.get("label");
                throw new PackageException(422, String.format("'%s' (%s) is required.", label, key), path);
            }
            vars.put(key, value);
        }
        List<?> placeholders = configure.get("placeholders") instanceof List<?> l ? l : List.of();
        for (int i = 0; i < placeholders.size(); i++) {
            String path = "package.configure.placeholders[" + i + "]";
            Map<String, Object> ph = placeholders.get(i) instanceof Map<?, ?> m ? map(m) : Map.of();
            String key = ph.get("key") == null ? "" : String.valueOf(ph.get("key")).trim();
            if (key.isEmpty()) {
                throw new PackageException(422, "Placeholder key is missing.", path);
            }
            Map<?, ?> params = ph.get("params") instanceof Map<?, ?> m ? m : Map.of();
            String type = ph.get("type") == null ? "random" : String.valueOf(ph.get("type"));
            switch (type) {
                case "random" -> {
                    Double len = params.get("length") == null ? Double.valueOf(8) : Values.number(params.get("length"));
                    if (len == null || len < 1 || len > 1024) {
                        throw new PackageException(422, "Placeholder length must be between 1 and 1024",
                                path + ".params.length");
                    }
                    vars.put(key, randomString(len.intValue()));
                }
                case "text" -> vars.put(key, Values.text(params.get("value")));
                default -> throw new PackageException(422, "Unknown placeholder type '" + type + "' (random, text)",
                        path + ".type");
            }
        }
        vars.put("default", Map.of("base_url", baseUrl.get()));
        return vars;
    }

    /** An answer to a prompt the package does not have is a typo; ignoring it would import without the answer. */
    private static void checkPromptAnswers(List<?> prompts, Options options) {
        Set<String> keys = new LinkedHashSet<>();
        for (Object p : prompts) {
            if (p instanceof Map<?, ?> m && m.get("key") != null) {
                keys.add(String.valueOf(m.get("key")).trim());
            }
        }
        for (String given : options.prompts().keySet()) {
            if (!keys.contains(given)) {
                throw new PackageException(422, keys.isEmpty()
                        ? String.format("Unknown prompt '%s': this package has no prompts.", given)
                        : String.format("Unknown prompt '%s': this package asks for %s.", given,
                                String.join(", ", keys)), "package.configure.prompts");
            }
        }
    }

    /** A random string from the package alphabet, from a CSPRNG. */
    String randomString(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Compares dotted versions numerically ({@code 8.10.0 > 8.3.0}). */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Long.compare(part(x, i), part(y, i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static long part(String[] parts, int i) {
        if (i >= parts.length) {
            return 0;
        }
        String digits = parts[i].replaceAll("^(\\d*).*$", "$1");
        return digits.isEmpty() ? 0 : Long.parseLong(digits.length() > 12 ? digits.substring(0, 12) : digits);
    }

    // --- secrets ------------------------------------------------------------------------------------------------------

    /**
     * The prompts whose answers are secrets: {@code hidden} (on the prompt or in its params, as the sample packages
     * mark signing secrets), type or {@code params.type} {@code password} or {@code hidden}, or a key the
     * {@link Redaction} policy names a credential's.
     */
    static Set<String> secretPrompts(Map<String, Object> pkg) {
        Set<String> out = new LinkedHashSet<>();
        Object configure = pkg.get("configure");
        List<?> prompts = configure instanceof Map<?, ?> c && c.get("prompts") instanceof List<?> l ? l : List.of();
        for (Object o : prompts) {
            if (!(o instanceof Map<?, ?> prompt) || prompt.get("key") == null) {
                continue;
            }
            Map<?, ?> params = prompt.get("params") instanceof Map<?, ?> m ? m : Map.of();
            String key = String.valueOf(prompt.get("key")).trim();
            String type = String.valueOf(prompt.get("type"));
            String paramType = String.valueOf(params.get("type"));
            if (Values.truthy(prompt.get("hidden")) || Values.truthy(params.get("hidden"))
                    || Set.of("password", "hidden").contains(type) || Set.of("password", "hidden").contains(paramType)
                    || Redaction.isSecretName(key)) {
                out.add(key);
            }
        }
        return out;
    }

    /** Per bot of the package, the {@code params.config} keys whose value is made from a secret prompt. */
    private static List<Set<String>> secretConfig(Map<String, Object> root, Set<String> secretPrompts) {
        List<Set<String>> out = new ArrayList<>();
        for (Object o : list(root, "bots", "bots")) {
            Set<String> keys = new LinkedHashSet<>();
            if (o instanceof Map<?, ?> bot && bot.get("params") instanceof Map<?, ?> params
                    && params.get("config") instanceof Map<?, ?> config) {
                config.forEach((k, v) -> {
                    if (v instanceof String text) {
                        Matcher m = PROMPT_REF.matcher(text);
                        while (m.find()) {
                            if (secretPrompts.contains(m.group(1))) {
                                keys.add(String.valueOf(k));
                            }
                        }
                    }
                });
            }
            out.add(keys);
        }
        return out;
    }

    private static BehaviorStore.NewBot withSecrets(BehaviorStore.NewBot b, Set<String> secretConfig) {
        return new BehaviorStore.NewBot(b.uid(), b.name(), b.disabled(), b.params(), b.owner(), b.image(),
                secretConfig);
    }

    // --- shape and validation (no writes) --------------------------------------------------------------------------

    private Map<String, String> collectUids(Map<String, Object> root) {
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

    /** The package after substitution, checked, ready to write. */
    private record Plan(List<BotPlan> bots, List<BehaviorPlan> behaviors, List<RecordPlan> records) {
    }

    private record BotPlan(String uid, BehaviorStore.NewBot bot, String path) {
    }

    /** @param botUid the package bot it belongs to, or null when {@code botId} names an existing bot */
    private record BehaviorPlan(String uid, String botUid, long botId, BehaviorStore.NewBehavior behavior,
                                String path) {
    }

    private record RecordPlan(String uid, String context, Registered<RecordType> type, String path) {
    }

    private Plan plan(Map<String, Object> root, Map<String, Object> standIns) {
        List<BotPlan> bots = new ArrayList<>();
        List<BehaviorPlan> behaviors = new ArrayList<>();
        List<RecordPlan> records = new ArrayList<>();
        Map<Long, String> botUidByStandIn = new HashMap<>();
        List<?> botList = list(root, "bots", "bots");
        for (int i = 0; i < botList.size(); i++) {
            String path = "bots[" + i + "]";
            Map<String, Object> bot = object(botList.get(i), path);
            requireKeys(bot, BOT_KEYS, "bot", path);
            String uid = String.valueOf(bot.get("uid"));
            bots.add(new BotPlan(uid, newBot(bot, path), path));
            botUidByStandIn.put(((Number) standIns.get(uid)).longValue(), uid);
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
            String botUid = botUidByStandIn.get(id);
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
        return new Plan(bots, behaviors, records);
    }

    private void validate(BehaviorStore.NewBehavior b, String path) {
        try {
            engine.validator().validate(b.eventId(), b.variables(), b.nodes(), path);
        } catch (InvalidBehaviorException e) {
            // The validator's own words, with our status and path convention.
            String msg = e.getMessage().replace(" (at " + e.path() + ")", "");
            throw new PackageException(422, msg, e.path());
        }
    }

    private static void requireKeys(Map<String, Object> m, List<String> keys, String what, String path) {
        List<String> missing = keys.stream().filter(k -> !m.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            throw new PackageException(422, String.format("Invalid JSON: %s is missing properties (%s)", what,
                    String.join(", ", missing)), path);
        }
    }

    private BehaviorStore.NewBot newBot(Map<String, Object> bot, String path) {
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

    private BehaviorStore.NewBehavior newBehavior(Map<String, Object> b, long botId, String path) {
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
        return new BehaviorStore.NewBehavior(b.get("uid") == null ? null : String.valueOf(b.get("uid")), botId, title,
                eventId.trim(), priority, Values.truthy(b.get("is_disabled")), Values.truthy(b.get("is_private")),
                variables, nodes);
    }

    // --- the one transaction ---------------------------------------------------------------------------------------

    private Result write(Sql sql, Map<String, Object> original, Map<String, Object> variables, Plan plan,
                         List<Set<String>> botSecrets, Options options) {
        BehaviorStore store = engine.store();
        Map<String, Object> ids = new LinkedHashMap<>();
        // Allocate ids first: {{{uid.x}}} anywhere in the package must see the real ones.
        for (int i = 0; i < plan.bots().size(); i++) {
            BotPlan b = plan.bots().get(i);
            ids.put(b.uid(), store.insertBot(sql, withSecrets(b.bot(), botSecrets.get(i))));
        }
        for (BehaviorPlan b : plan.behaviors()) {
            long botId = b.botUid() != null ? (Long) ids.get(b.botUid()) : b.botId();
            ids.put(b.uid(), store.insertBehavior(sql, withBot(b.behavior(), botId)));
        }
        Map<String, Object> root = substitute(original, variables, ids);
        Plan real = plan(root, ids);
        List<Map<String, Object>> bots = new ArrayList<>();
        for (int i = 0; i < real.bots().size(); i++) {
            BotPlan b = real.bots().get(i);
            long id = (Long) ids.get(b.uid());
            store.updateBot(sql, id, withSecrets(b.bot(), botSecrets.get(i)));
            bots.add(ordered("uid", b.uid(), "id", id, "name", b.bot().name()));
        }
        List<Map<String, Object>> behaviors = new ArrayList<>();
        for (BehaviorPlan b : real.behaviors()) {
            long id = (Long) ids.get(b.uid());
            long botId = b.botUid() != null ? (Long) ids.get(b.botUid()) : b.botId();
            if (store.bot(sql, botId).isEmpty()) {
                throw new PackageException(422, "No bot with id " + botId, b.path() + ".bot_id");
            }
            store.updateBehavior(sql, id, withBot(b.behavior(), botId));
            behaviors.add(ordered("uid", b.uid(), "id", id, "title", b.behavior().title(), "bot_id", botId));
        }
        List<Map<String, Object>> records = new ArrayList<>();
        List<?> recs = list(original, "records", "records");
        for (int i = 0; i < real.records().size(); i++) {
            RecordPlan r = real.records().get(i);
            // Substituted now, so a record sees the ids of the records created before it.
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) new Substitution(templates, withUids(variables, ids))
                    .apply(recs.get(i), r.path());
            long id;
            try {
                id = r.type().extension().create(sql, fields);
            } catch (HttpStatusException e) {
                throw new PackageException(e.status() >= 500 ? 422 : e.status(), e.getMessage(),
                        e.path() == null ? r.path() : r.path() + "." + e.path());
            } catch (RuntimeException | LinkageError e) {
                throw new PackageException(422, "Could not create the " + r.context() + " record: " + e.getMessage(),
                        r.path());
            }
            ids.put(r.uid(), id);
            Map<String, Object> created = ordered("uid", r.uid(), "_context", r.context(), "id", id);
            describe(r, sql, id).forEach(created::putIfAbsent);
            records.add(created);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("package", String.valueOf(((Map<?, ?>) original.get("package")).get("name")));
        details.put("bots", bots.stream().map(m -> m.get("id")).toList());
        details.put("behaviors", behaviors.stream().map(m -> m.get("id")).toList());
        details.put("records", records.stream().map(m -> m.get("_context") + ":" + m.get("id")).toList());
        audit.record(sql, options.actor(), "package.import", "package:" + details.get("package"), details);
        return new Result(bots, behaviors, records);
    }

    /** What the record's type says about it (a listener's URL …); a type that fails to say fails the import. */
    private static Map<String, Object> describe(RecordPlan r, Sql sql, long id) {
        try {
            Map<String, Object> d = r.type().extension().describe(sql, id);
            return d == null ? Map.of() : d;
        } catch (RuntimeException | LinkageError e) {
            throw new PackageException(422, "Could not describe the new " + r.context() + " record: "
                    + e.getMessage(), r.path());
        }
    }

    // --- the single-behavior form -----------------------------------------------------------------------------------

    private Result importSingleBehavior(Map<String, Object> root, Options options) {
        for (String key : root.keySet()) {
            if (!key.equals("behavior")) {
                throw new PackageException(422, "Unsupported package section '" + key + "'", key);
            }
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("default", Map.of("base_url", baseUrl.get()));
        Substitution.checkUidReferences(root, "", Set.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> b = (Map<String, Object>) new Substitution(templates, variables)
                .apply(root.get("behavior"), "behavior");
        requireKeys(b, SINGLE_BEHAVIOR_KEYS, "behavior", "behavior");
        checkPromptAnswers(List.of(), options);
        if (options.botId() == null) {
            throw new PackageException(422, "Choose the bot to import this behavior onto (bot_id)", "bot_id");
        }
        long botId = options.botId();
        if (engine.store().bot(botId).isEmpty()) {
            throw new PackageException(422, "No bot with id " + botId, "bot_id");
        }
        BehaviorStore.NewBehavior nb = newBehavior(b, botId, "behavior");
        validate(nb, "behavior");
        return engine.store().database().write(sql -> {
            if (engine.store().bot(sql, botId).isEmpty()) {
                throw new PackageException(422, "No bot with id " + botId, "bot_id");
            }
            long id = engine.store().insertBehavior(sql, nb);
            audit.record(sql, options.actor(), "package.import", "behavior:" + id,
                    ordered("title", nb.title(), "bot_id", botId));
            return new Result(List.of(), List.of(ordered("uid", nb.uid(), "id", id, "title", nb.title(),
                    "bot_id", botId)), List.of());
        });
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private Map<String, Object> substitute(Map<String, Object> root, Map<String, Object> variables,
                                           Map<String, Object> ids) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("package", root.get("package"));
        Substitution s = new Substitution(templates, withUids(variables, ids));
        for (String section : List.of("bots", "behaviors")) {
            if (root.containsKey(section)) {
                out.put(section, s.apply(root.get(section), section));
            }
        }
        if (root.containsKey("records")) {
            out.put("records", root.get("records")); // substituted one by one at write time
        }
        return out;
    }

    private static Map<String, Object> withUids(Map<String, Object> variables, Map<String, Object> ids) {
        Map<String, Object> v = new LinkedHashMap<>(variables);
        v.put("uid", new LinkedHashMap<>(ids));
        return v;
    }

    private static BehaviorStore.NewBehavior withBot(BehaviorStore.NewBehavior b, long botId) {
        return new BehaviorStore.NewBehavior(b.uid(), botId, b.title(), b.eventId(), b.priority(), b.disabled(),
                b.isPrivate(), b.variables(), b.nodes());
    }

    private static Map<String, Object> without(Map<String, Object> m, String key) {
        Map<String, Object> out = new LinkedHashMap<>(m);
        out.remove(key);
        return out;
    }

    private static List<?> list(Map<String, Object> root, String key, String path) {
        Object v = root.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new PackageException(422, "Invalid package JSON", path);
        }
        return l;
    }

    private static Map<String, Object> object(Object v, String path) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new PackageException(422, "Invalid package JSON", path);
        }
        return map(m);
    }

    static Map<String, Object> map(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(String.valueOf(kv[i]), kv[i + 1]);
        }
        return m;
    }
}
