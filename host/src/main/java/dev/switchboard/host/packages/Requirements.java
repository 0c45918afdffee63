package dev.switchboard.host.packages;

import dev.switchboard.host.packages.PackageException.Missing;
import dev.switchboard.host.plugins.Extensions;
import dev.switchboard.host.plugins.PluginInfo;
import dev.switchboard.host.plugins.PluginSystem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a package needs, set against what this host has: {@code package.requires} (the Cerb version it was
 * written for, its plugins), its sections, and — read statically from the JSON — the events of its behaviors,
 * the actions of their nodes and the types of its records. Everything missing is reported at once, by its Cerb
 * name (each once, where first asked for), before anything else is checked, so one refusal is the whole to-do
 * list.
 */
final class Requirements {
    /** The Cerb whose importer this host matches; {@code requires.cerb_version} is compared with it. */
    static final String CERB_VERSION = "8.3.10";
    /** The Cerb version whose {@code behavior_nodes} section this host imports. */
    static final String BEHAVIOR_NODES_VERSION = "9.2.0";
    static final Set<String> SECTIONS = Set.of("package", "bots", "behaviors", "records", "behavior_nodes");

    /** Cerb's record actions, whose {@code context} param names a record type. */
    private static final String RECORD_ACTIONS = "core.bot.action.record.";

    private final PluginSystem plugins;
    private final Predicate<String> recordTypes;

    Requirements(PluginSystem plugins, Predicate<String> recordTypes) {
        this.plugins = plugins;
        this.recordTypes = recordTypes;
    }

