package dev.switchboard.host.plugins;

/**
 * An extension and the plugin that provides it ({@code host} for built-ins).
 *
 * @param pluginId  the providing plugin
 * @param extension the extension instance
 */
public record Registered<T>(String pluginId, T extension) {
}
