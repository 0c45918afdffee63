package dev.switchboard.host.engine;

import dev.switchboard.api.HttpStatusException;

/** A behavior's JSON is not a valid tree or uses something the registry does not know; 422 naming the JSON path. */
public final class InvalidBehaviorException extends HttpStatusException {
    private static final long serialVersionUID = 1L;

    public InvalidBehaviorException(String message, String path) {
        super(422, path == null ? message : message + " (at " + path + ")", path);
    }
}
