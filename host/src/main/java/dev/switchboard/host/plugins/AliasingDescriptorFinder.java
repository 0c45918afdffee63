package dev.switchboard.host.plugins;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Manifest;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;

/**
 * PF4J's manifest descriptor finder, also reading {@code Plugin-Aliases} (comma-separated ids a package's
 * {@code requires.plugins} may name, e.g. the id Cerb knows the plugin by: {@code Plugin-Aliases: cerb.acme}).
 */
final class AliasingDescriptorFinder extends ManifestPluginDescriptorFinder {
    static final String PLUGIN_ALIASES = "Plugin-Aliases";

    private final Map<String, List<String>> aliases = new ConcurrentHashMap<>();

    @Override
    public PluginDescriptor find(Path pluginPath) {
        Manifest manifest = readManifest(pluginPath);
        PluginDescriptor descriptor = createPluginDescriptor(manifest);
        String raw = manifest.getMainAttributes().getValue(PLUGIN_ALIASES);
        if (raw != null && descriptor.getPluginId() != null) {
            aliases.put(descriptor.getPluginId(), Arrays.stream(raw.split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).toList());
        }
        return descriptor;
    }

    List<String> aliasesOf(String pluginId) {
        return aliases.getOrDefault(pluginId, List.of());
    }
}
