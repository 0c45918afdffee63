package dev.switchboard.api;

import dev.switchboard.api.HttpEndpoint.Access;

/**
 * Where an {@link HttpRoutes} extension declares its routes: a method, a path pattern, who may call it and the
 * handler, plus what an API document needs to describe it (a one-line summary, the request body's record type, the
 * success status and what the answer holds).
 *
 * <p>Pattern syntax: literal segments, {@code {name}} for one segment, and a last segment {@code {name...}} for the
 * rest of the path, which may be empty. Names are letters, digits and {@code _}, each used once. {@link Access#ADMIN}
 * routes live under {@code /api/} and need an admin token; {@link Access#PUBLIC} routes must not be under
 * {@code /api/} or {@code /admin}. A bad pattern fails the plugin's start with a message naming it.
 *
 * <pre>{@code
 * r.get("/api/notes", Access.ADMIN, notes::list).summary("Lists notes").status(200, "{\"notes\": [...]}");
 * r.any("/hooks/{key}/{rest...}", Access.PUBLIC, hooks::receive).summary("Receives a hook call, any method");
 * }</pre>
 *
 * @since 1.4.0
 */
public interface Routes {
    /**
     * Handles one request of a declared route.
     *
     * <pre>{@code
     * Routes.Handler show = request -> HttpResponse.text(200, "id " + request.pathLong("id"));
     * }</pre>
     *
     * @since 1.4.0
     */
    @FunctionalInterface
    interface Handler {
        /**
         * Answers one request.
         *
         * @throws HttpStatusException for an error answer with a status and message
         * @throws Exception anything else becomes a 500 with a generic body; the detail is logged
         * @since 1.4.0
         */
        HttpResponse handle(HttpRequest request) throws Exception;
    }

    /**
     * A declared route's description, for {@code GET /api/routes} and the API document. Every setter returns the
     * route, so they chain.
     *
     * <pre>{@code
     * r.put("/api/notes/{id}", Access.ADMIN, notes::replace)
     *         .summary("Replaces a note").body(NoteInput.class).status(200, "the note as stored");
     * }</pre>
     *
     * @since 1.4.0
     */
    interface Route {
        /**
         * A one-line description, e.g. {@code "Lists the listeners"}.
         *
         * @since 1.4.0
         */
        Route summary(String summary);

        /**
         * The record type the request body binds to ({@link HttpRequest#bodyAs(Class, long)}), if the route takes one.
         *
         * @since 1.4.0
         */
        Route body(Class<? extends Record> type);

        /**
         * The status of a successful answer (default 200) and a short description of what it holds.
         *
         * @since 1.4.0
         */
        Route status(int status, String description);

        /**
         * The record whose JSON a successful answer is, for the API document's response schema: each component is a
         * property named in snake case (as {@link #body} reads them), one marked {@code @Field(required = false)}
         * may be absent or null, a {@code List<X>} is an array of X, a {@code Map} any object, {@code Object} any
         * value. The answer may carry more properties than the record names.
         *
         * <pre>{@code
         * record NoteList(List<Note> notes, @Field(required = false) Long next) { }
         * r.get("/api/notes", Access.ADMIN, notes::list).summary("Lists notes").response(NoteList.class);
         * }</pre>
         *
         * @since 1.4.0
         */
        Route response(Class<? extends Record> type);
    }

    /**
     * Declares {@code GET path}.
     *
     * @since 1.4.0
     */
    Route get(String path, Access access, Handler handler);

    /**
     * Declares {@code POST path}.
     *
     * @since 1.4.0
     */
    Route post(String path, Access access, Handler handler);

    /**
     * Declares {@code PUT path}.
     *
     * @since 1.4.0
     */
    Route put(String path, Access access, Handler handler);

    /**
     * Declares {@code PATCH path}.
     *
     * @since 1.4.0
     */
    Route patch(String path, Access access, Handler handler);

    /**
     * Declares {@code DELETE path}.
     *
     * @since 1.4.0
     */
    Route delete(String path, Access access, Handler handler);

    /**
     * Declares a route that takes every method (a webhook receiver); it clashes with any route of the same shape.
     *
     * @since 1.4.0
     */
    Route any(String path, Access access, Handler handler);
}
