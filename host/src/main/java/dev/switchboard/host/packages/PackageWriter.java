package dev.switchboard.host.packages;

import static dev.switchboard.host.packages.PackageJson.list;
import static dev.switchboard.host.packages.PackageJson.ordered;

import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.Sql;
import dev.switchboard.api.Templates;
import dev.switchboard.host.audit.AuditLog;
import dev.switchboard.host.engine.Behavior;
import dev.switchboard.host.engine.BehaviorStore;
import dev.switchboard.host.engine.Values;
import dev.switchboard.host.packages.ImportPlan.BehaviorPlan;
import dev.switchboard.host.packages.ImportPlan.BotPlan;
import dev.switchboard.host.packages.ImportPlan.NodePlan;
import dev.switchboard.host.packages.ImportPlan.RecordPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a checked {@link ImportPlan} in one transaction: ids first (so {@code {{{uid.x}}}} anywhere sees the real
 * ones), then every row, then behavior node fragments onto their behaviors, then the audit entry. Anything that fails inside rolls all of it back.
 */
final class PackageWriter {
    private final BehaviorStore store;
    private final ImportPlanner planner;
    private final Templates templates;
    private final AuditLog audit;

    PackageWriter(BehaviorStore store, ImportPlanner planner, Templates templates, AuditLog audit) {
        this.store = store;
        this.planner = planner;
        this.templates = templates;
        this.audit = audit;
    }

    /**
     * @param original   the package as given (substituted again here, now with the real ids)
     * @param variables  prompt and placeholder values
     * @param plan       the plan made with stand-in ids (says how many ids to allocate, and for what)
     * @param botSecrets per bot, the {@code params.config} keys to keep secret
     */
    PackageImporter.Result write(Map<String, Object> original, Map<String, Object> variables, ImportPlan plan,
                                 List<Set<String>> botSecrets, String actor) {
        return store.database().write(sql -> write(sql, original, variables, plan, botSecrets, actor));
    }

