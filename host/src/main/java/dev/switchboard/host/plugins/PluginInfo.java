package dev.switchboard.host.plugins;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin as the admin API and the CLI list it.
 *
 * @param id          plugin id ({@code Plugin-Id}), or the file name when the jar could not be read
 * @param version     {@code Plugin-Version}
 * @param description {@code Plugin-Description}
 * @param provider    {@code Plugin-Provider}
 * @param requires    {@code Plugin-Requires}
 * @param aliases     {@code Plugin-Aliases}
 * @param file        the jar's file name
 * @param enabled     the stored status
 * @param state       {@code started}, {@code disabled}, {@code failed}, {@code stopped} …
 * @param error       why it failed, or null
 * @param warnings    what looks wrong although it loaded (contributes nothing, jar replaced or removed …), with the
 *                    likely causes; empty when nothing does
 */
public record PluginInfo(String id, String version, String description, String provider, String requires,
                         List<String> aliases, String file, boolean enabled, String state, String error,
                         List<String> warnings) {
    public PluginInfo {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }


    /** The fields by their JSON names, in order (for responses that add fields). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("version", version);
        m.put("description", description);
        m.put("provider", provider);
        m.put("requires", requires);
        m.put("aliases", aliases);
        m.put("file", file);
        m.put("enabled", enabled);
        m.put("state", state);
        m.put("error", error);
        m.put("warnings", warnings);
        return m;
    }
}
