package dev.switchboard.archfixture.b;

import dev.switchboard.archfixture.a.Alpha;

/** A deliberate break for the architecture test: the other half of the {@code a} ↔ {@code b} cycle. */
public final class Beta {
    private Beta() {
    }

    /** Uses {@code a}. */
    public static String name() {
        return "beta of " + Alpha.name();
    }
}
