package dev.switchboard.webhooks.outbound;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A subscription's route-call event (APIO): {@code "route:POST ^/api/tickets$"} in its {@code events} picks admin API
 * calls by method ({@code *} for any) and a regular expression found in the URL (path and query). The text after
 * {@code route:} is the match's tag in the payload.
 *
 * @param tag     {@code METHOD regex}, as written
 * @param method  upper-case method, or {@code *}
 * @param url     the expression searched for in the URL
 */
record RouteMatch(String tag, String method, Pattern url) {
    /** The prefix of a route-call entry in {@code events}. */
    static final String PREFIX = "route:";
    /** The host event these entries match. */
    static final String EVENT = "api.route_called";

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "*");
    private static final int MAX_EXPRESSION = 500;
    private static final Map<String, RouteMatch> PARSED = new ConcurrentHashMap<>();

    /** Whether an {@code events} entry is a route-call entry. */
    static boolean isRoute(String entry) {
        return entry.startsWith(PREFIX);
    }

    /**
     * Parses an entry (cached: subscriptions are matched on every API call).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static RouteMatch parse(String entry) {
        RouteMatch known = PARSED.get(entry);
        if (known != null) {
            return known;
        }
        String tag = entry.substring(PREFIX.length()).trim();
        int space = tag.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("a route event is 'route:METHOD regex', e.g. 'route:POST ^/api/tickets$', got "
                    + entry);
        }
        String method = tag.substring(0, space).toUpperCase(Locale.ROOT);
        String expression = tag.substring(space + 1).trim();
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("route method must be one of GET, POST, PUT, PATCH, DELETE or *, got "
                    + method);
        }
        if (expression.isEmpty() || expression.length() > MAX_EXPRESSION) {
            throw new IllegalArgumentException("route expression must have 1 to " + MAX_EXPRESSION + " characters");
        }
        try {
            RouteMatch parsed = new RouteMatch(tag, method, Pattern.compile(expression));
            if (PARSED.size() < 10_000) {
                PARSED.put(entry, parsed);
            }
            return parsed;
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("route expression does not compile: " + e.getDescription());
        }
    }

    /** Whether a call with this method and URL is one this entry picks. */
    boolean matches(String callMethod, String callUrl) {
        return (method.equals("*") || method.equalsIgnoreCase(callMethod)) && url.matcher(callUrl).find();
    }
}
