package dev.switchboard.host.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin endpoint's path pattern: literal segments, {@code {name}} for one segment, and a final
 * {@code {name...}} for the rest of the path (possibly empty).
 */
final class RoutePattern {
    private final String pattern;
    private final List<String> segments;
    private final String restName;
    private final int literals;

    RoutePattern(String pattern) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("endpoint path must start with '/': " + pattern);
        }
        this.pattern = pattern;
        List<String> segs = new ArrayList<>(List.of(pattern.substring(1).split("/", -1)));
        String rest = null;
        if (!segs.isEmpty()) {
            String last = segs.get(segs.size() - 1);
            if (last.startsWith("{") && last.endsWith("...}")) {
                rest = last.substring(1, last.length() - 4);
                segs.remove(segs.size() - 1);
            }
        }
        this.segments = List.copyOf(segs);
        this.restName = rest;
        this.literals = (int) segs.stream().filter(s -> !s.startsWith("{")).count();
    }

    String pattern() {
        return pattern;
    }

    /** How specific the pattern is: more literal segments win over parameters. */
    int specificity() {
        return literals * 1000 + segments.size() * 10 + (restName == null ? 1 : 0);
    }

    /** The path parameters when the path matches, or null. */
    Map<String, String> match(String path) {
        if (!path.startsWith("/")) {
            return null;
        }
        String[] parts = path.substring(1).split("/", -1);
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
            params.put(restName, String.join("/", java.util.Arrays.copyOfRange(parts, segments.size(), parts.length)));
        }
        return params;
    }
}
