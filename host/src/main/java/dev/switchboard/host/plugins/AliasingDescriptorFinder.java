package dev.switchboard.host.plugins;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Manifest;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginRuntimeException;

/**
 * PF4J's manifest descriptor finder, also reading {@code Plugin-Aliases} (comma-separated ids a package's
 * {@code requires.plugins} may name, e.g. the id Cerb knows the plugin by: {@code Plugin-Aliases: cerb.acme}) and
 * {@code Plugin-Enabled-By-Default} ({@code true} or {@code false}: whether the host enables the plugin the first
 * time it finds it at start-up).
 */
final class AliasingDescriptorFinder extends ManifestPluginDescriptorFinder {
    static final String PLUGIN_ALIASES = "Plugin-Aliases";
    static final String PLUGIN_ENABLED_BY_DEFAULT = "Plugin-Enabled-By-Default";

    private final Map<String, List<String>> aliases = new ConcurrentHashMap<>();
    private final Set<String> enabledByDefault = ConcurrentHashMap.newKeySet();

    @Override
    public PluginDescriptor find(Path pluginPath) {
        Manifest manifest = readManifest(pluginPath);
        PluginDescriptor descriptor = createPluginDescriptor(manifest);
        String raw = manifest.getMainAttributes().getValue(PLUGIN_ALIASES);
        if (raw != null && descriptor.getPluginId() != null) {
            aliases.put(descriptor.getPluginId(), Arrays.stream(raw.split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).toList());
        }
        String enabled = manifest.getMainAttributes().getValue(PLUGIN_ENABLED_BY_DEFAULT);
        if (enabled != null && descriptor.getPluginId() != null) {
            switch (enabled.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> enabledByDefault.add(descriptor.getPluginId());
                case "false" -> enabledByDefault.remove(descriptor.getPluginId());
                default -> throw new PluginRuntimeException("manifest attribute {} must be true or false, not '{}'",
                        PLUGIN_ENABLED_BY_DEFAULT, enabled);
            }
        }
        return descriptor;
    }

    /** True when the plugin's manifest says {@code Plugin-Enabled-By-Default: true}. */
    boolean enabledByDefault(String pluginId) {
        return enabledByDefault.contains(pluginId);
    }

    List<String> aliasesOf(String pluginId) {
        return aliases.getOrDefault(pluginId, List.of());
    }
}
