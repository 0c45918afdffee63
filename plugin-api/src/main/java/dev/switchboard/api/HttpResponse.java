package dev.switchboard.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * What an {@link HttpEndpoint} answers. Headers are sent in list order.
 *
 * <pre>{@code
 * return HttpResponse.json(201, host.json().write(Map.of("id", id)));
 * return new HttpResponse(302, List.of(new Header("Location", "/x")), new byte[0]);
 * }</pre>
 *
 * @param status  HTTP status
 * @param headers response headers, in order
 * @param body    response body (may be empty)
 * @since 1.0.0
 */
public record HttpResponse(int status, List<Header> headers, byte[] body) {
    /**
     * Copies the headers; a null body is empty.
     *
     * @since 1.0.0
     */
    public HttpResponse {
        headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
        body = body == null ? new byte[0] : body;
    }

    /**
     * A JSON response with {@code Content-Type: application/json}.
     *
     * @since 1.0.0
     */
    public static HttpResponse json(int status, String json) {
        return new HttpResponse(status, List.of(new Header("Content-Type", "application/json")),
                json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A plain-text response.
     *
     * @since 1.0.0
     */
    public static HttpResponse text(int status, String text) {
        return new HttpResponse(status, List.of(new Header("Content-Type", "text/plain; charset=utf-8")),
                text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An empty response with the given status.
     *
     * @since 1.0.0
     */
    public static HttpResponse empty(int status) {
        return new HttpResponse(status, List.of(), new byte[0]);
    }
}
