package dev.switchboard.host.records;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A record type that Cerb's record actions and {@code /api/records/{type}} work on. Records are handed out as Cerb
 * builds its record dictionaries: {@code _context} (Cerb's context id), {@code _label}, {@code id} and the fields by
 * their Cerb keys. Changesets are maps of those keys; an unknown key or a bad value is a {@link BadRecordException}
 * naming it, and nothing is written.
 */
public interface RecordKind {
    /** The short name, e.g. {@code task}. */
    String name();

    /** Cerb's context id, e.g. {@code cerberusweb.contexts.task}. */
    String cerbContext();

    /** The keys a changeset may set. */
    List<String> writableKeys();

    /** @param actor who writes (audited and passed to record events where the type raises any) */
    Map<String, Object> create(String actor, Map<String, Object> changeset);

    Optional<Map<String, Object>> get(long id);

    /** @return the record after the change, empty when there is no such record */
    Optional<Map<String, Object>> update(String actor, long id, Map<String, Object> changeset);

    /** @return whether there was such a record */
    boolean delete(String actor, long id);

    /** One page of the records the query matches, and how many match in all. */
    Page search(String query);

    /** A page of records (as dictionaries) and the number of matches on every page. */
    record Page(List<Map<String, Object>> records, long total, int page, int limit) {
    }
}
