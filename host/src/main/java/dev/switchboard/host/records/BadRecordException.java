package dev.switchboard.host.records;

import dev.switchboard.api.SwitchboardException;

/**
 * A changeset, id or search query a record type cannot take, with a message that names the field or term. The API
 * answers it as 422; a record action reports it as its failure.
 */
public final class BadRecordException extends SwitchboardException {
    private static final long serialVersionUID = 1L;

    public BadRecordException(String message) {
        super(message);
    }
}
