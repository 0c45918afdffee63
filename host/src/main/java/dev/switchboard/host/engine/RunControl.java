package dev.switchboard.host.engine;

/**
 * What the engine's own global actions ({@code _exit}, {@code _run_subroutine}) can do beyond an ordinary
 * {@link dev.switchboard.api.ActionContext}: steer the traversal. Host-internal; plugins never see it.
 */
public interface RunControl {
    /** Stops the whole run after the current action ({@code _exit}). */
    void exit(String mode);

    /**
     * Runs the root-level subroutine with this title, then returns to the caller's next step.
     *
     * @throws dev.switchboard.api.ActionException when there is no such subroutine or calls nest too deep
     */
    void runSubroutine(String title);

    /** What is left of the run's deadline: a behavior this run calls ({@code _run_behavior}) gets no more. */
    java.time.Duration remaining();
}
