package dev.switchboard.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An HTTP request to another system, sent through {@link OutboundHttp}.
 *
 * <pre>{@code
 * new OutboundRequest("POST", "https://hooks.example.com/x",
 *     List.of(new Header("Content-Type", "application/json")), body, Duration.ofSeconds(10));
 * }</pre>
 *
 * @param method  HTTP method
 * @param url     absolute http or https URL
 * @param headers request headers in order
 * @param body    body bytes (empty for none)
 * @param timeout total time allowed (the host caps it)
 * @since 1.0.0
 */
public record OutboundRequest(String method, String url, List<Header> headers, byte[] body, Duration timeout) {
    /**
     * Checks method and URL; null headers are none, a null body empty, a null timeout 30 seconds.
     *
     * @since 1.0.0
     */
    public OutboundRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = List.copyOf(headers == null ? List.of() : headers);
        body = body == null ? new byte[0] : body;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    }
}
