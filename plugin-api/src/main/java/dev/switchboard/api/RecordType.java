package dev.switchboard.api;

import java.util.List;
import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * A kind of record a package can create through {@code records[]}, matched by {@code _context}.
 * Creation runs inside the import's transaction: throwing rolls the whole import back.
 *
 * <pre>{@code
 * @Extension
 * public final class ListenerRecords implements RecordType {
 *     public String context() { return "webhook_listener"; }
 *     public long create(Sql sql, Map<String, Object> fields) {
 *         return sql.insert("INSERT INTO webhook_listener(name, guid) VALUES (?, ?)", fields.get("name"), guid);
 *     }
 * }
 * }</pre>
 */
public interface RecordType extends ExtensionPoint {
    /** The {@code _context} value, e.g. {@code webhook_listener}. */
    String context();

    /** Other {@code _context} values accepted (e.g. Cerb's {@code cerberusweb.contexts.webhook_listener}). */
    default List<String> aliases() {
        return List.of();
    }

    /**
     * Creates the record.
     *
     * @param sql    the import transaction
     * @param fields the record's JSON object after placeholder substitution ({@code uid} and {@code _context} kept)
     * @return the new record's id
     * @throws HttpStatusException 422 (or 400) naming the offending field in {@code path()}; the import is rolled back
     */
    long create(Sql sql, Map<String, Object> fields);
}
