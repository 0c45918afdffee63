package dev.switchboard.host.packages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading a parsed package: typed access that answers Cerb's "Invalid package JSON" with the path. */
final class PackageJson {
    private PackageJson() {
    }

    /** The list under {@code key}, empty when absent. */
    static List<?> list(Map<String, Object> root, String key, String path) {
        Object v = root.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new PackageException(422, "Invalid package JSON", path);
        }
        return l;
    }

    static Map<String, Object> object(Object v, String path) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new PackageException(422, "Invalid package JSON", path);
        }
        return map(m);
    }

    static Map<String, Object> map(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    static Map<String, Object> without(Map<String, Object> m, String key) {
        Map<String, Object> out = new LinkedHashMap<>(m);
        out.remove(key);
        return out;
    }

    static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(String.valueOf(kv[i]), kv[i + 1]);
        }
        return m;
    }

    /** Cerb's shape check: {@code Invalid JSON: <what> is missing properties (<keys>)}. */
    static void requireKeys(Map<String, Object> m, List<String> keys, String what, String path) {
        List<String> missing = keys.stream().filter(k -> !m.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            throw new PackageException(422, String.format("Invalid JSON: %s is missing properties (%s)", what,
                    String.join(", ", missing)), path);
        }
    }
}
