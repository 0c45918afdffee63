package dev.switchboard.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and runs behaviors. Lookups are served from the host's cache (no database read on the hot path).
 *
 * <pre>{@code
 * BehaviorRun run = host.behaviors().run(listener.behaviorId(), Map.of("http_verb", "POST"), false);
 * }</pre>
 *
 * @since 1.0.0
 */
public interface Behaviors {
    /**
     * The behavior with this id, if it exists.
     *
     * @since 1.0.0
     */
    Optional<BehaviorInfo> find(long id);

    /**
     * The behavior with this id as seen inside a transaction (e.g. one created earlier in a package import).
     *
     * @since 1.0.0
     */
    Optional<BehaviorInfo> find(Sql sql, long id);

    /**
     * Runs exactly this behavior on its event with the given placeholders (the host adds the bot's and the
     * behavior's own placeholders and variables).
     *
     * @param simulate true for a dry run: simulator nodes run, side-effect actions are described, not done
     * @throws BehaviorDisabledException when the behavior or its bot is disabled
     * @throws SwitchboardException when no such behavior exists
     * @since 1.0.0
     */
    BehaviorRun run(long behaviorId, Map<String, Object> placeholders, boolean simulate);

    /**
     * As {@link #run(long, Map, boolean)}, within a deadline of the caller's choosing instead of the host's
     * {@code engine.run_timeout_ms}: every condition, loop, subroutine call, template render and action of the run
     * stops once it passed, and the result says {@link BehaviorRun#timedOut()}.
     *
     * <pre>{@code
     * BehaviorRun run = host.behaviors().run(id, placeholders, false, Duration.ofSeconds(5));
     * if (run.timedOut()) { return HttpResponse.text(500, "behavior ran out of time"); }
     * }</pre>
     *
     * @param timeout how long the whole run may take; null for the host's default
     * @since 1.3.0
     */
    BehaviorRun run(long behaviorId, Map<String, Object> placeholders, boolean simulate, Duration timeout);

    /**
     * A run's trace as indented lines for people, the same text the simulator shows (e.g. for a request log).
     *
     * <pre>{@code
     * List<String> lines = host.behaviors().traceText(run.trace());
     * }</pre>
     *
     * @since 1.0.0
     */
    List<String> traceText(List<Map<String, Object>> trace);
}
