package dev.switchboard.api;

import java.util.List;
import java.util.Map;

/**
 * An incoming HTTP request handed to an {@link HttpEndpoint}. The body is read only when asked for, with a size
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
     * excluded), in order; empty for other content types. Reads the body with the given limit.
     *
     * @since 1.0.0
     */
    Map<String, List<String>> formParams(long maxBytes);

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
