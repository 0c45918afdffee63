package dev.switchboard.samples;

import java.util.Map;

/** Reading prepared action params. */
final class Params {
    private Params() {
    }

    /** The param as text; empty when absent. */
    static String text(Map<String, Object> params, String name) {
        Object v = params.get(name);
        return v == null ? "" : v.toString();
    }
}
