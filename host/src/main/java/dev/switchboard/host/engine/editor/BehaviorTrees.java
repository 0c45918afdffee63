package dev.switchboard.host.engine.editor;

import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.Json;
import dev.switchboard.api.Row;
import dev.switchboard.api.Sql;
import dev.switchboard.host.engine.BehaviorStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A behavior's trees as the editor sees them: the live tree ({@code behavior.nodes}, what runs), an optional draft,
 * and every saved tree as a numbered revision ({@code behavior_revision}). Every tree write names the
 * {@code tree_version} it read and is refused with a 409 when another write came first (the row's version is
 * compare-and-set before anything else is written, so a concurrent writer waits for it and then sees the change).
 * Only {@link #publish} and {@link #rollback} change the live tree, through {@link BehaviorStore#setLiveNodes}, in
 * the same transaction as the revision bookkeeping.
 */
public final class BehaviorTrees {
    /** A note is at most this long (the column holds 500). */
    public static final int MAX_NOTE = 500;

    private final BehaviorStore store;
    private final Json json;
    private final Clock clock;

    public BehaviorTrees(BehaviorStore store, Json json, Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The tree an editor works on.
     *
     * @param version      what the next write must name
     * @param nodes        the draft's nodes, or the live tree's when there is no draft
     * @param draft        the draft's revision number, or null when there is none
     * @param liveRevision the revision the live tree was published from, or null when it predates revisions
     */
    public record Tree(long version, Object nodes, Integer draft, Integer liveRevision) {
    }

    /** One saved tree. */
    public record Revision(int number, String author, String note, long createdAt, Object nodes) {
    }

    /** The editor's tree, or empty when there is no such behavior. */
    public Optional<Tree> tree(Sql sql, long behaviorId) {
        return sql.first("SELECT b.tree_version, b.nodes, b.draft_revision, b.live_revision, r.nodes AS draft_nodes"
                + " FROM behavior b LEFT JOIN behavior_revision r ON r.behavior_id = b.id"
                + " AND r.number = b.draft_revision WHERE b.id = ?", behaviorId).map(this::tree);
    }

    /** The first revision of a behavior made through the API: its (empty) tree, live. */
    public void created(Sql sql, long behaviorId, Object nodes, String author) {
        int number = insert(sql, behaviorId, nodes, author, "created");
        sql.update("UPDATE behavior SET live_revision = ? WHERE id = ?", number, behaviorId);
    }

    /**
     * Saves a tree (already validated) as a new revision and makes it the draft. The live tree does not change.
     *
     * @throws HttpStatusException 409 when {@code version} is not the current one
     */
    public Tree saveDraft(Sql sql, long behaviorId, long version, Object nodes, String author, String note) {
        Tree before = claim(sql, behaviorId, version);
        if (before.liveRevision() == null) {
            // keep the tree that predates revisions, so it can be compared with and rolled back to
            int live = insert(sql, behaviorId, liveNodes(sql, behaviorId), author, "the live tree before the first edit");
            sql.update("UPDATE behavior SET live_revision = ? WHERE id = ?", live, behaviorId);
        }
        int number = insert(sql, behaviorId, nodes, author, note);
        sql.update("UPDATE behavior SET draft_revision = ? WHERE id = ?", number, behaviorId);
        return tree(sql, behaviorId).orElseThrow();
    }

    /**
     * Makes the draft the live tree.
     *
     * @param version the version the caller read (and validated the draft at)
     * @throws HttpStatusException 409 when the version is stale or there is no draft
     */
    public Tree publish(Sql sql, long behaviorId, long version) {
        Tree before = claim(sql, behaviorId, version);
        if (before.draft() == null) {
            throw new HttpStatusException(409, "behavior " + behaviorId + " has no draft to publish");
        }
        store.setLiveNodes(sql, behaviorId, before.nodes());
        sql.update("UPDATE behavior SET live_revision = draft_revision, draft_revision = NULL WHERE id = ?",
                behaviorId);
        return tree(sql, behaviorId).orElseThrow();
    }

    /**
     * Makes an earlier revision's tree live again, as a new revision (so the history shows who rolled back); a
     * draft is dropped (it stays in the history as the revision it was saved as).
     *
     * @throws HttpStatusException 409 when the version is stale
     */
    public Tree rollback(Sql sql, long behaviorId, long version, Revision to, String author, String note) {
        claim(sql, behaviorId, version);
        String text = "rollback to revision " + to.number() + (note.isBlank() ? "" : ": " + note);
        int number = insert(sql, behaviorId, to.nodes(), author, text.length() > MAX_NOTE
                ? text.substring(0, MAX_NOTE) : text);
        store.setLiveNodes(sql, behaviorId, to.nodes());
        sql.update("UPDATE behavior SET live_revision = ?, draft_revision = NULL WHERE id = ?", number, behaviorId);
        return tree(sql, behaviorId).orElseThrow();
    }

    /** Newest first, without their trees. */
    public List<Revision> revisions(Sql sql, long behaviorId) {
        return sql.query("SELECT number, author, note, created_at FROM behavior_revision WHERE behavior_id = ?"
                + " ORDER BY number DESC", behaviorId).stream().map(r -> new Revision(r.getInt("number", 0),
                r.getString("author"), r.getString("note"), r.getLong("created_at"), null)).toList();
    }

    public Optional<Revision> revision(Sql sql, long behaviorId, int number) {
        return sql.first("SELECT number, author, note, created_at, nodes FROM behavior_revision"
                + " WHERE behavior_id = ? AND number = ?", behaviorId, number).map(r -> new Revision(
                r.getInt("number", 0), r.getString("author"), r.getString("note"), r.getLong("created_at"),
                json.parse(r.getString("nodes"))));
    }

    /**
     * Compare-and-set of the tree version, before anything else is written: a second writer with the same version
     * waits on the row and then updates nothing.
     */
    private Tree claim(Sql sql, long behaviorId, long version) {
        if (sql.update("UPDATE behavior SET tree_version = tree_version + 1 WHERE id = ? AND tree_version = ?",
                behaviorId, version) == 0) {
            Tree now = tree(sql, behaviorId).orElseThrow(() -> new HttpStatusException(404,
                    "no behavior with id " + behaviorId));
            throw stale(behaviorId, version, now.version());
        }
        return tree(sql, behaviorId).orElseThrow();
    }

    /** The 409 of a write that names a version older than the tree's. */
    static HttpStatusException stale(long behaviorId, long version, long now) {
        return new HttpStatusException(409, "the tree of behavior " + behaviorId + " changed since version " + version
                + " was read (it is at version " + now + "); reload it and apply the edit again", "version");
    }

    private int insert(Sql sql, long behaviorId, Object nodes, String author, String note) {
        int number = sql.first("SELECT MAX(number) AS n FROM behavior_revision WHERE behavior_id = ?", behaviorId)
                .map(r -> r.getInt("n", 0)).orElse(0) + 1;
        sql.insert("INSERT INTO behavior_revision(behavior_id, number, nodes, author, note, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", behaviorId, number, json.write(nodes == null ? List.of() : nodes),
                author, note, clock.millis());
        return number;
    }

    private Object liveNodes(Sql sql, long behaviorId) {
        return json.parse(sql.first("SELECT nodes FROM behavior WHERE id = ?", behaviorId).orElseThrow()
                .getString("nodes"));
    }

    private Tree tree(Row r) {
        String draft = r.getString("draft_nodes");
        Long draftNumber = r.getLong("draft_revision");
        Long live = r.getLong("live_revision");
        return new Tree(r.getLong("tree_version"), json.parse(draft != null ? draft : r.getString("nodes")),
                draftNumber == null ? null : draftNumber.intValue(), live == null ? null : live.intValue());
    }
}
