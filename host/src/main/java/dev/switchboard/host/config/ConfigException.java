package dev.switchboard.host.config;

import dev.switchboard.api.SwitchboardException;

/** A configuration value is missing or wrong; the message names the key (and its environment variable). */
public final class ConfigException extends SwitchboardException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
