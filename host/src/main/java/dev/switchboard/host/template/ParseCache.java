package dev.switchboard.host.template;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Function;

/**
 * Parsed templates by their text, at most {@code capacity} of them (SECURITY.md 6: re-parsing doubles the cost of a
 * render). A Caffeine cache: a hit takes no lock, so renders on many threads never wait for each other here; a miss
 * parses once per text while other callers of that same text wait for the result. Which template is dropped when
 * the cache is full is Caffeine's choice (the least likely to be used again, by recency and frequency).
 *
 * @param <V> what a parse gives
 */
final class ParseCache<V> {
    private final Cache<String, V> entries;

    ParseCache(int capacity) {
        // maintenance (eviction) runs on the calling thread: no pool thread, and size() is exact after a call
        this.entries = capacity == 0 ? null
                : Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).build();
    }

    /** The cached value for the text, or what {@code parse} makes of it (then kept). */
    V get(String text, Function<String, V> parse) {
        return entries == null ? parse.apply(text) : entries.get(text, parse);
    }

    /** The number of texts kept now. */
    long size() {
        if (entries == null) {
            return 0;
        }
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
