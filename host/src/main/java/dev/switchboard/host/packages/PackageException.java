package dev.switchboard.host.packages;

import dev.switchboard.api.HttpStatusException;

/**
 * A package cannot be imported. The message starts with Cerb's own words (so scripts written against Cerb still
 * match) and ends with the JSON path of the offending element; {@link #path()} carries the path alone.
 */
public final class PackageException extends HttpStatusException {
    private static final long serialVersionUID = 1L;
    private final String cerbMessage;

    public PackageException(int status, String cerbMessage, String path) {
        super(status, path == null ? cerbMessage : cerbMessage + " (at " + path + ")", path);
        this.cerbMessage = cerbMessage;
    }

    /** The message without the path. */
    public String cerbMessage() {
        return cerbMessage;
    }
}
