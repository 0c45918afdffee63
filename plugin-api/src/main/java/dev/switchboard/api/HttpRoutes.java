package dev.switchboard.api;

import org.pf4j.ExtensionPoint;

/**
 * Declares any number of routes the host serves for a plugin while it is started (404 once it is stopped). The host
 * calls {@link #routes(Routes)} once per plugin start, checks every pattern and refuses to start a plugin whose
 * routes clash with the host's or another started plugin's (same method, same path shape), naming both. For a known
 * path asked with another method the host answers 405 with {@code Allow} itself; {@code GET /api/routes} lists every
 * route of the host and the plugins.
 *
 * <pre>{@code
 * @Extension
 * public final class NotesRoutes implements HttpRoutes {
 *     public void routes(Routes r) {
 *         r.get("/api/notes/{id}", Access.ADMIN, req -> HttpResponse.text(200, "note " + req.pathLong("id")))
 *                 .summary("One note");
 *         r.post("/api/notes", Access.ADMIN, req -> HttpResponse.json(201, "{}"))
 *                 .summary("Creates a note").body(NoteInput.class).status(201, "the new note");
 *     }
 * }
 * }</pre>
 *
 * @since 1.4.0
 */
public interface HttpRoutes extends ExtensionPoint {
    /**
     * Declares this extension's routes on {@code routes}.
     *
     * @since 1.4.0
     */
    void routes(Routes routes);
}
