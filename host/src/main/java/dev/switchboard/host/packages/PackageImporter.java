package dev.switchboard.host.packages;

import static dev.switchboard.host.packages.PackageJson.map;
import static dev.switchboard.host.packages.PackageJson.requireKeys;
import static dev.switchboard.host.packages.PackageJson.without;

import dev.switchboard.api.Templates;
import dev.switchboard.host.audit.AuditLog;
import dev.switchboard.host.engine.BehaviorEngine;
import dev.switchboard.host.engine.BehaviorStore;
import dev.switchboard.host.json.HostJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Imports Cerb packages: {@link Requirements} (version, plugins), {@link Prompts} (prompts, placeholders, secrets),
 * an {@link ImportPlan} of what would be created ({@link ImportPlanner}, no writes), then one transaction
 * ({@link PackageWriter}). Handles bots with their behaviors, top-level behaviors onto a bot, {@code records[]}
 * through the record-type registry, and the single-behavior form. A failed import changes nothing.
 */
public final class PackageImporter {
    /** The Cerb package format this host implements ({@code requires.cerb_version} is compared with it). */
    public static final String FORMAT_VERSION = "8.3.0";
    private static final Set<String> SECTIONS = Set.of("package", "bots", "behaviors", "records");
    private static final List<String> SINGLE_BEHAVIOR_KEYS = List.of("title", "event", "is_private", "is_disabled",
            "nodes");

    private final BehaviorEngine engine;
    private final HostJson json;
    private final Templates templates;
    private final Requirements requirements;
    private final Prompts prompts;
    private final ImportPlanner planner;
    private final PackageWriter writer;

    public PackageImporter(BehaviorEngine engine, HostJson json, Templates templates, Supplier<String> baseUrl,
                           AuditLog audit) {
        this.engine = engine;
        this.json = json;
        this.templates = templates;
        this.requirements = new Requirements(engine.plugins());
        this.prompts = new Prompts(baseUrl);
        this.planner = new ImportPlanner(engine, templates);
        this.writer = new PackageWriter(engine.store(), planner, templates, audit);
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
        requirements.check(pkg);
        Map<String, Object> variables = prompts.configure(pkg, options.prompts());

        // Which uids exist, and a stand-in id for each so that the package can be validated before ids exist.
        Map<String, String> uids = planner.collectUids(root);
        Substitution.checkUidReferences(without(root, "package"), "", uids.keySet());
        Map<String, Object> standIns = new LinkedHashMap<>();
        long n = 0;
        for (String uid : uids.keySet()) {
            standIns.put(uid, -(++n));
        }
        ImportPlan plan = planner.plan(planner.substitute(root, variables, standIns), standIns);
        List<Set<String>> botSecrets = Prompts.secretConfig(root, Prompts.secretPrompts(pkg));
        return writer.write(root, variables, plan, botSecrets, options.actor());
    }

    private Result importSingleBehavior(Map<String, Object> root, Options options) {
        for (String key : root.keySet()) {
            if (!key.equals("behavior")) {
                throw new PackageException(422, "Unsupported package section '" + key + "'", key);
            }
        }
        Substitution.checkUidReferences(root, "", Set.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> b = (Map<String, Object>) new Substitution(templates, prompts.defaults())
                .apply(root.get("behavior"), "behavior");
        requireKeys(b, SINGLE_BEHAVIOR_KEYS, "behavior", "behavior");
        Prompts.checkAnswers(List.of(), options.prompts());
        if (options.botId() == null) {
            throw new PackageException(422, "Choose the bot to import this behavior onto (bot_id)", "bot_id");
        }
        long botId = options.botId();
        if (engine.store().bot(botId).isEmpty()) {
            throw new PackageException(422, "No bot with id " + botId, "bot_id");
        }
        BehaviorStore.NewBehavior nb = ImportPlanner.newBehavior(b, botId, "behavior");
        planner.validate(nb, "behavior");
        return writer.writeBehavior(nb, options.actor());
    }
}
