package dev.switchboard.host.plugins;

import java.util.List;

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
 */
public record PluginInfo(String id, String version, String description, String provider, String requires,
                         List<String> aliases, String file, boolean enabled, String state, String error) {
}
