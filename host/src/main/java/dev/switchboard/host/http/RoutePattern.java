package dev.switchboard.host.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A route's path pattern: literal segments, {@code {name}} for one segment, and a final {@code {name...}} for the
 * rest of the path (possibly empty). Checked when made: a bad pattern is an {@link IllegalArgumentException} naming
 * it and the problem.
 */
public final class RoutePattern {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String pattern;
    private final List<String> segments;
    private final String restName;
    private final int literals;

    public RoutePattern(String pattern) {
        if (pattern == null || !pattern.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/': " + pattern);
        }
        if (pattern.indexOf('?') >= 0 || pattern.indexOf('#') >= 0) {
            throw new IllegalArgumentException("route path must not hold '?' or '#': " + pattern);
        }
        this.pattern = pattern;
        List<String> segs = new ArrayList<>(List.of(pattern.substring(1).split("/", -1)));
        String rest = null;
        String last = segs.get(segs.size() - 1);
        if (last.startsWith("{") && last.endsWith("...}")) {
            rest = last.substring(1, last.length() - 4);
            segs.remove(segs.size() - 1);
        }
        Set<String> names = new HashSet<>();
        for (String seg : segs) {
            if (seg.startsWith("{") && seg.endsWith("}")) {
                String name = seg.substring(1, seg.length() - 1);
                if (name.endsWith("...")) {
                    throw new IllegalArgumentException("a rest-of-path parameter must be the last segment: " + pattern);
                }
                checkName(name, names);
            } else if (seg.indexOf('{') >= 0 || seg.indexOf('}') >= 0) {
                throw new IllegalArgumentException("a parameter must be a whole segment, '{name}': " + pattern);
            }
        }
        if (rest != null) {
            checkName(rest, names);
        }
        this.segments = List.copyOf(segs);
        this.restName = rest;
        this.literals = (int) segs.stream().filter(s -> !s.startsWith("{")).count();
    }

    private void checkName(String name, Set<String> seen) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("parameter name '" + name + "' must be letters, digits and '_': "
                    + pattern);
        }
        if (!seen.add(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' is used twice: " + pattern);
        }
    }

    public String pattern() {
        return pattern;
    }

    /**
     * The pattern with its parameter names left out ({@code /a/{}/{...}}): two routes of the same method and shape
     * would answer the same requests, so they clash.
     */
    String shape() {
        StringBuilder sb = new StringBuilder();
        for (String seg : segments) {
            sb.append('/').append(seg.startsWith("{") ? "{}" : seg);
        }
        return restName == null ? sb.toString() : sb + "/{...}";
    }

    /** How specific the pattern is: more literal segments win over parameters. */
    int specificity() {
        return literals * 1000 + segments.size() * 10 + (restName == null ? 1 : 0);
    }

    /** The path parameters when the path matches, or null. */
    Map<String, String> match(String path) {
        return path.startsWith("/") ? match(segments(path)) : null;
    }

    /** A request path's segments, split once for matching against every route. */
    static String[] segments(String path) {
        return path.substring(1).split("/", -1);
    }

    /** The path parameters when the path (as {@link #segments}) matches, or null. */
    Map<String, String> match(String[] parts) {
        if (parts.length < segments.size() || (restName == null && parts.length != segments.size())) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String seg = segments.get(i);
            if (seg.startsWith("{") && seg.endsWith("}")) {
                if (parts[i].isEmpty()) {
                    return null;
                }
                params.put(seg.substring(1, seg.length() - 1), parts[i]);
            } else if (!seg.equals(parts[i])) {
                return null;
            }
        }
        if (restName != null) {
            params.put(restName, String.join("/", Arrays.copyOfRange(parts, segments.size(), parts.length)));
        }
        return params;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
