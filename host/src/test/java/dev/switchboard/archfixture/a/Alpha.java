package dev.switchboard.archfixture.a;

import dev.switchboard.archfixture.b.Beta;

/** A deliberate break for the architecture test: {@code a} and {@code b} use each other, a package cycle. */
public final class Alpha {
    private Alpha() {
    }

    /** Uses {@code b}. */
    public static String name() {
        return "alpha of " + Beta.class.getSimpleName();
    }
}
