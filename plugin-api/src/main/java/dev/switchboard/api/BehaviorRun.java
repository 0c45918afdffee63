package dev.switchboard.api;

import java.util.List;
import java.util.Map;

/**
 * The outcome of running a behavior.
 *
 * <pre>{@code
 * BehaviorRun run = host.behaviors().run(behaviorId, placeholders, false);
 * Object status = run.dictionary().get("_http_status");
 * }</pre>
 *
 * @param dictionary the final dictionary (placeholders, variables, what actions wrote)
 * @param exited     true when {@code _exit} stopped the run
 * @param errors     failures recorded while running (node title and message); the run went on past each
 * @param trace      every node visited, condition result and action, as JSON-like maps
 * @param timedOut   true when the run's deadline passed and the run stopped where it was (the dictionary holds
 *                   what it had built so far; the last error and trace entry say so). Since API 1.3.0.
 * @since 1.0.0
 */
public record BehaviorRun(Map<String, Object> dictionary, boolean exited, List<String> errors,
                          List<Map<String, Object>> trace, boolean timedOut) {
    /**
     * Copies errors and trace.
     *
     * @since 1.3.0
     */
    public BehaviorRun {
        errors = List.copyOf(errors);
        trace = List.copyOf(trace);
    }

    /**
     * A run that finished within its deadline (the constructor of API 1.0.0).
     *
     * @since 1.0.0
     */
    public BehaviorRun(Map<String, Object> dictionary, boolean exited, List<String> errors,
                       List<Map<String, Object>> trace) {
        this(dictionary, exited, errors, trace, false);
    }
}
