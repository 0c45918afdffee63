package dev.switchboard.host.template;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Parsed templates by their text, least recently used dropped first (SECURITY.md 6: re-parsing doubles the cost of
 * a render). Lookups take a short lock; parsing happens outside it, so two threads may both parse a new template
 * once and the second result wins.
 *
 * @param <V> what a parse gives
 */
final class ParseCache<V> {
    private final int capacity;
    private final Map<String, V> entries;

    ParseCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > ParseCache.this.capacity;
            }
        };
    }

    /** The cached value for the text, or what {@code parse} makes of it (then kept). */
    V get(String text, Function<String, V> parse) {
        if (capacity == 0) {
            return parse.apply(text);
        }
        V value;
        synchronized (entries) {
            value = entries.get(text);
        }
        if (value == null) {
            value = parse.apply(text);
            synchronized (entries) {
                entries.put(text, value);
            }
        }
        return value;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