    /** @throws PackageException listing everything {@code root} (a package with a {@code package} section) lacks */
    void check(Map<String, Object> root) {
        List<Missing> missing = new ArrayList<>();
        Map<?, ?> pkg = root.get("package") instanceof Map<?, ?> m ? m : Map.of();
        if (pkg.get("requires") instanceof Map<?, ?> requires) {
            version(requires.get("cerb_version"), root, missing);
            if (requires.get("plugins") instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    String id = String.valueOf(list.get(i));
                    Optional<PluginInfo> p = plugins.find(id);
                    if (p.isEmpty() || !p.get().enabled() || !"started".equals(p.get().state())) {
                        missing.add(new Missing("plugin " + id, String.format(
                                "This package requires the %s plugin to be installed and enabled.", id),
                                "package.requires.plugins[" + i + "]"));
                    }
                }
            }
        }
        for (String key : root.keySet()) {
            if (!SECTIONS.contains(key)) {
                missing.add(new Missing("section '" + key + "'", "Unsupported package section '" + key
                        + "' (supported: bots, behaviors, records, behavior_nodes)", key));
            }
        }
        Extensions ext = plugins.extensions();
        if (root.get("records") instanceof List<?> records) {
            for (int i = 0; i < records.size(); i++) {
                if (records.get(i) instanceof Map<?, ?> r && r.get("_context") != null
                        && ext.recordType(String.valueOf(r.get("_context"))).isEmpty()) {
                    String context = String.valueOf(r.get("_context"));
                    missing.add(new Missing("record type " + context, "Unknown record type '" + context
                            + "' (is the plugin that provides it installed and enabled?)",
                            "records[" + i + "]._context"));
                }
            }
        }
        Scan scan = new Scan(ext, recordTypes);
        if (root.get("bots") instanceof List<?> bots) {
            for (int i = 0; i < bots.size(); i++) {
                if (bots.get(i) instanceof Map<?, ?> bot && bot.get("behaviors") instanceof List<?> behaviors) {
                    for (int j = 0; j < behaviors.size(); j++) {
                        scan.behavior(behaviors.get(j), "bots[" + i + "].behaviors[" + j + "]");
                    }
                }
            }
        }
        if (root.get("behaviors") instanceof List<?> behaviors) {
            for (int i = 0; i < behaviors.size(); i++) {
                scan.behavior(behaviors.get(i), "behaviors[" + i + "]");
            }
        }
        if (root.get("behavior_nodes") instanceof List<?> nodes) {
            scan.nodes(nodes, "behavior_nodes");
        }
        Map<String, Missing> once = new LinkedHashMap<>();
        missing.forEach(m -> once.putIfAbsent(m.capability(), m));
        scan.missing.values().forEach(m -> once.putIfAbsent(m.capability(), m));
        if (!once.isEmpty()) {
            throw PackageException.missing(new ArrayList<>(once.values()));
        }
    }

    /** The single-behavior form {@code {"behavior": {...}}}: its event and its actions. */
    void checkBehavior(Map<String, Object> root) {
        Scan scan = new Scan(plugins.extensions(), recordTypes);
        scan.behavior(root.get("behavior"), "behavior");
        if (!scan.missing.isEmpty()) {
            throw PackageException.missing(new ArrayList<>(scan.missing.values()));
        }
    }

    /**
     * Cerb 8.3.10's check, {@code version_compare(APP_VERSION, cerb_version, '>=')}, with this host as 8.3.10 —
     * or as 9.2.0 for a package of {@code behavior_nodes} only, the one later section this host imports.
     */
    private static void version(Object required, Map<String, Object> root, List<Missing> missing) {
        if (!(required instanceof String wanted) || wanted.isBlank()) {
            return; // Cerb checks only a non-empty string
        }
        boolean nodesOnly = root.containsKey("behavior_nodes")
                && root.keySet().stream().allMatch(k -> k.equals("package") || k.equals("behavior_nodes"));
        String host = nodesOnly ? BEHAVIOR_NODES_VERSION : CERB_VERSION;
        if (PhpVersion.compare(host, wanted) < 0) {
            missing.add(new Missing("Cerb version " + wanted + " (this host imports Cerb " + CERB_VERSION
                    + " packages, and behavior_nodes of Cerb " + BEHAVIOR_NODES_VERSION + ")",
                    String.format("This package requires Cerb version %s or later.", wanted),
                    "package.requires.cerb_version"));
        }
    }

    /** Events and actions the behaviors use that no started plugin provides, each once, in the order found. */
    private static final class Scan {
        private final Extensions ext;
        private final Predicate<String> recordTypes;
        private final Map<String, Missing> missing = new LinkedHashMap<>();

        Scan(Extensions ext, Predicate<String> recordTypes) {
            this.ext = ext;
            this.recordTypes = recordTypes;
        }

        void behavior(Object value, String path) {
            if (!(value instanceof Map<?, ?> b)) {
                return; // the shape check names it
            }
            if (b.get("event") instanceof Map<?, ?> event && event.get("key") != null) {
                String id = String.valueOf(event.get("key")).trim();
                if (!id.isEmpty() && ext.event(id).isEmpty()) {
                    missing.putIfAbsent("event " + id, new Missing("event " + id, "Unknown event '" + id
                            + "' (is the plugin that provides it installed and enabled?)", path + ".event.key"));
                }
            }
            if (b.get("nodes") instanceof List<?> nodes) {
                nodes(nodes, path + ".nodes");
            }
        }

        void nodes(List<?> nodes, String path) {
            for (int i = 0; i < nodes.size(); i++) {
                if (!(nodes.get(i) instanceof Map<?, ?> node)) {
                    continue;
                }
                String at = path + "[" + i + "]";
                if (node.get("params") instanceof Map<?, ?> params && params.get("actions") instanceof List<?> actions) {
                    for (int a = 0; a < actions.size(); a++) {
                        if (actions.get(a) instanceof Map<?, ?> action && action.get("action") != null) {
                            String id = String.valueOf(action.get("action"));
                            action(id, at + ".params.actions[" + a + "].action");
                            if (id.startsWith(RECORD_ACTIONS)) {
                                recordType(action.get("context"), at + ".params.actions[" + a + "].context");
                            }
                        }
                    }
                }
                if (node.get("nodes") instanceof List<?> children) {
                    nodes(children, at + ".nodes");
                }
            }
        }

        /** A record action's type, when it is written out rather than rendered from a placeholder. */
        private void recordType(Object context, String path) {
            String type = context == null ? "" : String.valueOf(context).strip();
            if (type.isEmpty() || type.contains("{{") || type.contains("{%") || recordTypes.test(type)) {
                return; // an empty one is the validator's to name; a rendered one is checked when it runs
            }
            missing.putIfAbsent("record type " + type, new Missing("record type " + type, "Unknown record type '"
                    + type + "' for Cerb's record actions (this host has tickets, tasks and workers)", path));
        }

        private void action(String id, String path) {
            if (id.startsWith("var_") || ext.action(id).isPresent()) {
                return; // a variable setter is checked against the behavior's variables by the validator
            }
            missing.putIfAbsent("action " + id, new Missing("action " + id, "Unknown action '" + id
                    + "' (is the plugin that provides it installed and enabled?)", path));
        }
    }
}
