package dev.switchboard.host.packages;

import static dev.switchboard.host.packages.PackageJson.map;
import static dev.switchboard.host.packages.PackageJson.without;

import dev.switchboard.api.Templates;
import dev.switchboard.host.audit.AuditLog;
import dev.switchboard.host.engine.BehaviorEngine;
import dev.switchboard.host.engine.BehaviorStore;
import dev.switchboard.host.engine.Bot;
import dev.switchboard.host.engine.Values;
import dev.switchboard.host.json.HostJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Imports Cerb packages: {@link Requirements} (version, plugins, and every event, action, section and record type
 * the package uses, all missing ones named at once), {@link Prompts} (prompts, placeholders, secrets),
 * an {@link ImportPlan} of what would be created ({@link ImportPlanner}, no writes), then one transaction
 * ({@link PackageWriter}). Handles bots with their behaviors, top-level behaviors onto a bot, {@code records[]}
 * through the record-type registry, Cerb 9's {@code behavior_nodes[]} onto existing behaviors, and the
 * single-behavior form. A failed import changes nothing.
 */
public final class PackageImporter {
    /**
     * The {@code requires.cerb_version} exports declare: the oldest Cerb whose importer reads everything an export
     * holds. (Imports are checked against {@link Requirements#CERB_VERSION}.)
     */
    public static final String FORMAT_VERSION = "8.3.0";

    private final BehaviorEngine engine;
    private final HostJson json;
    private final Templates templates;
    private final Requirements requirements;
    private final Prompts prompts;
    private final ImportPlanner planner;
    private final PackageWriter writer;

    /**
     * @param recordTypes whether a name is a record type that Cerb's record actions can reach
     *                    ({@code core.bot.action.record.*}'s {@code context}): a package whose actions name another
     *                    is refused naming the type
     */
    public PackageImporter(BehaviorEngine engine, HostJson json, Templates templates, Supplier<String> baseUrl,
                           AuditLog audit, Predicate<String> recordTypes) {
        this.engine = engine;
        this.json = json;
        this.templates = templates;
        this.requirements = new Requirements(engine.plugins(), recordTypes);
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
     * @param importAgain import even when the package's bot (or behavior) exists already, making a second copy;
     *                    false refuses such an import with a {@link DuplicateImportException}
     */
    public record Options(Map<String, String> prompts, Long botId, String actor, boolean importAgain) {
        public Options {
            prompts = prompts == null ? Map.of() : Map.copyOf(prompts);
        }

        /** Options that refuse a package imported before. */
        public Options(Map<String, String> prompts, Long botId, String actor) {
            this(prompts, botId, actor, false);
        }
    }

    /**
     * What was created: {@code {"bots": [...], "behaviors": [...], "records": [...], "behavior_nodes": [...]}}; each
     * record carries what its type describes (a listener's {@code name}, {@code url} and {@code behavior_id}); each
     * behavior node its {@code uid}, the {@code behavior_id} it was added to, {@code title} and {@code type}.
     */
    public record Result(List<Map<String, Object>> bots, List<Map<String, Object>> behaviors,
                         List<Map<String, Object>> records, List<Map<String, Object>> behaviorNodes) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bots", bots);
            m.put("behaviors", behaviors);
            m.put("records", records);
            m.put("behavior_nodes", behaviorNodes);
            return m;
        }
    }

    /**
     * Imports a package given as JSON text.
     *
     * @throws PackageException (400 for unreadable JSON, 422 otherwise) naming the JSON path; nothing is written
     * @throws DuplicateImportException (409) when the package was imported before, unless
     *                                  {@link Options#importAgain()}; nothing is written
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
        requirements.check(root);
        Map<String, Object> pkg = map((Map<?, ?>) root.get("package"));
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
        if (!options.importAgain()) {
            refuseDuplicates(plan);
        }
        List<Set<String>> botSecrets = Prompts.secretConfig(root, Prompts.secretPrompts(pkg));
        return writer.write(root, variables, plan, botSecrets, options.actor());
    }

    private Result importSingleBehavior(Map<String, Object> root, Options options) {
        for (String key : root.keySet()) {
            if (!key.equals("behavior")) {
                throw new PackageException(422, "Unsupported package section '" + key + "'", key);
            }
        }
        requirements.checkBehavior(root);
        Substitution.checkUidReferences(root, "", Set.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> b = withCerbDefaults((Map<String, Object>) new Substitution(templates,
                prompts.defaults()).apply(root.get("behavior"), "behavior"));
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
        if (!options.importAgain()) {
            List<DuplicateImportException.Existing> twins = new ArrayList<>();
            sameBehavior(nb, "behavior").ifPresent(twins::add);
            if (!twins.isEmpty()) {
                throw new DuplicateImportException(twins);
            }
        }
        return writer.writeBehavior(nb, options.actor());
    }

    /**
     * Cerb asks before importing a package whose bot exists; so do we: a planned bot with the uid or name of an
     * existing one, or a behavior onto an existing bot that has one of that uid or of that title on that event.
     */
    private void refuseDuplicates(ImportPlan plan) {
        List<DuplicateImportException.Existing> twins = new ArrayList<>();
        List<Bot> bots = engine.store().bots();
        for (ImportPlan.BotPlan p : plan.bots()) {
            bots.stream().filter(b -> (p.bot().uid() != null && p.bot().uid().equals(b.uid()))
                            || b.name().equals(p.bot().name())).findFirst()
                    .ifPresent(b -> twins.add(new DuplicateImportException.Existing("bot", b.id(), b.name(), p.path())));
        }
        for (ImportPlan.BehaviorPlan p : plan.behaviors()) {
            if (p.botUid() == null) {
                sameBehavior(p.behavior(), p.path()).ifPresent(twins::add);
            }
        }
        if (!twins.isEmpty()) {
            throw new DuplicateImportException(twins);
        }
    }

    private Optional<DuplicateImportException.Existing> sameBehavior(BehaviorStore.NewBehavior nb, String path) {
        return engine.store().behaviors(nb.botId(), null).stream()
                .filter(b -> (nb.uid() != null && nb.uid().equals(b.uid()))
                        || (b.title().equals(nb.title()) && b.eventId().equals(nb.eventId())))
                .findFirst().map(b -> new DuplicateImportException.Existing("behavior", b.id(), b.title(), path));
    }

    /**
     * Cerb's behavior import needs only {@code behavior.event.key}: {@code is_private} and {@code is_disabled}
     * default to false, a missing or zero {@code priority} to 50, and no {@code nodes} to an empty tree. We: a
     * missing title becomes the event's label from the export, else its key (a behavior here always has a title).
     */
    private static Map<String, Object> withCerbDefaults(Map<String, Object> behavior) {
        Map<String, Object> b = new LinkedHashMap<>(behavior);
        Map<?, ?> event = b.get("event") instanceof Map<?, ?> m ? m
                : b.get("event") instanceof String key ? Map.of("key", key) : Map.of();
        if (event.get("key") == null || String.valueOf(event.get("key")).isBlank()) {
            throw new PackageException(422, "Invalid JSON: behavior event is missing properties (key)",
                    "behavior.event");
        }
        if (b.get("title") == null || String.valueOf(b.get("title")).isBlank()) {
            Object label = event.get("label");
            b.put("title", label != null && !String.valueOf(label).isBlank() ? label : event.get("key"));
        }
        Double priority = Values.number(b.get("priority"));
        if (b.get("priority") == null || "".equals(b.get("priority")) || Double.valueOf(0).equals(priority)) {
            b.remove("priority");
        }
        return b;
    }
}
