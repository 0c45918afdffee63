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
 */
public record BehaviorRun(Map<String, Object> dictionary, boolean exited, List<String> errors,
                          List<Map<String, Object>> trace) {
    public BehaviorRun {
        errors = List.copyOf(errors);
        trace = List.copyOf(trace);
    }
}
