package dev.switchboard.api;

/**
 * The host's outbound HTTP client: checks the address actually connected to against the SSRF deny list (unless
 * allowlisted by {@code SWITCHBOARD_OUTBOUND_ALLOWLIST}), never follows redirects, caps the captured response.
 *
 * <pre>{@code
 * OutboundResponse r = host.http().send(new OutboundRequest("GET", url, List.of(), null, Duration.ofSeconds(5)));
 * }</pre>
 *
 * @since 1.0.0
 */
public interface OutboundHttp {
    /**
     * Sends a request and waits for the answer.
     *
     * @throws OutboundException when no HTTP answer came (blocked, DNS, connect, timeout, bad URL)
     * @since 1.0.0
     */
    OutboundResponse send(OutboundRequest request);
}
