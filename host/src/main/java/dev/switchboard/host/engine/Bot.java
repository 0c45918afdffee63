package dev.switchboard.host.engine;

import java.util.Map;

/**
 * A stored bot (Cerb's "virtual attendant").
 *
 * @param id       database id
 * @param uid      the package uid it was imported with, or null
 * @param name     name
 * @param disabled true when none of its behaviors run
 * @param params   {@code config}, {@code events}, {@code actions} as in Cerb packages
 * @param owner    {@code {context, id}}
 * @param image    a data: URL, or null
 */
public record Bot(long id, String uid, String name, boolean disabled, Map<String, Object> params,
                  Map<String, Object> owner, String image, long createdAt, long updatedAt) {

    /** {@code params.config}: what behaviors see as {@code va_config}. */
    public Object config() {
        return params == null ? null : params.get("config");
    }
}
