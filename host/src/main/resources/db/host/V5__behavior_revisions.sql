-- Behavior editing (issue 14): every tree saved through the API is a revision (who, when, a short note); a
-- behavior's draft is one of its revisions, edited and tested while behavior.nodes (the live tree) keeps serving.
-- Publishing copies the draft into behavior.nodes in one transaction.
CREATE TABLE behavior_revision (
    id           ${id_pk},
    behavior_id  BIGINT        NOT NULL REFERENCES behavior(id) ON DELETE CASCADE,
    number       INTEGER       NOT NULL,  -- 1, 2, … per behavior
    nodes        TEXT          NOT NULL,  -- JSON array: the decision tree in Cerb's package node format
    author       VARCHAR(200)  NOT NULL,  -- the principal that saved it (e.g. token:ci, admin)
    note         VARCHAR(500)  NOT NULL,
    created_at   BIGINT        NOT NULL,
    UNIQUE (behavior_id, number)
);

-- tree_version: bumped by every tree write (draft save, publish, rollback); a write names the version it read and
-- is refused when it changed since, so two editors never overwrite each other unseen.
ALTER TABLE behavior ADD COLUMN tree_version BIGINT NOT NULL DEFAULT 0;
-- The revision number behavior.nodes was published from (null: the tree predates revisions, e.g. an import).
ALTER TABLE behavior ADD COLUMN live_revision INTEGER;
-- The revision number of the draft being edited (null: no draft; the editor starts from the live tree).
ALTER TABLE behavior ADD COLUMN draft_revision INTEGER;
