package dev.switchboard.host.engine.editor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The differences between two trees (JSON values), as the changes that turn the first into the second, each at its
 * JSON path ({@code nodes[0].nodes[1].params.actions[0].value}): {@code added} (only in the second), {@code removed}
 * (only in the first) or {@code changed} (a different value: text, number, or a different kind of value). Objects are
 * compared key by key and arrays element by element, so an edited param is one change at its path; a node inserted
 * before others shows as the later ones changed and the last one added.
 */
public final class TreeDiff {
    private TreeDiff() {
    }

    /** @return {@code [{path, change, from?, to?}]}, in document order */
    public static List<Map<String, Object>> diff(Object from, Object to, String path) {
        List<Map<String, Object>> out = new ArrayList<>();
        walk(from, to, path, out);
        return out;
    }

    private static void walk(Object a, Object b, String path, List<Map<String, Object>> out) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            Set<Object> keys = new LinkedHashSet<>(ma.keySet());
            keys.addAll(mb.keySet());
            for (Object k : keys) {
                String at = path + "." + k;
                if (!mb.containsKey(k)) {
                    out.add(change(at, "removed", ma.get(k), null));
                } else if (!ma.containsKey(k)) {
                    out.add(change(at, "added", null, mb.get(k)));
                } else {
                    walk(ma.get(k), mb.get(k), at, out);
                }
            }
        } else if (a instanceof List<?> la && b instanceof List<?> lb) {
            for (int i = 0; i < Math.max(la.size(), lb.size()); i++) {
                String at = path + "[" + i + "]";
                if (i >= lb.size()) {
                    out.add(change(at, "removed", la.get(i), null));
                } else if (i >= la.size()) {
                    out.add(change(at, "added", null, lb.get(i)));
                } else {
                    walk(la.get(i), lb.get(i), at, out);
                }
            }
        } else if (!same(a, b)) {
            out.add(change(path, "changed", a, b));
        }
    }

    /** Equal values; numbers by value (JSON does not tell 1 from 1.0). */
    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return Objects.equals(a, b);
    }

    private static Map<String, Object> change(String path, String change, Object from, Object to) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        m.put("change", change);
        if (!change.equals("added")) {
            m.put("from", from);
        }
        if (!change.equals("removed")) {
            m.put("to", to);
        }
        return m;
    }
}
