package dev.switchboard.host.plugins;

import dev.switchboard.api.SwitchboardException;

/** A plugin operation was refused or failed; the message says which plugin and why. */
public final class PluginException extends SwitchboardException {
    private static final long serialVersionUID = 1L;
    private final boolean notFound;

    public PluginException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    /** True when no plugin has the given id. */
    public boolean notFound() {
        return notFound;
    }
}
