package dev.switchboard.host.engine;

import dev.switchboard.api.ActionContext;
import dev.switchboard.api.BehaviorInfo;
import dev.switchboard.host.secrets.Redaction;
import java.util.Map;

/**
 * The {@link ActionContext} one action call gets. Closed when the call returns or is abandoned: an abandoned
 * plugin action that wakes up later can no longer add to the trace or steer the run.
 */
final class Step implements ActionContext, RunControl {
    private final Run run;
    private final int depth;
    private final Map<String, Object> dictionary;
    private volatile boolean closed;

    Step(Run run, int depth, Map<String, Object> dictionary) {
        this.run = run;
        this.depth = depth;
        this.dictionary = dictionary;
    }

    void close() {
        closed = true;
    }

    @Override
    public String eventId() {
        return run.behavior().behavior().eventId();
    }

    @Override
    public BehaviorInfo behavior() {
        return run.behavior().info();
    }

    @Override
    public Map<String, Object> dictionary() {
        return dictionary;
    }

    @Override
    public boolean simulating() {
        return run.simulating();
    }

    @Override
    public String render(String template) {
        return run.render(template, dictionary);
    }

    @Override
    public void note(String message) {
        if (!closed) {
            // A plugin's note may name a URL with its ?api_key= or a header line: the one policy masks them.
            run.trace(depth, "note", Map.of("message", message == null ? "" : Redaction.maskText(message)));
        }
    }

    @Override
    public void exit(String mode) {
        if (!closed) {
            run.exit(mode, depth);
        }
    }

    @Override
    public void runSubroutine(String title) {
        if (!closed) {
            run.callSubroutine(title, depth);
        }
    }

    @Override
    public java.time.Duration remaining() {
        return java.time.Duration.ofMillis(Math.max(1, Math.min(run.remainingMillis(), 3_600_000L)));
    }
}
