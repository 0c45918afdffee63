package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.Header;
import java.util.List;
import java.util.Map;

/**
 * One webhook call as the request log records it. Built on the request thread from references only; truncation,
 * redaction and JSON ({@link LogJson}) happen when its row is built: on the request thread for a durable listener,
 * on the log writer's thread for a best-effort one.
 *
 * @param replayOf the request-log id this call replays, or null for a real call
 * @param replaySimulated for a replay, whether it ran as a simulation (null for a real call)
 */
record LoggedRequest(long listenerId, long receivedAt, String method, String path, String query, String clientIp,
                     List<Header> requestHeaders, byte[] requestBody, List<Header> responseHeaders, int status,
                     byte[] responseBody, long durationMicros, List<Map<String, Object>> trace, String error,
                     Long replayOf, Boolean replaySimulated) {
    /** About how much memory this entry holds: the bodies, the response again in the trace, and a little more. */
    long weight() {
        return requestBody.length + 2L * responseBody.length + 2048;
    }
}
