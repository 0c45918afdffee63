package dev.switchboard.host.storage;

import dev.switchboard.api.SwitchboardException;

/**
 * The database failed (not the caller's input): I/O, lock timeout, a broken migration. A failure for want of space
 * or other resources is the subclass {@link StorageUnavailableException}.
 */
public class StorageException extends SwitchboardException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
