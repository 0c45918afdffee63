-- SQLite gives an INTEGER PRIMARY KEY without AUTOINCREMENT the highest id + 1, so deleting the newest row handed its
-- id to the next one: an id in an old log line, audit entry or script then named a new object. AUTOINCREMENT never
-- gives an id twice. SQLite cannot change a column, so each table whose ids people see is rebuilt here with the same
-- columns, rows and ids (sqlite_sequence starts after the highest copied id; an id freed before this migration cannot
-- be known). INSERT … SELECT * fails rather than drop a column the table has gained since.
-- A parent is rebuilt before its children and dropped after them, so no ON DELETE CASCADE fires; renaming bot_new to
-- bot also renames the reference in behavior_new.
-- SQLite only (db-sqlite/): PostgreSQL identity columns never reuse an id. Numbered before V4 so that later
-- migrations adding columns find the rebuilt tables. New tables get AUTOINCREMENT from the id_pk placeholder.

CREATE TABLE api_token_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        VARCHAR(200) NOT NULL,
    prefix      VARCHAR(40)  NOT NULL,
    sha256      VARCHAR(64)  NOT NULL UNIQUE,
    created_at  BIGINT       NOT NULL,
    created_by  VARCHAR(200) NOT NULL,
    last_used_at BIGINT,
    revoked_at  BIGINT
);
INSERT INTO api_token_new SELECT * FROM api_token;
DROP TABLE api_token;
ALTER TABLE api_token_new RENAME TO api_token;

CREATE TABLE audit_log_new (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       BIGINT        NOT NULL,
    actor    VARCHAR(200)  NOT NULL,
    action   VARCHAR(200)  NOT NULL,
    target   VARCHAR(400)  NOT NULL,
    details  TEXT          NOT NULL
);
INSERT INTO audit_log_new SELECT * FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TABLE ticket_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    mask            VARCHAR(32)   NOT NULL UNIQUE,
    subject         VARCHAR(255)  NOT NULL,
    body            TEXT          NOT NULL,
    requester       VARCHAR(320)  NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    priority        INTEGER       NOT NULL,
    created_at      BIGINT        NOT NULL,
    updated_at      BIGINT        NOT NULL
);
INSERT INTO ticket_new SELECT * FROM ticket;
DROP TABLE ticket;
ALTER TABLE ticket_new RENAME TO ticket;
CREATE INDEX ticket_updated_at ON ticket(updated_at);

CREATE TABLE bot_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uid          VARCHAR(200),
    name         VARCHAR(255)  NOT NULL,
    is_disabled  INTEGER       NOT NULL,
    params       TEXT          NOT NULL,
    owner        TEXT          NOT NULL,
    image        TEXT,
    created_at   BIGINT        NOT NULL,
    updated_at   BIGINT        NOT NULL
);
INSERT INTO bot_new SELECT * FROM bot;
CREATE TABLE behavior_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uid          VARCHAR(200),
    bot_id       BIGINT        NOT NULL REFERENCES bot_new(id) ON DELETE CASCADE,
    title        VARCHAR(255)  NOT NULL,
    event_id     VARCHAR(200)  NOT NULL,
    priority     INTEGER       NOT NULL,
    is_disabled  INTEGER       NOT NULL,
    is_private   INTEGER       NOT NULL,
    variables    TEXT          NOT NULL,
    nodes        TEXT          NOT NULL,
    created_at   BIGINT        NOT NULL,
    updated_at   BIGINT        NOT NULL
);
INSERT INTO behavior_new SELECT * FROM behavior;
DROP TABLE behavior;
DROP TABLE bot;
ALTER TABLE bot_new RENAME TO bot;
ALTER TABLE behavior_new RENAME TO behavior;
CREATE INDEX behavior_bot ON behavior(bot_id);
CREATE INDEX behavior_event ON behavior(event_id, priority);
