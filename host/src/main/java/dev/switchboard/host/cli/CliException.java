package dev.switchboard.host.cli;

import dev.switchboard.api.SwitchboardException;

/**
 * A command cannot do what it was asked with what it was given (a missing file, no database where it looked); the
 * message says what to do instead. Printed as one line, exit 2.
 */
final class CliException extends SwitchboardException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }
}
