package dev.switchboard.host.template;

import dev.switchboard.host.config.Config;
import java.time.Duration;

/**
 * The bounds every render runs within (SECURITY.md 5), and how many parsed templates are kept.
 *
 * @param maxOutputChars   longest output, in characters ({@code templates.max_output}, default 1 MiB)
 * @param maxStringChars   longest string a template may build ({@code templates.max_string}, default 1 MiB)
 * @param maxCollection    most entries in one list or dict ({@code templates.max_collection}, default 10,000)
 * @param maxDepth         deepest nesting of macro calls ({@code templates.max_depth}, default 10)
 * @param renderTimeout    wall-clock limit per render ({@code templates.render_timeout_ms}, default 2,000)
 * @param cacheSize        parsed templates kept ({@code templates.cache_size}, default 1,000)
 */
public record TemplateLimits(long maxOutputChars, long maxStringChars, int maxCollection, int maxDepth,
        Duration renderTimeout, int cacheSize) {
    private static final long MIB = 1 << 20;

    /** The defaults SECURITY.md asks for. */
    public static TemplateLimits defaults() {
        return new TemplateLimits(MIB, MIB, 10_000, 10, Duration.ofSeconds(2), 1_000);
    }

    /** The limits from configuration, each key falling back to its default. */
    public static TemplateLimits from(Config config) {
        TemplateLimits d = defaults();
        return new TemplateLimits(
                config.longValue("templates.max_output", d.maxOutputChars, 1024, 64 * MIB),
                config.longValue("templates.max_string", d.maxStringChars, 1024, 64 * MIB),
                config.intValue("templates.max_collection", d.maxCollection, 100, 1_000_000),
                config.intValue("templates.max_depth", d.maxDepth, 1, 100),
                Duration.ofMillis(config.longValue("templates.render_timeout_ms",
                        d.renderTimeout.toMillis(), 10, 600_000)),
                config.intValue("templates.cache_size", d.cacheSize, 0, 1_000_000));
    }
}
