package dev.switchboard.api;

import java.util.List;
import java.util.Map;

/**
 * An incoming HTTP request handed to an {@link HttpEndpoint} or a {@link Routes.Handler}. The body is read only when asked for, with a size
 * limit the endpoint chooses, so a per-route limit is enforced while streaming.
 *
 * <pre>{@code
 * String guid = request.pathParam("guid");
 * byte[] body = request.body(1 << 20); // 413 past 1 MiB
 * }</pre>
 *
 * @since 1.0.0
 */
public interface HttpRequest {
    /**
     * Method, upper case.
     *
     * @since 1.0.0
     */
    String method();

    /**
     * The request path as received (no query string).
     *
     * @since 1.0.0
     */
    String path();

    /**
     * A path parameter declared in the endpoint's pattern; '' for an empty rest-of-path parameter.
     *
     * @since 1.0.0
     */
    String pathParam(String name);

    /**
     * Headers in the order received, repeats kept, names as sent.
     *
     * @since 1.0.0
     */
    List<Header> headers();

    /**
     * The first value of a header (case-insensitive name), or null.
     *
     * @since 1.0.0
     */
    String header(String name);

    /**
     * Query parameters in the order received; each name maps to all its values.
     *
     * @since 1.0.0
     */
    Map<String, List<String>> queryParams();

    /**
     * The raw query string without '?', or ''.
     *
     * @since 1.0.0
     */
    String queryString();

    /**
     * The body, read once and cached.
     *
     * @param maxBytes the largest body accepted
     * @throws HttpStatusException 413 when the body is larger (detected while reading, memory stays flat)
     * @since 1.0.0
     */
    byte[] body(long maxBytes);

    /**
     * Form fields of an {@code application/x-www-form-urlencoded} or {@code multipart/form-data} body (file parts
     * excluded), in order; empty for other content types. Reads the body with the given limit and parses it with
     * {@link FormData#parse(String, byte[])}.
     *
     * @since 1.0.0
     */
    Map<String, List<String>> formParams(long maxBytes);

    /**
     * The JSON body bound strictly to a record (or to {@code Map.class} for any JSON object). JSON names are the
     * components' names in snake case ({@code graceSeconds} ← {@code grace_seconds}); components may be
     * {@code String}, {@code boolean}, {@code int}, {@code long}, {@code double} (or boxed), an enum (its constant
     * names, case-insensitive), {@code List<T>}, {@code Map<String, Object>}, {@code Object} or another record.
     * Each component is checked by its {@link Field} annotation. The body is read as by
     * {@link #body(long)}, with the given limit.
     *
     * <pre>{@code
     * record NoteInput(@Field(maxLength = 200) String title, @Field(required = false, min = 1) Long rank) { }
     * NoteInput in = request.bodyAs(NoteInput.class, 64 * 1024);
     * }</pre>
     *
     * @throws HttpStatusException 400 for an empty or malformed body; 422 naming the field (its JSON path) for a
     *                             body that does not bind: an unknown field, a wrong type, a value out of range, a
     *                             missing required field; 413 for a body over the limit
     * @since 1.4.0
     */
    <T> T bodyAs(Class<T> type, long maxBytes);

    /**
     * A path parameter as a whole number: ids in a path are records, so a non-number is a 404 naming the parameter.
     *
     * <pre>{@code
     * long id = request.pathLong("id");
     * }</pre>
     *
     * @throws HttpStatusException 404 when the parameter is not a whole number
     * @since 1.4.0
     */
    long pathLong(String name);

    /**
     * A query parameter as a whole number in {@code [min, max]}, or {@code fallback} when it is absent or empty.
     *
     * <pre>{@code
     * int limit = (int) request.queryLong("limit", 50, 1, 500);
     * }</pre>
     *
     * @throws HttpStatusException 400 naming the parameter when it is not a whole number or out of range
     * @since 1.4.0
     */
    long queryLong(String name, long fallback, long min, long max);

    /**
     * The address of the connected peer.
     *
     * @since 1.0.0
     */
    String remoteAddress();

    /**
     * The client address: the first X-Forwarded-For entry when the peer is a configured trusted proxy.
     *
     * @since 1.0.0
     */
    String clientIp();

    /**
     * For admin endpoints, the authenticated principal (the token's name); null on public endpoints.
     *
     * @since 1.0.0
     */
    String principal();
}
