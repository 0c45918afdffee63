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
 *
 * @since 1.0.0
 */
public interface RecordType extends ExtensionPoint {
    /**
     * The {@code _context} value, e.g. {@code webhook_listener}.
     *
     * @since 1.0.0
     */
    String context();

    /**
     * Other {@code _context} values accepted (e.g. Cerb's {@code cerberusweb.contexts.webhook_listener}).
     *
     * @since 1.0.0
     */
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
     * @since 1.0.0
     */
    long create(Sql sql, Map<String, Object> fields);

    /**
     * What a person needs to use one record, shown next to its id where the host reports it: in the answer of a
     * package import ({@code records[]}) and by the command line. Empty by default.
     *
     * <pre>{@code
     * public Map<String, Object> describe(Sql sql, long id) {
     *     return sql.first("SELECT name, guid FROM webhook_listener WHERE id = ?", id)
     *             .<Map<String, Object>>map(r -> Map.of("name", r.getString("name"),
     *                     "url", host.baseUrl() + "/webhooks/" + r.getString("guid")))
     *             .orElse(Map.of());
     * }
     * }</pre>
     *
     * @param sql the caller's transaction (the import's, so a record created in it is seen)
     * @param id  an id {@link #create} returned
     * @return a few fields such as {@code name} and {@code url}; never {@code id}, {@code uid} or {@code _context},
     *         which the host adds itself
     * @since 1.3.0
     */
    default Map<String, Object> describe(Sql sql, long id) {
        return Map.of();
    }

    /**
     * Every record of this type, oldest first, each as its {@code id} plus what {@link #describe} gives, for the
     * command line's listings ({@code switchboard listeners list}). Empty by default: a type that is not listed.
     *
     * @since 1.3.0
     */
    default List<Map<String, Object>> list(Sql sql) {
        return List.of();
    }
}
