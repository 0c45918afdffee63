package dev.switchboard.host.http;

/**
 * Told of every answered {@code /api/} call of a signed-in caller (a stranger's calls are not reported), after the
 * answer has been written: the route-call events feature implements it.
 */
@FunctionalInterface
public interface ApiCallListener {
    /**
     * One answered call.
     *
     * @param method       upper case
     * @param path         the path, without the query
     * @param query        the raw query string, or '' when there is none
     * @param principal    who called
     * @param requestBody  the body as read by the route, or null when it read none
     * @param status       the answer's status
     * @param responseBody the answer's body, or null
     */
    record ApiCall(String method, String path, String query, String principal, byte[] requestBody, int status,
                   byte[] responseBody) {
    }

    void called(ApiCall call);
}
