package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.BehaviorDisabledException;
import dev.switchboard.api.BehaviorInfo;
import dev.switchboard.api.BehaviorRun;
import dev.switchboard.api.Behaviors;
import dev.switchboard.api.HttpResponse;
import dev.switchboard.api.Metrics;
import dev.switchboard.api.PluginHost;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs exactly a listener's behavior on a call and turns its dictionary into the answer: 503 with Cerb's body when
 * the behavior or its bot is disabled (or gone), 503 saying an action is missing when the run met an action no
 * started plugin provides (a disabled plugin's), 500 with a short generic body when the run fails (the detail is
 * logged and kept in the request log).
 *
 * <p>The run has a deadline: the listener's {@code run_timeout_ms}, else the host's {@code engine.run_timeout_ms}.
 * A run that reaches it answers the same 500 as a failed run, never what it had built so far: a half-run behavior
 * may not have reached the check that would have refused the call (a signature, a token), and Cerb itself ends
 * with PHP's fatal error (500) when its time limit cuts a request off. The request log keeps the trace up to the
 * stop.
 */
final class WebhookRunner {
    static final String UNAVAILABLE = "<h1>503: Temporarily unavailable</h1>";
    static final String FAILED = "<h1>500: Internal error</h1>";
    static final String MISSING_ACTION = "<h1>503: Temporarily unavailable</h1>\n<p>An action this webhook's behavior "
            + "uses is missing (is the plugin that provides it enabled?). The request log names it.</p>";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookRunner.class);

    private final Behaviors behaviors;
    private final Metrics metrics;

    /**
     * What a run answered.
     *
     * @param trace the run's trace, empty when it did not run
     * @param error what went wrong (failed actions or the failure), or null
     */
    record Outcome(HttpResponse response, List<Map<String, Object>> trace, String error) {
    }

    WebhookRunner(PluginHost host, Behaviors behaviors) {
        this.behaviors = behaviors;
        this.metrics = host.metrics();
    }

    Outcome run(Listener listener, WebhookCall call, boolean simulate) {
        Optional<BehaviorInfo> behavior = behaviors.find(listener.behaviorId());
        if (behavior.isEmpty() || behavior.get().disabled()) {
            return unavailable(behavior.isEmpty() ? "behavior " + listener.behaviorId() + " no longer exists"
                    : "behavior " + listener.behaviorId() + " or its bot is disabled");
        }
        return outcome(listener, () -> behaviors.run(listener.behaviorId(), call.placeholders(), simulate,
                timeout(listener)));
    }

    /**
     * What the listener's behavior's draft would answer the call: a dry run of the tree being edited (the live tree
     * when there is no draft), whether or not the behavior is enabled, since that is how an edit is tried first.
     */
    Outcome simulateDraft(Listener listener, WebhookCall call) {
        if (behaviors.find(listener.behaviorId()).isEmpty()) {
            return unavailable("behavior " + listener.behaviorId() + " no longer exists");
        }
        return outcome(listener, () -> behaviors.simulateDraft(listener.behaviorId(), call.placeholders(),
                timeout(listener)));
    }

    private static Duration timeout(Listener listener) {
        return listener.runTimeoutMs() == null ? null : Duration.ofMillis(listener.runTimeoutMs());
    }

    private Outcome outcome(Listener listener, Supplier<BehaviorRun> runner) {
        try {
            BehaviorRun run = runner.get();
            String errors = run.errors().isEmpty() ? null : String.join("\n", run.errors());
            if (run.timedOut()) {
                LOG.warn("webhook listener {}: behavior {} ran out of time: {}", listener.id(), listener.behaviorId(),
                        run.errors().get(run.errors().size() - 1));
                metrics.increment("webhooks.behavior.timeouts", "listener", Long.toString(listener.id()));
                return new Outcome(WebhookReply.page(500, FAILED, List.of()), run.trace(), errors);
            }
            if (run.trace().stream().anyMatch(e -> Boolean.TRUE.equals(e.get("missing")))) {
                // Never what the rest of the run built: a check it skipped (a signature) would answer misleadingly.
                LOG.warn("webhook listener {}: behavior {} uses a missing action: {}", listener.id(),
                        listener.behaviorId(), errors);
                return new Outcome(WebhookReply.page(503, MISSING_ACTION, List.of()), run.trace(), errors);
            }
            return new Outcome(WebhookReply.from(run.dictionary()), run.trace(), errors);
        } catch (BehaviorDisabledException e) {
            return unavailable(e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("webhook listener {}: behavior {} failed", listener.id(), listener.behaviorId(), e);
            metrics.increment("webhooks.behavior.errors", "listener", Long.toString(listener.id()));
            return new Outcome(WebhookReply.page(500, FAILED, List.of()), List.of(), String.valueOf(e));
        }
    }

    private static Outcome unavailable(String why) {
        return new Outcome(WebhookReply.page(503, UNAVAILABLE, List.of()), List.of(), why);
    }
}