    private PackageImporter.Result write(Sql sql, Map<String, Object> original, Map<String, Object> variables,
                                         ImportPlan plan, List<Set<String>> botSecrets, String actor) {
        Map<String, Object> ids = new LinkedHashMap<>();
        for (int i = 0; i < plan.bots().size(); i++) {
            BotPlan b = plan.bots().get(i);
            ids.put(b.uid(), store.insertBot(sql, Prompts.withSecrets(b.bot(), botSecrets.get(i))));
        }
        for (BehaviorPlan b : plan.behaviors()) {
            long botId = b.botUid() != null ? (Long) ids.get(b.botUid()) : b.botId();
            ids.put(b.uid(), store.insertBehavior(sql, ImportPlanner.withBot(b.behavior(), botId)));
        }
        ImportPlan real = planner.plan(planner.substitute(original, variables, ids), ids);
        List<Map<String, Object>> bots = new ArrayList<>();
        for (int i = 0; i < real.bots().size(); i++) {
            BotPlan b = real.bots().get(i);
            long id = (Long) ids.get(b.uid());
            store.updateBot(sql, id, Prompts.withSecrets(b.bot(), botSecrets.get(i)));
            bots.add(ordered("uid", b.uid(), "id", id, "name", b.bot().name()));
        }
        List<Map<String, Object>> behaviors = new ArrayList<>();
        for (BehaviorPlan b : real.behaviors()) {
            long id = (Long) ids.get(b.uid());
            long botId = b.botUid() != null ? (Long) ids.get(b.botUid()) : b.botId();
            if (store.bot(sql, botId).isEmpty()) {
                throw new PackageException(422, "No bot with id " + botId, b.path() + ".bot_id");
            }
            store.updateBehavior(sql, id, ImportPlanner.withBot(b.behavior(), botId));
            behaviors.add(ordered("uid", b.uid(), "id", id, "title", b.behavior().title(), "bot_id", botId));
        }
        List<Map<String, Object>> records = new ArrayList<>();
        List<?> recs = list(original, "records", "records");
        for (int i = 0; i < real.records().size(); i++) {
            RecordPlan r = real.records().get(i);
            // Substituted now, so a record sees the ids of the records created before it.
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) new Substitution(templates,
                    ImportPlanner.withUids(variables, ids)).apply(recs.get(i), r.path());
            long id = create(r, sql, fields);
            ids.put(r.uid(), id);
            Map<String, Object> created = ordered("uid", r.uid(), "_context", r.context(), "id", id);
            describe(r, sql, id).forEach(created::putIfAbsent);
            records.add(created);
        }
        List<Map<String, Object>> nodes = appendNodes(sql, real.nodes());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("package", String.valueOf(((Map<?, ?>) original.get("package")).get("name")));
        details.put("bots", bots.stream().map(m -> m.get("id")).toList());
        details.put("behaviors", behaviors.stream().map(m -> m.get("id")).toList());
        details.put("records", records.stream().map(m -> m.get("_context") + ":" + m.get("id")).toList());
        if (!nodes.isEmpty()) {
            details.put("behavior_nodes", nodes.stream().map(m -> m.get("behavior_id")).distinct().toList());
        }
        audit.record(sql, actor, "package.import", "package:" + details.get("package"), details);
        return new PackageImporter.Result(bots, behaviors, records, nodes);
    }

    /** The single-behavior form: one checked behavior onto an existing bot. */
    PackageImporter.Result writeBehavior(BehaviorStore.NewBehavior behavior, String actor) {
        long botId = behavior.botId();
        return store.database().write(sql -> {
            if (store.bot(sql, botId).isEmpty()) {
                throw new PackageException(422, "No bot with id " + botId, "bot_id");
            }
            long id = store.insertBehavior(sql, behavior);
            audit.record(sql, actor, "package.import", "behavior:" + id,
                    ordered("title", behavior.title(), "bot_id", botId));
            return new PackageImporter.Result(List.of(), List.of(ordered("uid", behavior.uid(), "id", id,
                    "title", behavior.title(), "bot_id", botId)), List.of(), List.of());
        });
    }

    /** Appends each fragment to its behavior's top level, as read inside this transaction. */
    private List<Map<String, Object>> appendNodes(Sql sql, List<NodePlan> plan) {
        Map<Long, List<NodePlan>> byBehavior = new LinkedHashMap<>();
        plan.forEach(n -> byBehavior.computeIfAbsent(n.behaviorId(), k -> new ArrayList<>()).add(n));
        byBehavior.forEach((id, fragments) -> {
            Behavior b = store.behavior(sql, id).orElseThrow(() -> new PackageException(422,
                    "No behavior with id " + id, fragments.get(0).path() + ".behavior_id"));
            List<Object> tree = ImportPlanner.appended(b.nodes(),
                    fragments.stream().map(n -> (Object) n.node()).toList());
            store.updateBehavior(sql, id, new BehaviorStore.NewBehavior(b.uid(), b.botId(), b.title(), b.eventId(),
                    b.priority(), b.disabled(), b.isPrivate(), b.variables(), tree));
        });
        return plan.stream().map(n -> ordered("uid", n.uid(), "behavior_id", n.behaviorId(), "parent_id", 0,
                "title", Values.text(n.node().get("title")), "type", Values.text(n.node().get("type")))).toList();
    }

    private static long create(RecordPlan r, Sql sql, Map<String, Object> fields) {
        try {
            return r.type().extension().create(sql, fields);
        } catch (HttpStatusException e) {
            throw new PackageException(e.status() >= 500 ? 422 : e.status(), e.getMessage(),
                    e.path() == null ? r.path() : r.path() + "." + e.path());
        } catch (RuntimeException | LinkageError e) {
            throw new PackageException(422, "Could not create the " + r.context() + " record: " + e.getMessage(),
                    r.path());
        }
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
}
