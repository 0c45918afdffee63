-- Bots and their behaviors (Cerb's bot / trigger_event). Portable SQL; JSON kept as text because it is only ever
-- read whole (the engine parses a behavior's tree once and caches it).

CREATE TABLE bot (
    id           ${id_pk},
    uid          VARCHAR(200),
    name         VARCHAR(255)  NOT NULL,
    is_disabled  INTEGER       NOT NULL,
    params       TEXT          NOT NULL,  -- JSON object: config, events, actions (as in Cerb packages)
    owner        TEXT          NOT NULL,  -- JSON object: {context, id}
    image        TEXT,
    created_at   BIGINT        NOT NULL,
    updated_at   BIGINT        NOT NULL
);

CREATE TABLE behavior (
    id           ${id_pk},
    uid          VARCHAR(200),
    bot_id       BIGINT        NOT NULL REFERENCES bot(id) ON DELETE CASCADE,
    title        VARCHAR(255)  NOT NULL,
    event_id     VARCHAR(200)  NOT NULL,
    priority     INTEGER       NOT NULL,
    is_disabled  INTEGER       NOT NULL,
    is_private   INTEGER       NOT NULL,
    variables    TEXT          NOT NULL,  -- JSON object: var_x -> {key, label, type, is_private, params}
    nodes        TEXT          NOT NULL,  -- JSON array: the decision tree
    created_at   BIGINT        NOT NULL,
    updated_at   BIGINT        NOT NULL
);
CREATE INDEX behavior_bot ON behavior(bot_id);
-- Broadcast looks behaviors up by event.
CREATE INDEX behavior_event ON behavior(event_id, priority);
