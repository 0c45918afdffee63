package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.Header;
import java.util.List;
import java.util.Map;

/**
 * A request to run a listener's behavior on: a live call or one rebuilt from the request log.
 *
 * @param path  the part after {@code /webhooks/{guid}/}, '' when none
 * @param query the raw query string
 * @param form  form fields of a urlencoded/multipart body
 */
record WebhookCall(String method, String path, String query, Map<String, List<String>> queryParams,
                   Map<String, List<String>> form, List<Header> headers, byte[] body, String clientIp) {
    Map<String, Object> placeholders() {
        return RequestDictionary.placeholders(method, path, body, headers, queryParams, form, clientIp);
    }
}
