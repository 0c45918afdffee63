package dev.switchboard.api;

import java.util.List;

/**
 * The answer to an {@link OutboundRequest}. The body is captured up to a cap; {@code truncated} says it was cut.
 *
 * <pre>{@code
 * OutboundResponse r = host.http().send(request);
 * boolean ok = r.status() / 100 == 2;
 * }</pre>
 *
 * @param status      HTTP status (3xx is returned as is: redirects are never followed)
 * @param headers     response headers in order (capped)
 * @param body        the first bytes of the body, up to the cap
 * @param truncated   true when the body was longer than the cap
 * @param durationMillis time from send to the end of the capture
 * @since 1.0.0
 */
public record OutboundResponse(int status, List<Header> headers, byte[] body, boolean truncated, long durationMillis) {
    /**
     * Copies the headers; a null body is empty.
     *
     * @since 1.0.0
     */
    public OutboundResponse {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /**
     * The first value of a header (case-insensitive), or null.
     *
     * @since 1.0.0
     */
    public String header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }
}
