package dev.switchboard.host.tickets;

import dev.switchboard.api.Field;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.host.engine.BehaviorStore;
import dev.switchboard.host.http.Api;
import dev.switchboard.host.http.ApiRoutes;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/tickets/{id}/comments} and {@code GET /api/bots/{id}/comments}: the comments on a ticket or bot,
 * oldest first ({@code limit}, default 100, up to 1000). 404 when there is no such ticket or bot.
 */
public final class CommentRoutes implements ApiRoutes {
    private final Comments comments;
    private final Tickets tickets;
    private final BehaviorStore bots;

    public CommentRoutes(Comments comments, Tickets tickets, BehaviorStore bots) {
        this.comments = comments;
        this.tickets = tickets;
        this.bots = bots;
    }

    @Override
    public void register(Api api) {
        api.get("/api/tickets/{id}/comments", ctx -> {
            long id = Api.idParam(ctx, "id");
            if (tickets.get(id).isEmpty()) {
                throw new HttpStatusException(404, "no ticket with id " + id);
            }
            api.json(ctx, 200, listed(Comments.On.TICKET, id, Api.intParam(ctx, "limit", 100, 1, 1000)));
        }).summary("A ticket's comments, newest first (limit)").response(CommentList.class);
        api.get("/api/bots/{id}/comments", ctx -> {
            long id = Api.idParam(ctx, "id");
            if (bots.bot(id).isEmpty()) {
                throw new HttpStatusException(404, "no bot with id " + id);
            }
            api.json(ctx, 200, listed(Comments.On.BOT, id, Api.intParam(ctx, "limit", 100, 1, 1000)));
        }).summary("A bot's comments, newest first (limit)").response(CommentList.class);
    }

    private Map<String, Object> listed(Comments.On on, long id, int limit) {
        return Map.of("comments", comments.list(on, id, limit).stream().map(Comments.Comment::toMap).toList());
    }

    /** Comments as the API answers them, for the API document. */
    record CommentList(List<Comment> comments) {
        record Comment(long id, String context, long contextId, @Field(required = false) String author,
                       String content, @Field(required = false) List<Object> notifyWorkerIds, long createdAt) {
        }
    }
}
